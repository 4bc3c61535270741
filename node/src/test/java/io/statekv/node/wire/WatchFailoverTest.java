package io.statekv.node.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.statekv.client.StateKvClient;
import io.statekv.client.StateKvException;
import io.statekv.client.Watch;
import io.statekv.client.WatchEvent;
import io.statekv.client.WatchFilter;
import io.statekv.client.WriteResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A watch across node failures on a real three-node cluster: the node serving it is killed and
 * restarted, then the leader is killed, while writers keep writing. The watch must deliver every
 * acknowledged write exactly once, in revision order, and nothing that was not written.
 */
class WatchFailoverTest {
  private static final Duration WAIT = Duration.ofSeconds(90);

  @TempDir
  Path root;

  /** What writers learned: acknowledged keys with their revision, and keys whose outcome is unknown. */
  private final Map<String, Long> acked = new ConcurrentHashMap<>();
  private final Set<String> unknown = ConcurrentHashMap.newKeySet();
  private final AtomicInteger ackCount = new AtomicInteger();

  private List<Thread> startWriters(StateKvClient client, AtomicBoolean stop) {
    List<Thread> writers = new ArrayList<>();
    for (int w = 0; w < 3; w++) {
      int writer = w;
      writers.add(new Thread(() -> {
        for (int i = 0; !stop.get(); i++) {
          String key = "w" + writer + "-" + i;
          try {
            WriteResult r = client.set("load", key, Map.of("writer", writer, "i", i));
            acked.put(key, r.entry().revision());
            ackCount.incrementAndGet();
          } catch (StateKvException e) {
            if (e.outcomeUnknown()) {
              unknown.add(key);
            }
          }
        }
      }));
    }
    writers.forEach(Thread::start);
    return writers;
  }

  private void awaitMoreWrites(int more) {
    int target = ackCount.get() + more;
    Await.until(more + " more acknowledged writes", WAIT, () -> ackCount.get() >= target);
  }

  private static String servingNode(LocalCluster cluster) {
    String[] serving = new String[1];
    Await.until("a node serving the watch", WAIT, () -> {
      for (String id : cluster.running()) {
        if (cluster.node(id).watches().watchers() > 0) {
          serving[0] = id;
          return true;
        }
      }
      return false;
    });
    return serving[0];
  }

  @Test
  void everyAcknowledgedWriteArrivesOnceInOrderAcrossAKillARestartAndALeaderKill() throws Exception {
    try (LocalCluster cluster = LocalCluster.started(root, 3);
        StateKvClient client = StateKvClient.builder().endpoints(cluster.endpoints())
            .requestTimeout(Duration.ofSeconds(20)).build()) {
      cluster.awaitLeader();
      WatchRecorder recorder = new WatchRecorder();
      Watch watch = client.watch(WatchFilter.scope("load"), 1, recorder);
      AtomicBoolean stop = new AtomicBoolean();
      List<Thread> writers = startWriters(client, stop);
      awaitMoreWrites(100);

      String serving = servingNode(cluster);
      cluster.stop(serving);
      awaitMoreWrites(100);
      cluster.restart(serving);
      awaitMoreWrites(100);
      String leader = cluster.awaitLeader();
      cluster.stop(leader);
      awaitMoreWrites(100);
      stop.set(true);
      for (Thread writer : writers) {
        writer.join();
      }

      long newest = acked.values().stream().mapToLong(Long::longValue).max().orElseThrow();
      Await.until("the watch to reach revision " + newest, WAIT, () -> watch.lastRevision() >= newest);
      watch.cancel();
      assertThat(recorder.errors()).isEmpty();
      assertExactlyTheWrites(recorder.events(), newest);
    }
  }

  private void assertExactlyTheWrites(List<WatchEvent> events, long newest) {
    Set<String> seen = new HashSet<>();
    long previous = 0;
    for (WatchEvent e : events) {
      assertThat(e.revision()).as("revision order at %s", e.key()).isGreaterThanOrEqualTo(previous);
      previous = e.revision();
      assertThat(seen.add(e.key())).as("%s delivered once", e.key()).isTrue();
      Long ackedAt = acked.get(e.key());
      if (ackedAt != null) {
        assertThat(e.revision()).as("revision of %s", e.key()).isEqualTo(ackedAt);
      } else {
        assertThat(unknown).as("%s was written (outcome unknown) if not acknowledged", e.key()).contains(e.key());
      }
    }
    for (Map.Entry<String, Long> write : acked.entrySet()) {
      assertThat(seen).as("acknowledged write %s at revision %d (watch reached %d)", write.getKey(), write.getValue(), newest)
          .contains(write.getKey());
    }
    assertThat(acked.size()).isGreaterThanOrEqualTo(400);
  }
}
