package io.statekv.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.statekv.client.CancelledException;
import io.statekv.client.ConflictException;
import io.statekv.client.Entry;
import io.statekv.client.OutcomeUnknownException;
import io.statekv.client.RequestTooLargeException;
import io.statekv.client.StateKvClient;
import io.statekv.client.UnavailableException;
import io.statekv.client.WriteOptions;
import io.statekv.client.WriteResult;
import io.statekv.protocol.v1.ClientMessage;
import io.statekv.protocol.v1.ClusterStatus;
import io.statekv.protocol.v1.ErrorCode;
import io.statekv.protocol.v1.GetResponse;
import io.statekv.protocol.v1.Member;
import io.statekv.protocol.v1.NodeMessage;
import io.statekv.protocol.v1.WriteResponse;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client's routing, retry and outcome rules, against scripted nodes on loopback. */
class ClientRetryTest {
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable closeable : closeables) {
      closeable.close();
    }
  }

  private ScriptedNode node(String id, ScriptedNode.Script script) throws Exception {
    ScriptedNode node = new ScriptedNode(id, script);
    closeables.add(node);
    return node;
  }

  private StateKvClient client(Duration timeout, int maxInFlight, String... endpoints) {
    StateKvClient client = StateKvClient.builder()
        .endpoints(endpoints)
        .requestTimeout(timeout)
        .connectTimeout(Duration.ofMillis(500))
        .maxInFlight(maxInFlight)
        .bearerToken("secret-token")
        .clientName("retry-test")
        .build();
    closeables.add(0, client);
    return client;
  }

  private static NodeMessage.Builder written(ClientMessage request, long revision) {
    ByteString value = request.getSet().getValueJson();
    return NodeMessage.newBuilder().setWrite(WriteResponse.newBuilder()
        .setNewValueJson(value)
        .setEntry(io.statekv.protocol.v1.Entry.newBuilder()
            .setScope(request.getSet().getScope()).setKey(request.getSet().getKey())
            .setValueJson(value).setRevision(revision).setVersion(1)));
  }

  private static void await(String what, BooleanSupplier condition) {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out waiting for " + what);
      }
      LockSupport.parkNanos(1_000_000);
    }
  }

  private static ClusterStatus view(long term, String leaderId, ScriptedNode... nodes) {
    ClusterStatus.Builder status = ClusterStatus.newBuilder().setTerm(term).setLeaderId(leaderId);
    for (ScriptedNode node : nodes) {
      status.addMembers(Member.newBuilder().setId(node.nodeId()).setClientAddress(node.address()));
    }
    return status.build();
  }

  @Test
  void helloCarriesTheClientIdentityAndToken() throws Exception {
    ScriptedNode node = node("n1", (request, i) -> ScriptedNode.Reply.answer(NodeMessage.newBuilder().setGet(GetResponse.getDefaultInstance())));
    StateKvClient client = client(Duration.ofSeconds(5), 16, node.address());
    assertThat(client.get("s", "k")).isEmpty();
    ClientMessage hello = node.hellos().get(0);
    assertThat(hello.getHello().getProtocolVersion()).isEqualTo(1);
    assertThat(hello.getHello().getBearerToken()).isEqualTo("secret-token");
    assertThat(hello.getHello().getClientName()).isEqualTo("retry-test");
    java.nio.ByteBuffer id = hello.getHello().getClientId().asReadOnlyByteBuffer();
    assertThat(new java.util.UUID(id.getLong(), id.getLong())).isEqualTo(client.clientId());
  }

  @Test
  void aWriteFollowsTheLeaderHintWithTheSameSessionNumber() throws Exception {
    ScriptedNode leader = node("n2", (request, i) -> ScriptedNode.Reply.answer(written(request, 10)));
    ScriptedNode follower = node("n1", (request, i) ->
        ScriptedNode.Reply.answer(NodeMessage.newBuilder().setError(io.statekv.protocol.v1.Error.newBuilder()
            .setCode(ErrorCode.NOT_LEADER).setLeaderId("n2").setLeaderAddress(leader.address()))));
    // The follower knows no leader and names only itself, so the first attempt must go to it.
    follower.cluster(() -> view(1, "", follower));
    StateKvClient client = client(Duration.ofSeconds(5), 16, follower.address());

    WriteResult result = client.set("s", "k", 7);
    assertThat(result.revision()).isEqualTo(10);
    assertThat(result.newValue().intValue()).isEqualTo(7);
    ClientMessage refused = follower.received().get(0);
    ClientMessage accepted = leader.received().get(0);
    assertThat(accepted.getSession().getSeq()).isEqualTo(refused.getSession().getSeq()).isEqualTo(1);
    // The next write goes straight to the leader it learned.
    client.set("s", "k2", 8);
    assertThat(follower.received()).hasSize(1);
    assertThat(leader.received()).hasSize(2);
    assertThat(leader.received().get(1).getSession().getSeq()).isEqualTo(2);
  }

  @Test
  void aLostConnectionIsRetriedWithTheSameSessionNumber() throws Exception {
    ScriptedNode node = node("n1", (request, i) ->
        i == 0 ? ScriptedNode.Reply.closeConnection() : ScriptedNode.Reply.answer(written(request, 5)));
    StateKvClient client = client(Duration.ofSeconds(5), 16, node.address());
    assertThat(client.set("s", "k", "v").revision()).isEqualTo(5);
    List<ClientMessage> attempts = node.received();
    assertThat(attempts).hasSize(2);
    assertThat(attempts.get(1).getSession()).isEqualTo(attempts.get(0).getSession());
    assertThat(attempts.get(1).getSet()).isEqualTo(attempts.get(0).getSet());
    assertThat(node.hellos()).as("a new connection for the retry").hasSize(2);
  }

  @Test
  void aWriteSentAndNeverAnsweredIsOutcomeUnknown() throws Exception {
    ScriptedNode node = node("n1", (request, i) -> ScriptedNode.Reply.silence());
    StateKvClient client = client(Duration.ofMillis(400), 16, node.address());
    assertThatThrownBy(() -> client.set("s", "k", 1))
        .isInstanceOfSatisfying(OutcomeUnknownException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT);
          assertThat(e.outcomeUnknown()).isTrue();
          assertThat(e.getMessage()).contains("may or may not have been applied");
        });
    ClientMessage sent = node.received().get(0);
    assertThat(sent.getTimeoutMs()).isBetween(1, 400);
  }

  @Test
  void aNodeTimeoutIsRetriedWithinTheDeadlineThenUnknown() throws Exception {
    ScriptedNode node = node("n1", (request, i) -> i == 0
        ? ScriptedNode.Reply.error(ErrorCode.TIMEOUT, "slow")
        : ScriptedNode.Reply.answer(written(request, 3)));
    StateKvClient client = client(Duration.ofSeconds(5), 16, node.address());
    assertThat(client.set("s", "k", 1).revision()).isEqualTo(3);
    assertThat(node.received().get(1).getSession().getSeq()).isEqualTo(node.received().get(0).getSession().getSeq());

    node.script((request, i) -> ScriptedNode.Reply.error(ErrorCode.TIMEOUT, "slow"));
    StateKvClient impatient = client(Duration.ofMillis(300), 16, node.address());
    assertThatThrownBy(() -> impatient.set("s", "k", 1)).isInstanceOf(OutcomeUnknownException.class);
  }

  @Test
  void anUnreachableClusterIsADefiniteFailure() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    StateKvClient client = client(Duration.ofMillis(500), 16, "127.0.0.1:" + port);
    assertThatThrownBy(() -> client.set("s", "k", 1))
        .isInstanceOfSatisfying(UnavailableException.class, e -> assertThat(e.definitelyFailed()).isTrue());
  }

  @Test
  void definiteErrorsAreReportedAtOnceWithTheirDetails() throws Exception {
    ScriptedNode node = node("n1", (request, i) -> ScriptedNode.Reply.answer(NodeMessage.newBuilder().setError(
        io.statekv.protocol.v1.Error.newBuilder().setCode(ErrorCode.CONFLICT).setCurrentRevision(12).setOpIndex(-1))));
    StateKvClient client = client(Duration.ofSeconds(5), 16, node.address());
    assertThatThrownBy(() -> client.set("s", "k", 1, WriteOptions.ifRevision(11)))
        .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.currentRevision()).isEqualTo(12));
    assertThat(node.received()).hasSize(1);
    assertThat(node.received().get(0).getSet().getIfRevision()).isEqualTo(11);
  }

  @Test
  void aSessionExpiredAnswerIsOutcomeUnknownAndNotRetried() throws Exception {
    ScriptedNode node = node("n1", (request, i) -> ScriptedNode.Reply.error(ErrorCode.SESSION_EXPIRED, "forgotten"));
    StateKvClient client = client(Duration.ofSeconds(5), 16, node.address());
    assertThatThrownBy(() -> client.delete("s", "k"))
        .isInstanceOfSatisfying(OutcomeUnknownException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SESSION_EXPIRED));
    assertThat(node.received()).hasSize(1);
  }

  @Test
  void ackedBelowFollowsDelivery() throws Exception {
    ScriptedNode node = node("n1", (request, i) -> request.hasGet()
        ? ScriptedNode.Reply.answer(NodeMessage.newBuilder().setGet(GetResponse.getDefaultInstance()))
        : ScriptedNode.Reply.answer(written(request, i + 1)));
    StateKvClient client = client(Duration.ofSeconds(5), 16, node.address());
    for (int i = 0; i < 3; i++) {
      client.set("s", "k", i);
    }
    List<ClientMessage> writes = node.received();
    for (int i = 0; i < 3; i++) {
      assertThat(writes.get(i).getSession().getSeq()).isEqualTo(i + 1);
      assertThat(writes.get(i).getSession().getAckedBelow()).as("every earlier answer was delivered").isEqualTo(i + 1);
    }
    assertThat(client.get("s", "k")).isEmpty();
    assertThat(node.received().get(3).hasSession()).as("reads carry no session").isFalse();
  }

  @Test
  void asyncCallsBeyondMaxInFlightFailFast() throws Exception {
    ScriptedNode node = node("n1", (request, i) -> ScriptedNode.Reply.silence());
    StateKvClient client = client(Duration.ofSeconds(3), 2, node.address());
    CompletableFuture<Optional<Entry>> first = client.getAsync("s", "a");
    CompletableFuture<Optional<Entry>> second = client.getAsync("s", "b");
    CompletableFuture<Optional<Entry>> third = client.getAsync("s", "c");
    assertThat(third).isCompletedExceptionally();
    assertThatThrownBy(third::get).cause().isInstanceOf(UnavailableException.class).hasMessageContaining("maxInFlight");
    assertThat(first).isNotDone();
    assertThat(second).isNotDone();
  }

  @Test
  void closingFailsInFlightCallsByWhatTheyMayHaveDone() throws Exception {
    ScriptedNode node = node("n1", (request, i) -> ScriptedNode.Reply.silence());
    StateKvClient client = client(Duration.ofSeconds(30), 16, node.address());
    CompletableFuture<WriteResult> write = client.setAsync("s", "k", 1);
    CompletableFuture<Optional<Entry>> read = client.getAsync("s", "k");
    await("both requests to reach the node", () -> node.received().size() == 2);
    client.close();
    ExecutionException writeFailure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, write::get);
    assertThat(writeFailure.getCause()).isInstanceOfSatisfying(OutcomeUnknownException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.CANCELLED));
    ExecutionException readFailure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, read::get);
    assertThat(readFailure.getCause()).isInstanceOf(CancelledException.class);
    assertThatThrownBy(() -> client.get("s", "k")).isInstanceOf(CancelledException.class);
  }

  @Test
  void anOversizeRequestIsRefusedWithoutSending() throws Exception {
    ScriptedNode node = node("n1", (request, i) -> ScriptedNode.Reply.silence());
    StateKvClient client = StateKvClient.builder().endpoints(node.address()).requestBytesMax(2048).build();
    closeables.add(0, client);
    assertThatThrownBy(() -> client.set("s", "k", "x".repeat(2048)))
        .isInstanceOfSatisfying(RequestTooLargeException.class, e -> assertThat(e.definitelyFailed()).isTrue());
    assertThat(node.received()).isEmpty();
  }

  @Test
  void readsGoToTheLeaderUnlessFollowersMayServe() throws Exception {
    NodeMessage.Builder empty = NodeMessage.newBuilder().setGet(GetResponse.getDefaultInstance());
    ScriptedNode leader = node("n1", (request, i) -> ScriptedNode.Reply.answer(empty.clone()));
    ScriptedNode follower = node("n2", (request, i) -> ScriptedNode.Reply.answer(empty.clone()));
    leader.cluster(() -> view(3, "n1", leader, follower));
    follower.cluster(() -> view(3, "n1", leader, follower));
    StateKvClient client = client(Duration.ofSeconds(5), 16, follower.address());
    for (int i = 0; i < 6; i++) {
      client.get("s", "k" + i);
    }
    assertThat(leader.received()).hasSize(6);
    assertThat(follower.received()).isEmpty();

    StateKvClient spreading = StateKvClient.builder().endpoints(follower.address()).readFromFollowers(true).build();
    closeables.add(0, spreading);
    for (int i = 0; i < 6; i++) {
      spreading.get("s", "k" + i);
    }
    assertThat(follower.received()).isNotEmpty();
    assertThat(leader.received().size()).isGreaterThan(6);
  }
}
