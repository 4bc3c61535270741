package io.statekv.node.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.statekv.protocol.v1.ClientMessage;
import io.statekv.protocol.v1.ClusterStatusRequest;
import io.statekv.protocol.v1.CommandResult;
import io.statekv.protocol.v1.Consistency;
import io.statekv.protocol.v1.ErrorCode;
import io.statekv.protocol.v1.GetRequest;
import io.statekv.protocol.v1.NodeMessage;
import io.statekv.protocol.v1.SessionInfo;
import io.statekv.protocol.v1.SetRequest;
import io.statekv.protocol.v1.SettingsRequest;
import io.statekv.protocol.v1.WatchCreateRequest;
import io.statekv.protocol.v1.WriteResponse;
import io.statekv.raft.ReplicaException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReplicaDispatcherTest {
  private final ScriptedReplica replica = new ScriptedReplica();
  private final ReplicaDispatcher dispatcher = new ReplicaDispatcher(replica, DispatcherConfig.DEFAULTS);
  private final UUID clientId = new UUID(1, 2);

  @AfterEach
  void close() {
    dispatcher.close();
  }

  private NodeMessage dispatch(UUID id, ClientMessage message) throws Exception {
    return dispatcher.dispatch(id, message).get();
  }

  private static ClientMessage set(long requestId, String scope, String valueJson) {
    return ClientMessage.newBuilder().setRequestId(requestId)
        .setSet(SetRequest.newBuilder().setScope(scope).setKey("k").setValueJson(ByteString.copyFromUtf8(valueJson)))
        .build();
  }

  @Test
  void aWriteEntersTheLogWithItsSessionAndCanonicalValue() throws Exception {
    WriteResponse written = WriteResponse.newBuilder().setNewValueJson(ByteString.copyFromUtf8("{\"a\":1}")).build();
    replica.onSubmit = command -> CompletableFuture.completedFuture(CommandResult.newBuilder().setWrite(written).build());
    ClientMessage request = set(11, "s", "{ \"a\" : 1 }").toBuilder()
        .setSession(SessionInfo.newBuilder().setSeq(4).setAckedBelow(2)).build();

    NodeMessage answer = dispatch(clientId, request);

    assertThat(answer.getRequestId()).isEqualTo(11);
    assertThat(answer.getWrite()).isEqualTo(written);
    assertThat(replica.submitted).singleElement().satisfies(command -> {
      assertThat(command.getSet().getValueJson().toStringUtf8()).isEqualTo("{\"a\":1}");
      assertThat(command.getSession().getSeq()).isEqualTo(4);
      assertThat(command.getClientId().size()).isEqualTo(16);
    });
  }

  @Test
  void refusedRequestsNeverReachTheReplica() throws Exception {
    NodeMessage reserved = dispatch(clientId, set(1, "_sys", "1"));
    NodeMessage watch = dispatch(clientId, ClientMessage.newBuilder().setRequestId(2)
        .setWatchCreate(WatchCreateRequest.getDefaultInstance()).build());
    assertThat(reserved.getError().getCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(reserved.getRequestId()).isEqualTo(1);
    assertThat(reserved.getError().getOpIndex()).isEqualTo(-1);
    assertThat(watch.getError().getMessage()).contains("open streams");
    assertThat(replica.submitted).isEmpty();
  }

  @Test
  void replicaFailuresKeepTheirCodeAndLeaderHint() throws Exception {
    replica.onSubmit = command -> CompletableFuture.failedFuture(
        new ReplicaException(ErrorCode.NOT_LEADER, "not the leader", "n2", "h:5"));
    NodeMessage answer = dispatch(clientId, set(3, "s", "1"));
    assertThat(answer.getError().getCode()).isEqualTo(ErrorCode.NOT_LEADER);
    assertThat(answer.getError().getLeaderId()).isEqualTo("n2");
    assertThat(answer.getError().getLeaderAddress()).isEqualTo("h:5");
  }

  @Test
  void aCommandResultErrorIsTheAnswersError() throws Exception {
    io.statekv.protocol.v1.Error conflict = io.statekv.protocol.v1.Error.newBuilder()
        .setCode(ErrorCode.CONFLICT).setCurrentRevision(9).setOpIndex(-1).build();
    replica.onSubmit = command -> CompletableFuture.completedFuture(CommandResult.newBuilder().setError(conflict).build());
    assertThat(dispatch(clientId, set(4, "s", "1")).getError()).isEqualTo(conflict);
  }

  @Test
  void aWriteWithoutAnswerTimesOutAsOutcomeUnknown() throws Exception {
    replica.onSubmit = command -> new CompletableFuture<>();
    long start = System.nanoTime();
    NodeMessage answer = dispatch(clientId, set(5, "s", "1").toBuilder().setTimeoutMs(100).build());
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
    assertThat(answer.getRequestId()).isEqualTo(5);
    assertThat(answer.getError().getCode()).isEqualTo(ErrorCode.TIMEOUT);
    assertThat(answer.getError().getMessage()).contains("outcome is unknown");
  }

  @Test
  void anUnexpectedFailureIsInternalAndTheDispatcherGoesOn() throws Exception {
    replica.onSubmit = command -> {
      throw new IllegalStateException("a bug");
    };
    NodeMessage broken = dispatch(clientId, set(6, "s", "1"));
    assertThat(broken.getError().getCode()).isEqualTo(ErrorCode.INTERNAL);
    assertThat(broken.getError().getMessage()).contains("IllegalStateException", "a bug");
    replica.onSubmit = command -> CompletableFuture.completedFuture(CommandResult.newBuilder()
        .setWrite(WriteResponse.getDefaultInstance()).build());
    assertThat(dispatch(clientId, set(7, "s", "1")).hasWrite()).isTrue();
    replica.onSubmit = command -> CompletableFuture.completedFuture(CommandResult.getDefaultInstance());
    assertThat(dispatch(clientId, set(8, "s", "1")).getError().getCode()).isEqualTo(ErrorCode.INTERNAL);
  }

  @Test
  void readsPassTheBarrierThenReadTheStore() throws Exception {
    ClientMessage get = ClientMessage.newBuilder().setRequestId(9)
        .setGet(GetRequest.newBuilder().setScope("s").setKey("k").setConsistency(Consistency.SERIALIZABLE)).build();
    NodeMessage answer = dispatch(null, get);
    assertThat(answer.getGet().getRevision()).isEqualTo(ScriptedReplica.APPLIED);
    assertThat(answer.getGet().getEntry().getValueJson().toStringUtf8()).isEqualTo("\"v\"");
    assertThat(answer.getGet().getEntry().getVersion()).isEqualTo(2);

    replica.onBarrier = consistency -> CompletableFuture.failedFuture(
        new ReplicaException(ErrorCode.NOT_LEADER, "lease reads need the leader", "n2", "h:5"));
    NodeMessage refused = dispatch(null, get.toBuilder().setGet(get.getGet().toBuilder().setConsistency(Consistency.LEASE)).build());
    assertThat(refused.getError().getLeaderAddress()).isEqualTo("h:5");
  }

  @Test
  void clusterStatusAndSettings() throws Exception {
    NodeMessage status = dispatch(null, ClientMessage.newBuilder().setRequestId(10)
        .setClusterStatus(ClusterStatusRequest.getDefaultInstance()).build());
    assertThat(status.getClusterStatus().getLeaderId()).isEqualTo("n2");
    assertThat(status.getClusterStatus().getMembersList()).extracting(m -> m.getId() + ":" + m.getLeader())
        .containsExactly("n1:false", "n2:true");
    assertThat(status.getClusterStatus().getStateHash()).as("not asked for").isEmpty();
    NodeMessage hashed = dispatch(null, ClientMessage.newBuilder().setRequestId(13)
        .setClusterStatus(ClusterStatusRequest.newBuilder().setStateHash(true)).build());
    assertThat(hashed.getRequestId()).isEqualTo(13);
    assertThat(hashed.getClusterStatus().getStateHash()).isEqualTo(ScriptedReplica.STATE_HASH);
    assertThat(hashed.getClusterStatus().getStateHashAppliedIndex()).isEqualTo(ScriptedReplica.APPLIED);
    NodeMessage settings = dispatch(null, ClientMessage.newBuilder().setRequestId(11)
        .setSettings(SettingsRequest.newBuilder().setEntriesMax(42)).build());
    assertThat(settings.getAdmin().getSettingsJson()).contains("\"entries_max\":42", "\"value_bytes_max\":1048576");
    NodeMessage bad = dispatch(null, ClientMessage.newBuilder().setRequestId(12)
        .setSettings(SettingsRequest.newBuilder().setValueBytesMax(10)).build());
    assertThat(bad.getError().getCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
  }
}
