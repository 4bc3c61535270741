package io.statekv.raft.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RecoveryGateTest {
  private final AtomicInteger opened = new AtomicInteger();

  private RecoveryGate closedGate() {
    RecoveryGate gate = new RecoveryGate("n1");
    gate.onOpen(opened::incrementAndGet);
    gate.close("lost entries");
    return gate;
  }

  @Test
  void anOpenGateIgnoresEverything() {
    RecoveryGate gate = new RecoveryGate("n1");
    gate.onOpen(opened::incrementAndGet);
    gate.leaderContact(3, 10);
    gate.applied(3, 10);
    assertThat(gate.isClosed()).isFalse();
    assertThat(opened).hasValue(0);
  }

  @Test
  void appliedEntriesBeforeAnyLeaderContactKeepItClosed() {
    RecoveryGate gate = closedGate();
    gate.applied(3, 1_000);
    assertThat(gate.isClosed()).isTrue();
  }

  @Test
  void itOpensOnceAnEntryOfTheLeadersTermIsAppliedAtOrPastItsCommitAtContact() {
    RecoveryGate gate = closedGate();
    gate.leaderContact(4, 50);
    gate.applied(4, 49);
    gate.applied(3, 60);
    assertThat(gate.isClosed()).isTrue();
    gate.applied(4, 50);
    assertThat(gate.isClosed()).isFalse();
    gate.applied(4, 51);
    assertThat(opened).hasValue(1);
  }

  @Test
  void laterContactsOfTheSameTermDoNotMoveTheTarget() {
    RecoveryGate gate = closedGate();
    gate.leaderContact(4, 50);
    gate.leaderContact(4, 70);
    gate.applied(4, 50);
    assertThat(gate.isClosed()).isFalse();
  }

  @Test
  void aNewerLeaderReplacesTheTarget() {
    RecoveryGate gate = closedGate();
    gate.leaderContact(4, 50);
    gate.leaderContact(5, 40);
    gate.applied(4, 55);
    assertThat(gate.isClosed()).as("an entry of the old term").isTrue();
    gate.applied(5, 56);
    assertThat(gate.isClosed()).isFalse();
  }

  @Test
  void anOlderLeadersContactIsIgnored() {
    RecoveryGate gate = closedGate();
    gate.leaderContact(5, 40);
    gate.leaderContact(4, 10);
    gate.applied(4, 45);
    assertThat(gate.isClosed()).isTrue();
  }
}
