package io.statekv.raft.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.statekv.protocol.v1.ClientCommand;
import io.statekv.protocol.v1.Compare;
import io.statekv.protocol.v1.DeleteRequest;
import io.statekv.protocol.v1.GetRequest;
import io.statekv.protocol.v1.PatchRequest;
import io.statekv.protocol.v1.SetRequest;
import io.statekv.protocol.v1.TxnOp;
import io.statekv.protocol.v1.TxnRequest;
import io.statekv.protocol.v1.UpdateRequest;
import io.statekv.raft.internal.BatchKeys.KeyRef;
import org.junit.jupiter.api.Test;

class BatchKeysTest {

  @Test
  void aSingleWriteTouchesItsKey() {
    assertThat(BatchKeys.of(ClientCommand.newBuilder().setSet(SetRequest.newBuilder().setScope("a").setKey("1")).build()))
        .containsExactly(new KeyRef("a", "1"));
    assertThat(BatchKeys.of(ClientCommand.newBuilder().setUpdate(UpdateRequest.newBuilder().setScope("a").setKey("2")).build()))
        .containsExactly(new KeyRef("a", "2"));
    assertThat(BatchKeys.of(ClientCommand.newBuilder().setPatch(PatchRequest.newBuilder().setScope("b").setKey("1")).build()))
        .containsExactly(new KeyRef("b", "1"));
    assertThat(BatchKeys.of(ClientCommand.newBuilder().setDelete(DeleteRequest.newBuilder().setScope("c").setKey("9")).build()))
        .containsExactly(new KeyRef("c", "9"));
    assertThat(BatchKeys.of(ClientCommand.getDefaultInstance())).isEmpty();
  }

  @Test
  void aTxnTouchesEveryComparedReadAndWrittenKeyOfBothBranches() {
    TxnRequest t = TxnRequest.newBuilder()
        .addCompares(Compare.newBuilder().setScope("s").setKey("c"))
        .addThen(TxnOp.newBuilder().setSet(SetRequest.newBuilder().setScope("s").setKey("w")))
        .addThen(TxnOp.newBuilder().setGet(GetRequest.newBuilder().setScope("s").setKey("r")))
        .addElse(TxnOp.newBuilder().setDelete(DeleteRequest.newBuilder().setScope("t").setKey("d")))
        .build();
    assertThat(BatchKeys.of(ClientCommand.newBuilder().setTxn(t).build())).containsExactly(
        new KeyRef("s", "c"), new KeyRef("s", "w"), new KeyRef("s", "r"), new KeyRef("t", "d"));
  }

  @Test
  void scopesSeparateEqualKeys() {
    assertThat(new KeyRef("a", "k")).isNotEqualTo(new KeyRef("b", "k"));
  }
}
