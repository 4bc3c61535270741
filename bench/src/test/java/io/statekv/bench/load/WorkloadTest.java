package io.statekv.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WorkloadTest {
  @Test
  void labelsRoundTrip() {
    for (Workload w : Workload.values()) {
      assertThat(Workload.of(w.label())).isEqualTo(w);
    }
    assertThat(Workload.of("GET-Serializable")).isEqualTo(Workload.GET_SERIALIZABLE);
  }

  @Test
  void anUnknownWorkloadNamesTheChoices() {
    assertThatThrownBy(() -> Workload.of("scan"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("scan")
        .hasMessageContaining("get-serializable");
  }

  @Test
  void mixIsHalfPutsHalfLinearizableGets() {
    SplittableRandom random = new SplittableRandom(7);
    Map<Operation, Integer> counts = new EnumMap<>(Operation.class);
    for (int i = 0; i < 100_000; i++) {
      counts.merge(Workload.MIX.next(random), 1, Integer::sum);
    }
    assertThat(counts).containsOnlyKeys(Operation.PUT, Operation.GET);
    assertThat(counts.get(Operation.PUT)).isBetween(49_000, 51_000);
  }

  @Test
  void singleOperationWorkloadsAlwaysAskTheSame() {
    SplittableRandom random = new SplittableRandom(1);
    assertThat(Workload.PUT.next(random)).isEqualTo(Operation.PUT);
    assertThat(Workload.GET.next(random)).isEqualTo(Operation.GET);
    assertThat(Workload.GET_SERIALIZABLE.next(random)).isEqualTo(Operation.GET_SERIALIZABLE);
    assertThat(Workload.CAS.next(random)).isEqualTo(Operation.CAS);
    assertThat(Workload.PUT.writesOnly()).isTrue();
    assertThat(Workload.MIX.writesOnly()).isFalse();
  }
}
