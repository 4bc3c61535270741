package io.statekv.node.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.statekv.client.Entry;
import io.statekv.client.OutcomeUnknownException;
import io.statekv.client.StateKvClient;
import io.statekv.client.StateKvException;
import io.statekv.client.UpdateOp;
import io.statekv.client.WriteOptions;
import io.statekv.protocol.v1.ClientMessage;
import io.statekv.protocol.v1.ErrorCode;
import io.statekv.protocol.v1.Hello;
import io.statekv.protocol.v1.NodeMessage;
import io.statekv.protocol.v1.SessionInfo;
import io.statekv.protocol.v1.UpdateRequest;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Leader failures and leader changes under a real three-node cluster, seen through the client. */
class ClientFailoverTest {
  @TempDir
  Path root;

  /** What one writer learned about each of its keys. */
  enum Outcome { ACKED, FAILED, UNKNOWN }

  @Test
  void leaderFailoverMidLoadLosesNoAcknowledgedWrite() throws Exception {
    try (LocalCluster cluster = LocalCluster.started(root, 3);
        StateKvClient client = StateKvClient.builder().endpoints(cluster.endpoints())
            .requestTimeout(Duration.ofSeconds(20)).build()) {
      String leader = cluster.awaitLeader();
      Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger acked = new AtomicInteger();
      List<Thread> writers = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        int writer = w;
        writers.add(new Thread(() -> {
          for (int i = 0; !stop.get(); i++) {
            String key = "w" + writer + "-" + i;
            try {
              client.set("load", key, Map.of("writer", writer, "i", i));
              outcomes.put(key, Outcome.ACKED);
              acked.incrementAndGet();
            } catch (StateKvException e) {
              outcomes.put(key, e.outcomeUnknown() ? Outcome.UNKNOWN : Outcome.FAILED);
            }
          }
        }));
      }
      writers.forEach(Thread::start);
      Await.until("writes before the failure", Duration.ofSeconds(30), () -> acked.get() >= 100);
      cluster.stop(leader);
      int ackedAtFailure = acked.get();
      Await.until("writes after the failure", Duration.ofSeconds(60), () -> acked.get() >= ackedAtFailure + 100);
      stop.set(true);
      for (Thread writer : writers) {
        writer.join();
      }
      assertThat(cluster.awaitLeader()).isNotEqualTo(leader);
      for (Map.Entry<String, Outcome> outcome : outcomes.entrySet()) {
        String[] parts = outcome.getKey().substring(1).split("-");
        java.util.Optional<Entry> stored = client.get("load", outcome.getKey());
        switch (outcome.getValue()) {
          case ACKED -> assertThat(stored).as("acknowledged write %s", outcome.getKey()).isPresent()
              .get().satisfies(e -> assertThat(e.value().path("i").intValue()).isEqualTo(Integer.parseInt(parts[1])));
          case FAILED -> assertThat(stored).as("definitely failed write %s", outcome.getKey()).isEmpty();
          case UNKNOWN -> { }
        }
      }
      Map<Outcome, Long> counts = outcomes.values().stream()
          .collect(java.util.stream.Collectors.groupingBy(o -> o, java.util.stream.Collectors.counting()));
      System.out.println("failover under load: " + counts);
      assertThat(counts.get(Outcome.ACKED)).isGreaterThanOrEqualTo(200);
    }
  }

  @Test
  void incrementsAcrossLeaderChangesApplyExactlyOnce() throws Exception {
    try (LocalCluster cluster = LocalCluster.started(root, 3);
        StateKvClient client = StateKvClient.builder().endpoints(cluster.endpoints())
            .requestTimeout(Duration.ofSeconds(20)).build()) {
      String leader = cluster.awaitLeader();
      AtomicInteger acked = new AtomicInteger();
      AtomicInteger unknown = new AtomicInteger();
      AtomicBoolean stop = new AtomicBoolean();
      List<Thread> writers = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        writers.add(new Thread(() -> {
          while (!stop.get()) {
            try {
              client.update("counters", "c", List.of(UpdateOp.increment("n", 1)), WriteOptions.NONE);
              acked.incrementAndGet();
            } catch (StateKvException e) {
              if (e.outcomeUnknown()) {
                unknown.incrementAndGet();
              }
            }
          }
        }));
      }
      writers.forEach(Thread::start);
      Await.until("increments before the change", Duration.ofSeconds(30), () -> acked.get() >= 50);
      client.admin().transferLeader("");
      Await.until("a new leader", Duration.ofSeconds(30), () -> !cluster.awaitLeader().equals(leader));
      int before = acked.get();
      Await.until("increments after the change", Duration.ofSeconds(30), () -> acked.get() >= before + 50);
      cluster.stop(cluster.awaitLeader());
      int beforeCrash = acked.get();
      Await.until("increments after the crash", Duration.ofSeconds(60), () -> acked.get() >= beforeCrash + 50);
      stop.set(true);
      for (Thread writer : writers) {
        writer.join();
      }
      long counter = client.get("counters", "c").orElseThrow().value().path("n").longValue();
      System.out.println("increments: counter=" + counter + " acked=" + acked.get() + " unknown=" + unknown.get());
      // Every acknowledged increment applied once; an unknown one applied at most once.
      assertThat(counter).isBetween((long) acked.get(), (long) acked.get() + unknown.get());
    }
  }

  @Test
  void aRetriedWriteIsAnsweredFromItsSessionByTheNewLeader() throws Exception {
    try (LocalCluster cluster = LocalCluster.started(root, 3)) {
      String leader = cluster.awaitLeader();
      UUID clientId = UUID.randomUUID();
      ClientMessage increment = ClientMessage.newBuilder()
          .setUpdate(UpdateRequest.newBuilder().setScope("s").setKey("once")
              .addOps(io.statekv.protocol.v1.UpdateOp.newBuilder().setType(io.statekv.protocol.v1.UpdateOp.Type.INCREMENT).setBy(1)))
          .setSession(SessionInfo.newBuilder().setSeq(1).setAckedBelow(1))
          .build();
      NodeMessage first;
      try (RawConnection connection = helloAs(cluster.endpoint(leader), clientId)) {
        connection.send(increment.toBuilder().setRequestId(2).build());
        first = connection.receive();
      }
      assertThat(first.hasWrite()).as(first.toString()).isTrue();
      assertThat(first.getWrite().getNewValueJson().toStringUtf8()).isEqualTo("1");

      cluster.node(leader).replica().transferLeadership("").get();
      String next = cluster.awaitLeader();
      assertThat(next).isNotEqualTo(leader);
      try (RawConnection connection = helloAs(cluster.endpoint(next), clientId)) {
        connection.send(increment.toBuilder().setRequestId(3).build());
        NodeMessage retried = connection.receive();
        assertThat(retried.getWrite()).as("the cached answer of the first attempt").isEqualTo(first.getWrite());
      }
      Entry stored;
      try (StateKvClient client = StateKvClient.builder().endpoints(cluster.endpoints()).build()) {
        stored = client.get("s", "once").orElseThrow();
      }
      assertThat(stored.value().intValue()).isEqualTo(1);
      assertThat(stored.version()).isEqualTo(1);
    }
  }

  @Test
  void aWriteWhoseAnswerIsLostIsRetriedOnTheNewLeaderAndAppliedOnce() throws Exception {
    try (LocalCluster cluster = LocalCluster.started(root, 3)) {
      String leader = cluster.awaitLeader();
      java.util.concurrent.atomic.AtomicReference<NodeMessage> lost = new java.util.concurrent.atomic.AtomicReference<>();
      // The answer is lost only after leadership has moved: the retry must find the new leader.
      try (AnswerDroppingProxy proxy = new AnswerDroppingProxy(cluster.endpoint(leader), answer -> {
            lost.set(answer);
            cluster.node(leader).replica().transferLeadership("").join();
            Await.until("a new leader", Duration.ofSeconds(30), () -> !cluster.awaitLeader().equals(leader));
          });
          StateKvClient client = StateKvClient.builder().endpoints(proxy.address())
              .requestTimeout(Duration.ofSeconds(30)).build()) {
        io.statekv.client.WriteResult result =
            client.update("s", "retried", List.of(UpdateOp.increment("n", 1)), WriteOptions.NONE);
        assertThat(proxy.dropped()).isTrue();
        assertThat(result.revision()).as("the answer of the first, lost attempt")
            .isEqualTo(lost.get().getWrite().getEntry().getRevision());
        Entry stored = client.get("s", "retried").orElseThrow();
        assertThat(stored.value().path("n").intValue()).isEqualTo(1);
        assertThat(stored.version()).isEqualTo(1);
        assertThat(client.clusterStatus().leaderId()).isNotEqualTo(leader);
      }
    }
  }

  private static RawConnection helloAs(String endpoint, UUID clientId) throws Exception {
    int colon = endpoint.lastIndexOf(':');
    RawConnection connection = new RawConnection(
        new InetSocketAddress(endpoint.substring(0, colon), Integer.parseInt(endpoint.substring(colon + 1))));
    ByteBuffer id = ByteBuffer.allocate(16).putLong(clientId.getMostSignificantBits()).putLong(clientId.getLeastSignificantBits());
    connection.send(ClientMessage.newBuilder().setRequestId(1)
        .setHello(Hello.newBuilder().setProtocolVersion(1).setClientId(ByteString.copyFrom(id.array()))).build());
    assertThat(connection.receive().hasHello()).isTrue();
    return connection;
  }

  @Test
  void aWriteThatCannotCommitIsReportedAsOutcomeUnknown() throws Exception {
    // Long election timeouts keep the leader in office, unable to commit, well past the client's deadline.
    LocalCluster cluster = new LocalCluster(root, 3, Duration.ofSeconds(6), Duration.ofSeconds(9));
    try (cluster) {
      cluster.startAll();
      String leader = cluster.awaitLeader();
      try (StateKvClient client = StateKvClient.builder().endpoints(cluster.endpoint(leader))
          .requestTimeout(Duration.ofMillis(1500)).build()) {
        client.set("s", "before", 1);
        for (String id : cluster.running()) {
          if (!id.equals(leader)) {
            cluster.stop(id);
          }
        }
        assertThatThrownBy(() -> client.set("s", "lost-quorum", 1))
            .isInstanceOfSatisfying(OutcomeUnknownException.class, e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT);
              assertThat(e.definitelyFailed()).isFalse();
            });
      }
    }
  }
}
