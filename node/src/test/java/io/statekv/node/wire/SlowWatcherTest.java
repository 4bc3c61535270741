package io.statekv.node.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.statekv.client.StateKvClient;
import io.statekv.client.Watch;
import io.statekv.client.WatchFilter;
import io.statekv.node.watch.WatchConfig;
import io.statekv.protocol.v1.ClientMessage;
import io.statekv.protocol.v1.ErrorCode;
import io.statekv.protocol.v1.NodeMessage;
import io.statekv.protocol.v1.WatchCreateRequest;
import io.statekv.protocol.v1.WatchResponse;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A watcher that never reads, on a real socket: the node stops writing to it when its connection
 * backs up, cancels it with slow_watcher after the stall bound, and keeps serving other watchers.
 */
class SlowWatcherTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int WRITES = 150;

  @TempDir
  Path root;

  private static int watchersOn(LocalCluster cluster) {
    return cluster.running().stream().mapToInt(id -> cluster.node(id).watches().watchers()).sum();
  }

  @Test
  void aWatcherThatNeverReadsIsCancelledWhileOthersGetEverything() throws Exception {
    try (LocalCluster cluster = new LocalCluster(root, 3, Duration.ofMillis(800), Duration.ofMillis(1600))
            .watchConfig(WatchConfig.DEFAULTS.withStallMax(Duration.ofSeconds(1)))) {
      cluster.startAll();
      try (StateKvClient client = StateKvClient.builder().endpoints(cluster.endpoints()).build()) {
        run(cluster, client);
      }
    }
  }

  private void run(LocalCluster cluster, StateKvClient client) throws Exception {
    {
      String leader = cluster.awaitLeader();
      String member = cluster.node(leader).member().clientAddress();
      InetSocketAddress address = new InetSocketAddress("127.0.0.1", Integer.parseInt(member.substring(member.lastIndexOf(':') + 1)));
      try (RawConnection stuck = RawConnection.open(address, 8 << 10)) {
        stuck.send(ClientMessage.newBuilder().setRequestId(2)
            .setWatchCreate(WatchCreateRequest.newBuilder().setFilter(io.statekv.protocol.v1.WatchFilter.newBuilder().setScope("big")))
            .build());
        assertThat(stuck.receive().getWatch().getCreated()).isTrue();
        WatchRecorder healthy = new WatchRecorder();
        long from = client.set("big", "seed", 0).entry().revision() + 1;
        try (Watch watch = client.watch(WatchFilter.scope("big"), from, healthy)) {
          Await.until("both watches open", WAIT, () -> watchersOn(cluster) == 2);
          String value = "x".repeat(64 << 10);
          for (int i = 0; i < WRITES; i++) {
            client.set("big", "k" + i, value);
          }
          Await.until("the stuck watcher's cancellation", WAIT, () -> watchersOn(cluster) == 1);
          Await.until("every event at the healthy watcher", WAIT, () -> healthy.count() == WRITES);
          assertThat(healthy.errors()).isEmpty();
        }
        assertStuckWatchEndedSlow(stuck);
      }
    }
  }

  /** Reading at last: some events in order, then the cancellation with slow_watcher, before all were sent. */
  private static void assertStuckWatchEndedSlow(RawConnection stuck) throws Exception {
    int events = 0;
    long previous = 0;
    while (true) {
      NodeMessage message = stuck.receive();
      assertThat(message.getRequestId()).isEqualTo(2);
      WatchResponse r = message.getWatch();
      for (io.statekv.protocol.v1.Event e : r.getEventsList()) {
        assertThat(e.getRevision()).isGreaterThan(previous);
        previous = e.getRevision();
        events++;
      }
      if (r.getCanceled()) {
        assertThat(r.getCancelReason().getCode()).isEqualTo(ErrorCode.SLOW_WATCHER);
        assertThat(r.getProgressRevision()).as("the resume point names what was sent").isGreaterThanOrEqualTo(previous);
        break;
      }
    }
    assertThat(events).as("events sent before the cancellation").isLessThan(WRITES);
  }
}
