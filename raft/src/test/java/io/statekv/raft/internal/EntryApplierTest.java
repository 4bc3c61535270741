package io.statekv.raft.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.statekv.protocol.v1.ClientCommand;
import io.statekv.protocol.v1.CommandBatch;
import io.statekv.protocol.v1.LogEntry;
import io.statekv.raft.internal.EntryApplier.Applied;
import io.statekv.storage.StateStore;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A replica that did not propose an entry applies it alike, without encoding results nobody waits for. */
class EntryApplierTest {
  private static LogEntry batch(long leaderTime, ClientCommand... commands) {
    return LogEntry.newBuilder()
        .setFormatVersion(LogEntries.FORMAT_VERSION)
        .setLeaderTimeMs(leaderTime)
        .setBatch(CommandBatch.newBuilder().addAllCommands(List.of(commands)))
        .build();
  }

  @Test
  void unansweredEntriesChangeTheStoreAndProduceEventsExactlyAsAnsweredOnes() {
    UUID client = UUID.randomUUID();
    List<LogEntry> log = List.of(
        batch(1_000, Commands.set("s", "a", "{\"n\":1}"), Commands.withSession(Commands.set("s", "b", "[1,2]"), client, 1)),
        batch(2_000, Commands.increment("s", "a", "n", 5), Commands.setWithTtl("s", "c", "\"x\"", 1)),
        // An invalid command (bad JSON) and a valid one share an entry.
        batch(3_000, Commands.set("s", "d", "{bad"), Commands.delete("s", "b")),
        batch(9_000, Commands.withSession(Commands.set("s", "b", "{\"é\":1.5,\"k\":\"\\u0041\"}"), client, 2)));
    try (Stores stores = new Stores()) {
      long index = 1;
      for (LogEntry entry : log) {
        Applied answered = EntryApplier.apply(stores.leader, index, entry, true);
        Applied unanswered = EntryApplier.apply(stores.follower, index, entry, false);
        assertThat(unanswered.events()).isEqualTo(answered.events());
        assertThat(answered.result().getResultsCount()).isEqualTo(entry.getBatch().getCommandsCount());
        assertThat(unanswered.result().getResultsCount()).isZero();
        assertThat(unanswered.result().getRevision()).isEqualTo(index);
        index++;
      }
      assertThat(stores.follower.stateHash()).isEqualTo(stores.leader.stateHash());
      assertThat(stores.follower.appliedRevision()).isEqualTo(log.size());
    }
  }

  private static final class Stores implements AutoCloseable {
    final StateStore leader = StateStore.create();
    final StateStore follower = StateStore.create();

    @Override
    public void close() {
      leader.close();
      follower.close();
    }
  }
}
