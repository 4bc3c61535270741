package io.statekv.node.watch;

import java.time.Duration;

/**
 * Node-local settings of the watch service. None changes which events a watch sees, only how
 * far back a node can serve and how long it tolerates a slow watcher.
 *
 * @param historyEventsMax events the node's history keeps at most ({@code watch_history_events_max})
 * @param historyBytesMax estimated bytes of events the history keeps at most; whichever bound is
 *     reached first evicts the oldest revisions
 * @param progressInterval a watch with progress notifications that sent nothing for this long gets
 *     one
 * @param stallMax a watcher that has events to send and whose transport stays unwritable this long
 *     is cancelled with {@code slow_watcher}
 * @param watchersMax open watches on the node at most; beyond it a new watch gets {@code
 *     unavailable}
 * @param connectionWatchersMax open watches on one connection at most; beyond it {@code
 *     invalid_argument}
 * @param batchInterval the least time from one fan-out round that wrote live events to the next:
 *     events applied in between go out together, in one write per connection, instead of one each;
 *     zero sends every round at once
 */
public record WatchConfig(
    int historyEventsMax,
    long historyBytesMax,
    Duration progressInterval,
    Duration stallMax,
    int watchersMax,
    int connectionWatchersMax,
    Duration batchInterval) {

  public static final int HISTORY_EVENTS_MAX_DEFAULT = 100_000;
  public static final long HISTORY_BYTES_MAX_DEFAULT = 256L << 20;
  public static final Duration PROGRESS_INTERVAL_DEFAULT = Duration.ofSeconds(1);
  public static final Duration STALL_MAX_DEFAULT = Duration.ofSeconds(5);
  public static final int WATCHERS_MAX_DEFAULT = 100_000;
  public static final int CONNECTION_WATCHERS_MAX_DEFAULT = 10_000;
  public static final Duration BATCH_INTERVAL_DEFAULT = Duration.ofMillis(1);
  /** The longest batch interval: beyond it the added lag would be felt by every watcher. */
  public static final Duration BATCH_INTERVAL_MAX = Duration.ofMillis(100);

  public static final WatchConfig DEFAULTS = new WatchConfig(
      HISTORY_EVENTS_MAX_DEFAULT, HISTORY_BYTES_MAX_DEFAULT, PROGRESS_INTERVAL_DEFAULT, STALL_MAX_DEFAULT,
      WATCHERS_MAX_DEFAULT, CONNECTION_WATCHERS_MAX_DEFAULT, BATCH_INTERVAL_DEFAULT);

  public WatchConfig {
    if (historyEventsMax < 1 || historyBytesMax < 1) {
      throw new IllegalArgumentException("watch history bounds must be positive");
    }
    if (progressInterval.toMillis() < 10 || stallMax.toMillis() < 10) {
      throw new IllegalArgumentException("watch progress interval and stall bound must be at least 10 ms");
    }
    if (watchersMax < 1 || connectionWatchersMax < 1) {
      throw new IllegalArgumentException("watcher bounds must be positive");
    }
    if (batchInterval.isNegative() || batchInterval.compareTo(BATCH_INTERVAL_MAX) > 0) {
      throw new IllegalArgumentException("watch batch interval must be from 0 to " + BATCH_INTERVAL_MAX.toMillis()
          + " ms: " + batchInterval.toMillis() + " ms");
    }
  }

  /** The defaults with another history size. */
  public WatchConfig withHistoryEventsMax(int events) {
    return new WatchConfig(events, historyBytesMax, progressInterval, stallMax, watchersMax, connectionWatchersMax,
        batchInterval);
  }

  public WatchConfig withProgressInterval(Duration interval) {
    return new WatchConfig(historyEventsMax, historyBytesMax, interval, stallMax, watchersMax, connectionWatchersMax,
        batchInterval);
  }

  public WatchConfig withBatchInterval(Duration interval) {
    return new WatchConfig(historyEventsMax, historyBytesMax, progressInterval, stallMax, watchersMax, connectionWatchersMax,
        interval);
  }

  public WatchConfig withStallMax(Duration stall) {
    return new WatchConfig(historyEventsMax, historyBytesMax, progressInterval, stall, watchersMax, connectionWatchersMax,
        batchInterval);
  }
}
