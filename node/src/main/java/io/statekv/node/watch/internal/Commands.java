package io.statekv.node.watch.internal;

import io.statekv.node.watch.WatchConfig;
import io.statekv.protocol.v1.Error;
import io.statekv.protocol.v1.ErrorCode;
import java.util.ArrayList;

/**
 * Carries out {@link FanOutCommand}s on the fan-out thread. Creation checks the start revision
 * against the history in the same step that registers the watcher, so no event can slip between
 * the check and the first delivery.
 */
final class Commands {
  private final Watchers state;
  private final WatchConfig config;
  private long nextWatchId = 1;

  Commands(Watchers state, WatchConfig config) {
    this.state = state;
    this.config = config;
  }

  void apply(FanOutCommand command, long nowNanos) {
    if (command instanceof FanOutCommand.Create c) {
      c.answer().complete(create(c, nowNanos));
    } else if (command instanceof FanOutCommand.Cancel c) {
      c.answer().complete(cancel(c));
    } else if (command instanceof FanOutCommand.Progress p) {
      p.answer().complete(progress(p, nowNanos));
    } else if (command instanceof FanOutCommand.Close c) {
      for (Watcher w : new ArrayList<>(c.transport().watchers.values())) {
        state.forget(w);
      }
    } else if (command instanceof FanOutCommand.EndSubscription e) {
      for (Watcher w : new ArrayList<>(state.all)) {
        if (w.subscription != null && w.subscription.name().equals(e.name())) {
          state.cancel(w, e.reason());
        }
      }
    } else {
      throw new IllegalArgumentException("unknown fan-out command " + command);
    }
  }

  private Error create(FanOutCommand.Create c, long nowNanos) {
    Transport t = c.transport();
    if (t.isClosed()) {
      return Cancellations.error(ErrorCode.CANCELLED, "the connection closed before the watch started");
    }
    if (state.all.size() >= config.watchersMax()) {
      return Cancellations.error(ErrorCode.UNAVAILABLE, "this node serves its maximum of " + config.watchersMax()
          + " watches; try another node");
    }
    if (t.watchers.size() >= config.connectionWatchersMax()) {
      return Cancellations.error(ErrorCode.INVALID_ARGUMENT, "this connection has its maximum of "
          + config.connectionWatchersMax() + " open watches");
    }
    if (t.hasStream(c.streamId())) {
      return Cancellations.error(ErrorCode.INVALID_ARGUMENT, "request_id " + c.streamId()
          + " already names an open watch on this connection");
    }
    EventHistory history = state.history;
    long floor = history.floor();
    long start = c.start() == 0 ? history.applied() + 1 : c.start();
    if (start <= floor) {
      return Cancellations.compacted(start, floor, start <= history.resetFloor());
    }
    Watcher w = new Watcher(nextWatchId++, c.streamId(), t, c.filter(), c.progressNotify(),
        c.sharedResponses() && c.subscription() == null, c.subscription(), start, nowNanos);
    state.register(w);
    w.sendCreated(floor + 1, nowNanos);
    return null;
  }

  private Error cancel(FanOutCommand.Cancel c) {
    Watcher w = c.transport().watchers.get(c.watchId());
    if (w == null) {
      return Cancellations.error(ErrorCode.NOT_FOUND, "no open watch " + c.watchId() + " on this connection");
    }
    state.cancel(w, null);
    return null;
  }

  private Error progress(FanOutCommand.Progress p, long nowNanos) {
    if (p.watchId() == 0) {
      for (Watcher w : p.transport().watchers.values()) {
        w.sendProgress(state.servedThrough(w), nowNanos);
      }
      return null;
    }
    Watcher w = p.transport().watchers.get(p.watchId());
    if (w == null) {
      return Cancellations.error(ErrorCode.NOT_FOUND, "no open watch " + p.watchId() + " on this connection");
    }
    w.sendProgress(state.servedThrough(w), nowNanos);
    return null;
  }
}
