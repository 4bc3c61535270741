package io.statekv.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statekv.client.Compare;
import io.statekv.client.TxnOp;
import io.statekv.client.UpdateOp;
import io.statekv.client.WriteOptions;
import io.statekv.protocol.v1.SetRequest;
import io.statekv.protocol.v1.TxnRequest;
import io.statekv.protocol.v1.UpdateRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestsTest {

  @Test
  void valuesTravelAsCompactJson() {
    SetRequest set = Requests.set("s", "k", Map.of("a", List.of(1, 2.5, "x")), WriteOptions.NONE);
    assertThat(set.getValueJson().toStringUtf8()).isEqualTo("{\"a\":[1,2.5,\"x\"]}");
    assertThat(set.hasTtlSeconds()).isFalse();
    assertThat(set.hasIfRevision()).as("unconditional").isFalse();
    assertThat(Requests.set("s", "k", null, WriteOptions.NONE).getValueJson().toStringUtf8()).isEqualTo("null");
    assertThat(Requests.set("s", "k", "text", WriteOptions.NONE).getValueJson().toStringUtf8()).isEqualTo("\"text\"");
  }

  @Test
  void writeOptionsMapToOptionalFields() {
    SetRequest set = Requests.set("s", "k", 1, WriteOptions.ifAbsent().withTtl(Duration.ofSeconds(30)));
    assertThat(set.hasIfRevision()).isTrue();
    assertThat(set.getIfRevision()).isZero();
    assertThat(set.getTtlSeconds()).isEqualTo(30);
    assertThatThrownBy(() -> WriteOptions.ttl(Duration.ofMillis(1500))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Requests.delete("s", "k", WriteOptions.ttl(Duration.ofSeconds(1))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Requests.get(null, "k", io.statekv.client.ReadOptions.DEFAULT)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void updateOpsTakeTheProtocolsPathShapes() {
    UpdateRequest update = Requests.update("s", "k", List.of(
        UpdateOp.set("", Map.of()),
        UpdateOp.set("a.b", 1),
        UpdateOp.merge(Map.of("x", 1), "p", "q"),
        UpdateOp.merge(Map.of("y", 2)),
        UpdateOp.increment("n", 3),
        UpdateOp.remove("")), WriteOptions.NONE);
    assertThat(update.getOps(0).getPathList()).as("the root of a field op has no path element").isEmpty();
    assertThat(update.getOps(1).getPathList()).containsExactly("a.b");
    assertThat(update.getOps(2).getPathList()).containsExactly("p", "q");
    assertThat(update.getOps(3).getPathList()).isEmpty();
    assertThat(update.getOps(4).getBy()).isEqualTo(3);
    assertThat(update.getOps(4).hasValueJson()).isFalse();
    assertThat(update.getOps(5).getType()).isEqualTo(io.statekv.protocol.v1.UpdateOp.Type.REMOVE);
  }

  @Test
  void txnsCarryComparesAndBothBranches() {
    TxnRequest txn = Requests.txn(
        List.of(Compare.value("s", "a").equalTo(Map.of("v", 1)), Compare.version("s", "b").greaterThan(2), Compare.missing("s", "c")),
        List.of(TxnOp.set("s", "a", 2), TxnOp.get("s", "a")),
        List.of(TxnOp.delete("s", "a")));
    assertThat(txn.getCompares(0).getValueJson().toStringUtf8()).isEqualTo("{\"v\":1}");
    assertThat(txn.getCompares(1).getOp()).isEqualTo(io.statekv.protocol.v1.Compare.Op.GREATER);
    assertThat(txn.getCompares(2).getTarget()).isEqualTo(io.statekv.protocol.v1.Compare.Target.EXISTS);
    assertThat(txn.getCompares(2).getNumber()).isZero();
    assertThat(txn.getThen(1).hasGet()).isTrue();
    assertThat(txn.getElse(0).getDelete().getKey()).isEqualTo("a");
  }
}
