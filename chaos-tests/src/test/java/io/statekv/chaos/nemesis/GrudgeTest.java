package io.statekv.chaos.nemesis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GrudgeTest {
  private static final List<String> THREE = List.of("n2", "n3", "n1");
  private static final List<String> FIVE = List.of("n4", "n1", "n5", "n2", "n3");

  @Test
  void halvesPutAMinorityAgainstAMajority() {
    Grudge three = Grudge.halves(THREE);
    assertThat(three.hears("n3", "n2")).isFalse();
    assertThat(three.hears("n2", "n1")).isFalse();
    assertThat(three.hears("n3", "n1")).isTrue();
    assertThat(three.drops()).hasSize(4);

    Grudge five = Grudge.halves(FIVE);
    assertThat(five.drops()).hasSize(2 * 2 * 3);
    assertThat(five.hears("n4", "n1")).isTrue();
    assertThat(five.hears("n5", "n2")).isTrue();
    assertThat(five.hears("n5", "n1")).isFalse();
  }

  @Test
  void isolateCutsOneNodeFromAllOthers() {
    Grudge grudge = Grudge.isolate("n3", List.of("n1", "n2", "n3", "n4", "n5"));
    assertThat(grudge.drops()).hasSize(8);
    assertThat(grudge.hears("n1", "n2")).isTrue();
    for (String other : List.of("n1", "n2", "n4", "n5")) {
      assertThat(grudge.hears("n3", other)).isFalse();
      assertThat(grudge.hears(other, "n3")).isFalse();
    }
  }

  @Test
  void ringOnFiveLeavesEachNodeExactlyItsTwoNeighbours() {
    Grudge ring = Grudge.majoritiesRing(FIVE);
    for (int i = 0; i < 5; i++) {
      String node = FIVE.get(i);
      long heard = FIVE.stream().filter(other -> !other.equals(node))
          .filter(other -> ring.hears(node, other)).count();
      assertThat(heard).as("peers %s hears", node).isEqualTo(2);
      assertThat(ring.hears(node, FIVE.get((i + 1) % 5))).isTrue();
      assertThat(ring.hears(node, FIVE.get((i + 4) % 5))).isTrue();
    }
  }

  @Test
  void ringOnThreeIsTheBridge() {
    Grudge ring = Grudge.majoritiesRing(THREE);
    assertThat(ring).isEqualTo(Grudge.bridge(THREE));
    assertThat(ring.hears("n1", "n3")).isFalse();
    assertThat(ring.hears("n2", "n3")).isTrue();
    assertThat(ring.hears("n2", "n1")).isTrue();
  }

  @Test
  void bridgeTalksToBothHalvesWhichCannotTalkToEachOther() {
    Grudge bridge = Grudge.bridge(FIVE);
    assertThat(bridge.affectedNodes()).containsExactly("n1", "n2", "n3", "n5");
    assertThat(bridge.hears("n1", "n4")).isTrue();
    assertThat(bridge.hears("n3", "n4")).isTrue();
    assertThat(bridge.hears("n1", "n5")).isTrue();
    assertThat(bridge.hears("n1", "n2")).isFalse();
    assertThat(bridge.hears("n3", "n5")).isFalse();

    Grudge three = Grudge.bridge(THREE);
    assertThat(three.drops()).containsExactlyInAnyOrder(
        new Grudge.Drop("n3", "n1"), new Grudge.Drop("n1", "n3"));
  }
}
