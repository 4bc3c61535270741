package io.statekv.raft.internal;

import io.statekv.protocol.v1.BatchResult;
import io.statekv.protocol.v1.ClientCommand;
import io.statekv.protocol.v1.CommandResult;
import io.statekv.protocol.v1.ErrorCode;
import io.statekv.protocol.v1.LogEntry;
import io.statekv.protocol.v1.SettingsCommand;
import io.statekv.raft.internal.CommandDecoder.Decoded;
import io.statekv.raft.internal.CommandDecoder.Invalid;
import io.statekv.raft.internal.CommandDecoder.Valid;
import io.statekv.storage.ApplyOutput;
import io.statekv.storage.ClusterSettings;
import io.statekv.storage.Command;
import io.statekv.storage.Event;
import io.statekv.storage.Limits;
import io.statekv.storage.Request;
import io.statekv.storage.Result;
import io.statekv.storage.StateStore;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies one decoded log entry to a store: decodes its commands, applies them all at the entry's
 * index with the leader's stamp, and encodes one result per client command.
 *
 * <p>Deterministic: it reads only the store and the entry. Malformed commands are answered with
 * {@code invalid_argument} without reaching the store; an entry of well-formed commands reaches
 * {@link StateStore#apply} whole, and an entry without any still advances the store's applied
 * revision. Stateless.
 */
final class EntryApplier {
  private EntryApplier() {}

  /** What applying an entry produced. */
  record Applied(BatchResult result, List<Event> events) {}

  /**
   * @param answered whether anybody waits for the commands' results: only on the replica that
   *     proposed the entry. Elsewhere the results are not encoded; the store changes alike.
   */
  static Applied apply(StateStore store, long index, LogEntry entry, boolean answered) {
    long stamp = entry.getLeaderTimeMs();
    switch (entry.getBodyCase()) {
      case BATCH:
        return batch(store, index, stamp, entry.getBatch().getCommandsList(), answered);
      case EXPIRE:
        return expire(store, index, stamp, entry.getExpire().getMax());
      case SETTINGS:
        return settings(store, index, stamp, entry.getSettings());
      default:
        return nothing(store, index, stamp);
    }
  }

  /** Advances the applied revision for an entry without commands (Raft's own entries too). */
  static Applied nothing(StateStore store, long index, long stamp) {
    ApplyOutput out = store.apply(index, stamp, List.of());
    return new Applied(BatchResult.newBuilder().setRevision(index).build(), out.events());
  }

  private static Applied batch(
      StateStore store, long index, long stamp, List<ClientCommand> commands, boolean answered) {
    List<Decoded> decoded = new ArrayList<>(commands.size());
    List<Request> requests = new ArrayList<>(commands.size());
    for (ClientCommand c : commands) {
      Decoded d = CommandDecoder.decode(c);
      decoded.add(d);
      if (d instanceof Valid v) {
        requests.add(v.request());
      }
    }
    ApplyOutput out = store.apply(index, stamp, requests);
    if (out.results().size() != requests.size() || out.duplicates().size() != requests.size()) {
      throw new IllegalStateException("the store answered " + out.results().size() + " results for "
          + requests.size() + " requests at revision " + index);
    }
    BatchResult.Builder result = BatchResult.newBuilder().setRevision(index);
    if (!answered) {
      return new Applied(result.build(), out.events());
    }
    int next = 0;
    for (Decoded d : decoded) {
      if (d instanceof Invalid i) {
        result.addResults(ResultEncoder.encode(i.failure(), false, index));
      } else {
        result.addResults(ResultEncoder.encode(out.results().get(next), out.duplicates().get(next), index));
        next++;
      }
    }
    return new Applied(result.build(), out.events());
  }

  private static Applied expire(StateStore store, long index, long stamp, int max) {
    if (max < 1 || max > Limits.EXPIRE_BATCH_MAX) {
      // Only a faulty leader proposes this; every replica skips it alike.
      return nothing(store, index, stamp);
    }
    ApplyOutput out = store.apply(index, stamp, List.of(new Request(null, new Command.Expire(max))));
    return new Applied(BatchResult.newBuilder().setRevision(index).build(), out.events());
  }

  private static Applied settings(StateStore store, long index, long stamp, SettingsCommand s) {
    ClusterSettings settings;
    try {
      settings = new ClusterSettings(
          s.getValueBytesMax(), s.getEntriesMax(), s.getStateBytesMax(), s.getSessionsMax(), s.getSessionTtlMillis());
    } catch (IllegalArgumentException e) {
      Applied none = nothing(store, index, stamp);
      CommandResult error = CommandResult.newBuilder()
          .setError(io.statekv.protocol.v1.Error.newBuilder()
              .setCode(ErrorCode.INVALID_ARGUMENT).setMessage(e.getMessage()).setOpIndex(-1))
          .build();
      return new Applied(none.result().toBuilder().addResults(error).build(), none.events());
    }
    ApplyOutput out = store.apply(index, stamp, List.of(new Request(null, new Command.ChangeSettings(settings))));
    CommandResult.Builder answer = CommandResult.newBuilder();
    Result r = out.results().get(0);
    if (r instanceof Result.Failed f) {
      answer.setError(ResultEncoder.error(f));
    }
    return new Applied(BatchResult.newBuilder().setRevision(index).addResults(answer).build(), out.events());
  }
}
