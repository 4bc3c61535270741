package io.statekv.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HostPortTest {

  @Test
  void parsesNamesIpv4AndBracketedIpv6() {
    assertThat(HostPort.parse("node1:7001")).isEqualTo(new HostPort("node1", 7001));
    assertThat(HostPort.parse("10.0.0.1:1")).isEqualTo(new HostPort("10.0.0.1", 1));
    HostPort v6 = HostPort.parse("[::1]:65535");
    assertThat(v6).isEqualTo(new HostPort("::1", 65535));
    assertThat(v6.toString()).isEqualTo("[::1]:65535");
  }

  @Test
  void refusesWhatIsNotHostPort() {
    for (String bad : new String[] {"node1", ":7001", "node1:", "node1:x", "node1:0", "node1:65536", "::1:7001"}) {
      assertThatThrownBy(() -> HostPort.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
