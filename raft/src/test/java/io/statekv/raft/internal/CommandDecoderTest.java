package io.statekv.raft.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.statekv.protocol.v1.AppendRequest;
import io.statekv.protocol.v1.ClientCommand;
import io.statekv.protocol.v1.Compare;
import io.statekv.protocol.v1.DeleteRequest;
import io.statekv.protocol.v1.GetRequest;
import io.statekv.protocol.v1.PatchRequest;
import io.statekv.protocol.v1.SessionInfo;
import io.statekv.protocol.v1.SetRequest;
import io.statekv.protocol.v1.TxnOp;
import io.statekv.protocol.v1.TxnRequest;
import io.statekv.protocol.v1.UpdateOp;
import io.statekv.protocol.v1.UpdateRequest;
import io.statekv.raft.internal.CommandDecoder.Decoded;
import io.statekv.raft.internal.CommandDecoder.Invalid;
import io.statekv.raft.internal.CommandDecoder.Valid;
import io.statekv.storage.Command;
import io.statekv.storage.Failure;
import io.statekv.storage.Json;
import io.statekv.storage.Limits;
import io.statekv.storage.Request;
import io.statekv.storage.TxnOp.Get;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CommandDecoderTest {

  private static ByteString json(String text) {
    return ByteString.copyFrom(text, StandardCharsets.UTF_8);
  }

  private static ClientCommand set(SetRequest.Builder set) {
    return ClientCommand.newBuilder().setSet(set).build();
  }

  private static Request valid(ClientCommand c) {
    Decoded d = CommandDecoder.decode(c);
    assertThat(d).isInstanceOf(Valid.class);
    return ((Valid) d).request();
  }

  private static Invalid invalid(ClientCommand c) {
    Decoded d = CommandDecoder.decode(c);
    assertThat(d).isInstanceOf(Invalid.class);
    Invalid i = (Invalid) d;
    assertThat(i.failure().failure()).isEqualTo(Failure.INVALID_ARGUMENT);
    return i;
  }

  @Test
  void setBecomesACanonicalSetWithItsConditions() {
    Request r = valid(set(SetRequest.newBuilder().setScope("s").setKey("k")
        .setValueJson(json("{ \"a\" : [1, 2.5] }")).setTtlSeconds(30).setIfRevision(7)));
    assertThat(r.session()).isNull();
    assertThat(r.command()).isEqualTo(new Command.Set("s", "k", Json.parse("{\"a\":[1,2.5]}"), 30, 7));
    assertThat(((Command.Set) r.command()).value().toString()).isEqualTo("{\"a\":[1,2.5]}");
  }

  @Test
  void absentConditionsMeanUnconditionalWithoutExpiry() {
    Command.Set s = (Command.Set) valid(set(SetRequest.newBuilder().setScope("s").setKey("k").setValueJson(json("1")))).command();
    assertThat(s.ifRevision()).isEqualTo(Command.ANY_REVISION);
    assertThat(s.ttlSeconds()).isEqualTo(Command.NO_TTL);
    Command.Set mustNotExist =
        (Command.Set) valid(set(SetRequest.newBuilder().setScope("s").setKey("k").setValueJson(json("1")).setIfRevision(0))).command();
    assertThat(mustNotExist.ifRevision()).isZero();
  }

  @Test
  void sessionCarriesTheClientIdAndNumbers() {
    UUID id = UUID.fromString("00112233-4455-6677-8899-aabbccddeeff");
    ByteString bytes = ByteString.copyFrom(ByteBuffer.allocate(16).putLong(id.getMostSignificantBits())
        .putLong(id.getLeastSignificantBits()).flip());
    ClientCommand c = ClientCommand.newBuilder().setClientId(bytes)
        .setSession(SessionInfo.newBuilder().setSeq(5).setAckedBelow(3))
        .setDelete(DeleteRequest.newBuilder().setScope("s").setKey("k")).build();
    Request r = valid(c);
    assertThat(r.session()).isEqualTo(new Request.Session(id, 5, 3));
    assertThat(r.command()).isEqualTo(new Command.Delete("s", "k", Command.ANY_REVISION));
  }

  @Test
  void malformedSessionsAreRefused() {
    ClientCommand.Builder base = ClientCommand.newBuilder().setDelete(DeleteRequest.newBuilder().setScope("s").setKey("k"));
    assertThat(invalid(base.clone().setClientId(ByteString.copyFrom(new byte[5])).build()).failure().message())
        .contains("16 bytes");
    ByteString id = ByteString.copyFrom(new byte[16]);
    invalid(base.clone().setClientId(id).build());
    invalid(base.clone().setClientId(id).setSession(SessionInfo.newBuilder().setSeq(2).setAckedBelow(3)).build());
    invalid(base.clone().setClientId(id).setSession(SessionInfo.newBuilder().setSeq(-1L)).build());
  }

  @Test
  void missingOrBrokenJsonIsInvalidArgumentNotAnException() {
    invalid(set(SetRequest.newBuilder().setScope("s").setKey("k")));
    assertThat(invalid(set(SetRequest.newBuilder().setScope("s").setKey("k").setValueJson(json("{nope")))).failure().message())
        .contains("invalid JSON");
    invalid(set(SetRequest.newBuilder().setScope("s").setKey("k").setValueJson(json("1 2"))));
    invalid(ClientCommand.newBuilder().setPatch(PatchRequest.newBuilder().setScope("s").setKey("k")).build());
    invalid(ClientCommand.newBuilder().setAppend(AppendRequest.newBuilder().setScope("s").setKey("k").setItemJson(json("["))).build());
  }

  @Test
  void unsignedValuesPastTheSignedRangeAreRefusedNotWrapped() {
    // 2^64-1 would wrap to -1, which means "unconditional".
    invalid(set(SetRequest.newBuilder().setScope("s").setKey("k").setValueJson(json("1")).setIfRevision(-1L)));
    invalid(set(SetRequest.newBuilder().setScope("s").setKey("k").setValueJson(json("1")).setTtlSeconds(-5L)));
  }

  @Test
  void aCommandWithoutAnOperationIsRefused() {
    assertThat(invalid(ClientCommand.getDefaultInstance()).failure().message()).contains("no operation");
  }

  @Test
  void updateOpsMapToIiiOps() {
    UpdateRequest u = UpdateRequest.newBuilder().setScope("s").setKey("k")
        .addOps(UpdateOp.newBuilder().setType(UpdateOp.Type.SET).addPath("a").setValueJson(json("\"x\"")))
        .addOps(UpdateOp.newBuilder().setType(UpdateOp.Type.SET))
        .addOps(UpdateOp.newBuilder().setType(UpdateOp.Type.MERGE).addPath("p").addPath("q").setValueJson(json("{\"b\":1}")))
        .addOps(UpdateOp.newBuilder().setType(UpdateOp.Type.INCREMENT).addPath("n").setBy(3))
        .addOps(UpdateOp.newBuilder().setType(UpdateOp.Type.DECREMENT).setBy(2))
        .addOps(UpdateOp.newBuilder().setType(UpdateOp.Type.APPEND).setValueJson(json("[1]")))
        .addOps(UpdateOp.newBuilder().setType(UpdateOp.Type.REMOVE).addPath("gone"))
        .build();
    Command.Update c = (Command.Update) valid(ClientCommand.newBuilder().setUpdate(u).build()).command();
    assertThat(c.ops()).hasSize(7);
    assertThat(c.ops().get(0)).isEqualTo(new io.statekv.storage.UpdateOp.Set("a", Json.parse("\"x\"").node()));
    assertThat(c.ops().get(1)).isEqualTo(new io.statekv.storage.UpdateOp.Set("", com.fasterxml.jackson.databind.node.NullNode.getInstance()));
    assertThat(c.ops().get(2)).isEqualTo(new io.statekv.storage.UpdateOp.Merge(java.util.List.of("p", "q"), Json.parse("{\"b\":1}").node()));
    assertThat(c.ops().get(3)).isEqualTo(new io.statekv.storage.UpdateOp.Increment("n", 3));
    assertThat(c.ops().get(4)).isEqualTo(new io.statekv.storage.UpdateOp.Decrement("", 2));
    assertThat(c.ops().get(5)).isEqualTo(new io.statekv.storage.UpdateOp.Append(java.util.List.of(), Json.parse("[1]").node()));
    assertThat(c.ops().get(6)).isEqualTo(new io.statekv.storage.UpdateOp.Remove("gone"));
  }

  @Test
  void aMalformedOpRejectsTheWholeUpdateAndNamesIt() {
    UpdateRequest.Builder u = UpdateRequest.newBuilder().setScope("s").setKey("k")
        .addOps(UpdateOp.newBuilder().setType(UpdateOp.Type.INCREMENT).addPath("n").setBy(1));
    assertThat(invalid(ClientCommand.newBuilder().setUpdate(u.clone()
        .addOps(UpdateOp.newBuilder().setType(UpdateOp.Type.TYPE_UNSPECIFIED))).build()).failure().message())
        .contains("op 1").contains("unknown op type");
    invalid(ClientCommand.newBuilder().setUpdate(u.clone()
        .addOps(UpdateOp.newBuilder().setType(UpdateOp.Type.SET).addPath("a").addPath("b"))).build());
    invalid(ClientCommand.newBuilder().setUpdate(u.clone()
        .addOps(UpdateOp.newBuilder().setType(UpdateOp.Type.MERGE).addPath("a"))).build());
    invalid(ClientCommand.newBuilder().setUpdate(u.clone()
        .addOps(UpdateOp.newBuilder().setType(UpdateOp.Type.SET).setValueJson(json("")))).build());
    UpdateRequest.Builder many = UpdateRequest.newBuilder().setScope("s").setKey("k");
    for (int i = 0; i <= Limits.UPDATE_OPS_MAX; i++) {
      many.addOps(UpdateOp.newBuilder().setType(UpdateOp.Type.REMOVE).addPath("x"));
    }
    invalid(ClientCommand.newBuilder().setUpdate(many).build());
  }

  @Test
  void txnKeepsComparesAndBranches() {
    TxnRequest t = TxnRequest.newBuilder()
        .addCompares(Compare.newBuilder().setScope("s").setKey("a").setTarget(Compare.Target.VALUE)
            .setOp(Compare.Op.EQUAL).setValueJson(json("1")))
        .addCompares(Compare.newBuilder().setScope("s").setKey("b").setTarget(Compare.Target.REVISION)
            .setOp(Compare.Op.LESS).setNumber(9))
        .addThen(TxnOp.newBuilder().setSet(SetRequest.newBuilder().setScope("s").setKey("a").setValueJson(json("2"))))
        .addThen(TxnOp.newBuilder().setGet(GetRequest.newBuilder().setScope("s").setKey("b")))
        .addElse(TxnOp.newBuilder().setDelete(DeleteRequest.newBuilder().setScope("s").setKey("c")))
        .build();
    Command.Txn c = (Command.Txn) valid(ClientCommand.newBuilder().setTxn(t).build()).command();
    assertThat(c.compares()).containsExactly(
        new io.statekv.storage.Compare("s", "a", io.statekv.storage.Compare.Target.VALUE,
            io.statekv.storage.Compare.Op.EQUAL, Json.parse("1"), 0),
        new io.statekv.storage.Compare("s", "b", io.statekv.storage.Compare.Target.REVISION,
            io.statekv.storage.Compare.Op.LESS, null, 9));
    assertThat(c.then()).containsExactly(
        new Command.Set("s", "a", Json.parse("2"), Command.NO_TTL, Command.ANY_REVISION), new Get("s", "b"));
    assertThat(c.otherwise()).containsExactly(new Command.Delete("s", "c", Command.ANY_REVISION));
  }

  @Test
  void aMalformedTxnOpNamesItsPositionInItsBranch() {
    TxnRequest t = TxnRequest.newBuilder()
        .addThen(TxnOp.newBuilder().setSet(SetRequest.newBuilder().setScope("s").setKey("a").setValueJson(json("2"))))
        .addElse(TxnOp.newBuilder().setGet(GetRequest.newBuilder().setScope("s").setKey("b")))
        .addElse(TxnOp.newBuilder().setSet(SetRequest.newBuilder().setScope("s").setKey("a")))
        .build();
    Invalid i = invalid(ClientCommand.newBuilder().setTxn(t).build());
    assertThat(i.failure().opIndex()).isEqualTo(1);
    assertThat(i.failure().message()).startsWith("else[1]");
    invalid(ClientCommand.newBuilder().setTxn(TxnRequest.newBuilder().addThen(TxnOp.getDefaultInstance())).build());
    invalid(ClientCommand.newBuilder().setTxn(TxnRequest.newBuilder().addCompares(
        Compare.newBuilder().setScope("s").setKey("a").setTarget(Compare.Target.VALUE))).build());
    invalid(ClientCommand.newBuilder().setTxn(TxnRequest.newBuilder().addCompares(
        Compare.newBuilder().setScope("s").setKey("a").setTargetValue(99))).build());
  }

  @Test
  void tooManyTxnOpsAreRefused() {
    TxnRequest.Builder t = TxnRequest.newBuilder();
    for (int i = 0; i <= Limits.TXN_OPS_MAX; i++) {
      t.addThen(TxnOp.newBuilder().setGet(GetRequest.newBuilder().setScope("s").setKey("k" + i)));
    }
    assertThat(invalid(ClientCommand.newBuilder().setTxn(t).build()).failure().message()).contains("txn_ops_max");
  }

  @Test
  void decodingIsDeterministic() {
    ClientCommand c = set(SetRequest.newBuilder().setScope("s").setKey("k").setValueJson(json("{\"z\":1,\"a\":[0.1,1e3]}")));
    assertThat(valid(c)).isEqualTo(valid(c));
    assertThat(((Command.Set) valid(c).command()).value().bytes())
        .isEqualTo(((Command.Set) valid(c).command()).value().bytes());
  }
}
