package io.statekv.node.watch.internal;

import io.statekv.node.watch.SubscriptionRecords;
import io.statekv.protocol.v1.CommandResult;
import io.statekv.protocol.v1.ErrorCode;
import io.statekv.protocol.v1.SubscriptionAckResponse;
import io.statekv.raft.Replica;
import io.statekv.storage.Entry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Writes acknowledgements through the log, coalesced: per subscription at most one cursor write is
 * in flight, and the acknowledgements that arrive meanwhile are covered by the next write, which
 * stores the highest of them. The cursor only moves forward: a write stores {@code max(stored,
 * wanted)}, conditioned on the entry's revision, and is retried after a conflict.
 *
 * <p>Runs on the leader (a non-leader's write fails with {@code not_leader}). A write is bound to
 * the subscription's creation revision, so a subscription deleted and created again under the same
 * name is never moved by acknowledgements of the old one. Thread-safe.
 */
final class AckCoalescer {
  /** Conflicting writes (a concurrent create or delete) retried at most. */
  static final int CONFLICT_RETRIES_MAX = 3;

  private record Waiter(long revision, CompletableFuture<SubscriptionAckResponse> answer) {}

  private static final class Cursor {
    final SubscriptionBinding binding;
    final List<Waiter> waiting = new ArrayList<>();
    long wanted;

    Cursor(SubscriptionBinding binding) {
      this.binding = binding;
    }
  }

  private final Replica replica;
  private final Map<SubscriptionBinding, Cursor> writing = new HashMap<>();

  AckCoalescer(Replica replica) {
    this.replica = replica;
  }

  /** Completes once a cursor write covering {@code revision} is applied, with the stored cursor. */
  CompletableFuture<SubscriptionAckResponse> ack(SubscriptionBinding binding, long revision) {
    CompletableFuture<SubscriptionAckResponse> answer = new CompletableFuture<>();
    Cursor start;
    synchronized (this) {
      Cursor c = writing.get(binding);
      start = c == null ? new Cursor(binding) : null;
      if (start != null) {
        writing.put(binding, start);
        c = start;
      }
      c.waiting.add(new Waiter(revision, answer));
      c.wanted = Math.max(c.wanted, revision);
    }
    if (start != null) {
      write(start, 0);
    }
    return answer;
  }

  private void write(Cursor c, int conflicts) {
    long wanted;
    synchronized (this) {
      wanted = c.wanted;
    }
    SubscriptionBinding b = c.binding;
    Entry entry = replica.store().get(SubscriptionRecords.SCOPE, b.name(), replica.readTime());
    if (entry == null || entry.createRevision() != b.createRevision()) {
      failAll(c, StreamRequestException.of(ErrorCode.NOT_FOUND, "subscription '" + b.name() + "' was deleted"));
      return;
    }
    long stored = SubscriptionRecords.decode(entry).getAckedRevision();
    if (wanted <= stored) {
      written(c, stored, entry.revision());
      return;
    }
    replica.submit(SubscriptionRecords.ackCommand(b.name(), entry.revision(), wanted)).whenComplete((result, failure) -> {
      if (failure != null) {
        failAll(c, failure);
      } else if (result.hasError() && result.getError().getCode() == ErrorCode.CONFLICT && conflicts < CONFLICT_RETRIES_MAX) {
        write(c, conflicts + 1);
      } else if (result.hasError()) {
        failAll(c, new StreamRequestException(result.getError()));
      } else {
        written(c, wanted, revisionOf(result));
      }
    });
  }

  private static long revisionOf(CommandResult result) {
    return result.getWrite().getEntry().getRevision();
  }

  /** The cursor is {@code acked}: answer the covered waiters, and write again if others wait. */
  private void written(Cursor c, long acked, long revision) {
    List<Waiter> done = new ArrayList<>();
    boolean again;
    synchronized (this) {
      for (Iterator<Waiter> it = c.waiting.iterator(); it.hasNext(); ) {
        Waiter w = it.next();
        if (w.revision() <= acked) {
          done.add(w);
          it.remove();
        }
      }
      again = !c.waiting.isEmpty();
      if (!again) {
        writing.remove(c.binding);
      }
    }
    SubscriptionAckResponse response = SubscriptionAckResponse.newBuilder().setAckedRevision(acked).setRevision(revision).build();
    done.forEach(w -> w.answer().complete(response));
    if (again) {
      write(c, 0);
    }
  }

  private void failAll(Cursor c, Throwable failure) {
    List<Waiter> failed;
    synchronized (this) {
      failed = new ArrayList<>(c.waiting);
      c.waiting.clear();
      writing.remove(c.binding);
    }
    failed.forEach(w -> w.answer().completeExceptionally(failure));
  }
}
