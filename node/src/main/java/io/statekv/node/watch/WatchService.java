package io.statekv.node.watch;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.statekv.node.watch.internal.EventHistory;
import io.statekv.node.watch.internal.FanOut;
import io.statekv.node.watch.internal.FanOutCommand;
import io.statekv.node.watch.internal.FanOutStats;
import io.statekv.node.watch.internal.LeadershipProbe;
import io.statekv.node.watch.internal.StreamRequests;
import io.statekv.node.watch.internal.Subscriptions;
import io.statekv.protocol.v1.Error;
import io.statekv.protocol.v1.ErrorCode;
import io.statekv.raft.ApplyListener;
import io.statekv.raft.ClusterView;
import io.statekv.raft.Member;
import io.statekv.raft.Replica;
import io.statekv.storage.Event;
import java.util.List;

/**
 * The node's change events: the bounded history of recent events, filled from the replica's apply
 * listener, and the fan-out thread that serves every watch and consume stream of the node's
 * transports from it. See docs/watch.md.
 *
 * <p>Create it before the replica starts (it registers its apply listener), {@link #start()} it,
 * and give each transport its own {@link WatchStreams} with {@link #open}. Thread-safe. The apply
 * thread only appends to the history and wakes the fan-out thread; it never waits on a watcher.
 */
public final class WatchService implements AutoCloseable {
  private final Replica replica;
  private final EventHistory history;
  private final FanOut fanOut;
  private final Subscriptions subscriptions;

  /**
   * @param nodeId names the fan-out thread
   */
  public WatchService(Replica replica, WatchConfig config, String nodeId) {
    this.replica = replica;
    this.history = new EventHistory(config.historyEventsMax(), config.historyBytesMax());
    this.fanOut = new FanOut(history, config, leadership(replica), nodeId);
    this.subscriptions = new Subscriptions(replica, fanOut);
    replica.addApplyListener(new ApplyListener() {
      @Override
      public void onApplied(long revision, List<Event> events) {
        history.append(revision, events);
        fanOut.eventsAppended();
      }

      @Override
      public void onReset(long revision) {
        history.reset(revision);
        fanOut.wake();
      }
    });
  }

  /** Registers the watch metrics (see docs/operations.md). */
  public void bindMetrics(MeterRegistry registry) {
    FanOutStats stats = fanOut.stats();
    Gauge.builder("statekv.watch.watchers", fanOut, FanOut::watchers)
        .description("open watches and consume streams on this node").register(registry);
    Gauge.builder("statekv.watch.history.events", history, EventHistory::events)
        .description("events the node's history holds").register(registry);
    FunctionCounter.builder("statekv.watch.responses", stats, FanOutStats::responses)
        .description("watch responses written").register(registry);
    FunctionCounter.builder("statekv.watch.deliveries", stats, FanOutStats::deliveries)
        .description("events delivered, once per watch that receives them").register(registry);
    FunctionCounter.builder("statekv.watch.flushes", stats, FanOutStats::flushes)
        .description("connection flushes of the fan-out").register(registry);
    FunctionCounter.builder("statekv.watch.rounds", stats, FanOutStats::rounds)
        .description("fan-out rounds that wrote to a connection").register(registry);
  }

  /** Starts the fan-out thread. */
  public void start() {
    fanOut.start();
  }

  /** The watches of one new transport. */
  public WatchStreams open(WatchSink sink) {
    return new WatchStreams(new StreamRequests(fanOut, sink, subscriptions));
  }

  /** A subscription was deleted: its consume streams on this node end with {@code not_found}. */
  public void subscriptionDeleted(String name) {
    fanOut.submit(new FanOutCommand.EndSubscription(name, Error.newBuilder().setCode(ErrorCode.NOT_FOUND)
        .setMessage("subscription '" + name + "' was deleted").setOpIndex(-1).build()));
  }

  /** The oldest revision a watch may start at on this node. */
  public long oldestRevision() {
    return history.floor() + 1;
  }

  /** Open watches and consume streams on this node (as of the fan-out's last round). */
  public int watchers() {
    return fanOut.watchers();
  }

  /** Events the history holds now. */
  public long historyEvents() {
    return history.events();
  }

  /** Stops the fan-out; open watches are cancelled with {@code unavailable}, so clients resume elsewhere. */
  @Override
  public void close() {
    fanOut.close();
  }

  private static LeadershipProbe leadership(Replica replica) {
    return () -> {
      ClusterView view = replica.cluster();
      if (view.leaderId().equals(view.nodeId())) {
        return null;
      }
      return notLeader(view);
    };
  }

  /** The {@code not_leader} error of this node's view, with the leader's client address when known. */
  public static Error notLeader(ClusterView view) {
    String address = "";
    for (Member m : view.members()) {
      if (m.id().equals(view.leaderId())) {
        address = m.clientAddress();
      }
    }
    return Error.newBuilder().setCode(ErrorCode.NOT_LEADER).setOpIndex(-1)
        .setMessage("consume streams and acknowledgements are served by the leader"
            + (view.leaderId().isEmpty() ? "; no leader is known yet" : ", " + view.leaderId()))
        .setLeaderId(view.leaderId()).setLeaderAddress(address).build();
  }
}
