package io.statekv.raft.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LeftoverAppenderTest {

  @Test
  void aPeerNoConfigurationNamesThatTheLeaderStillReplicatesToIsALeftover() {
    assertThat(LeftoverAppender.present("n1", false, List.of("n2", "n3", "n1"), Set.of())).isTrue();
  }

  @Test
  void aPeerTheLeaderDoesNotReplicateToIsNot() {
    assertThat(LeftoverAppender.present("n1", false, List.of("n2", "n3"), Set.of())).isFalse();
  }

  @Test
  void aMemberOfTheCurrentOrPreviousConfigurationIsNot() {
    assertThat(LeftoverAppender.present("n1", true, List.of("n2", "n3", "n1"), Set.of())).isFalse();
  }

  @Test
  void aPeerThisLeadersAddIsStagingIsNot() {
    assertThat(LeftoverAppender.present("n1", false, List.of("n2", "n3", "n1"), Set.of("n1"))).isFalse();
  }
}
