package io.statekv.chaos.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerEnvironmentTest {
  @Test
  void aCompleteEnvironmentHasNoProblem() {
    assertThat(DockerEnvironment.problem(DockerEnvironment.REQUIRED)).isNull();
  }

  @Test
  void missingOrWrongSwitchesAreNamedWithTheirValues() {
    String problem = DockerEnvironment.problem(Map.of("TESTCONTAINERS_RYUK_DISABLED", "false",
        "TESTCONTAINERS_CHECKS_DISABLE", "true"));
    assertThat(problem).contains("export TESTCONTAINERS_HOST_OVERRIDE=localhost"
        + " TESTCONTAINERS_RYUK_DISABLED=true").doesNotContain("CHECKS");
  }

  @Test
  void theTestJvmRunsWithEverySwitch() {
    assertThat(DockerEnvironment.problem(System.getenv())).isNull();
  }
}
