package io.statekv.chaos.checker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.statekv.chaos.checker.internal.DependencyGraph.Dependency;
import org.junit.jupiter.api.Test;

class StronglyConnectedTest {

  @Test
  void findsOnlyComponentsWithACycle() {
    DependencyGraph graph = new DependencyGraph(6);
    graph.add(0, 1, Dependency.WW, "");
    graph.add(1, 2, Dependency.WR, "");
    graph.add(2, 0, Dependency.RW, "");
    graph.add(2, 3, Dependency.WW, "");
    graph.add(3, 4, Dependency.WW, "");
    graph.add(4, 3, Dependency.WR, "");
    graph.add(5, 5, Dependency.WW, "a self-dependency is ignored");

    StronglyConnected scc = StronglyConnected.of(graph);

    assertThat(scc.components()).hasSize(2);
    assertThat(scc.componentOf(0)).isEqualTo(scc.componentOf(2)).isNotEqualTo(-1);
    assertThat(scc.componentOf(3)).isEqualTo(scc.componentOf(4)).isNotEqualTo(scc.componentOf(0));
    assertThat(scc.componentOf(5)).isEqualTo(-1);
    assertThat(graph.edgeCount()).isEqualTo(6);
  }

  @Test
  void aMaskKeepsOnlyCyclesOfTheGivenDependencies() {
    DependencyGraph graph = new DependencyGraph(3);
    graph.add(0, 1, Dependency.WW, "");
    graph.add(1, 2, Dependency.WW, "");
    graph.add(2, 0, Dependency.RW, "");

    assertThat(StronglyConnected.of(graph, Dependency.WW.bit()).components()).isEmpty();
    assertThat(StronglyConnected.of(graph, Dependency.WW.bit() | Dependency.RW.bit())
        .components()).singleElement()
        .satisfies(component -> assertThat(component).containsExactlyInAnyOrder(0, 1, 2));
  }

  @Test
  void survivesALongChainWithoutOverflowingTheStack() {
    int size = 200_000;
    DependencyGraph graph = new DependencyGraph(size);
    for (int i = 0; i + 1 < size; i++) {
      graph.add(i, i + 1, Dependency.WW, "");
    }
    graph.add(size - 1, 0, Dependency.RW, "");

    assertThat(StronglyConnected.of(graph).components()).singleElement()
        .satisfies(component -> assertThat(component).hasSize(size));
  }
}
