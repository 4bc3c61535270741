package io.statekv.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KeySpaceTest {
  @Test
  void theValueIsAJsonStringOfExactlyTheGivenBytes() throws Exception {
    KeySpace space = new KeySpace(100_000, 256);
    assertThat(space.value()).hasSize(256);
    assertThat(new ObjectMapper().readTree(space.value()).isTextual()).isTrue();
    assertThat(space.valueJson().getBytes(StandardCharsets.UTF_8)).isEqualTo(space.value());
  }

  @Test
  void keysAreZeroPaddedAndEtcdKeysCarryTheScope() {
    KeySpace space = new KeySpace(100_000, 256);
    assertThat(space.key(42)).isEqualTo("key/00000042");
    assertThat(new String(space.prefixedKey(99_999), StandardCharsets.UTF_8)).isEqualTo("bench/key/00099999");
    assertThatThrownBy(() -> space.key(100_000)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void boundsAreEnforced() {
    assertThatThrownBy(() -> new KeySpace(0, 256)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new KeySpace(10, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new KeySpace(KeySpace.KEYS_MAX + 1, 256)).isInstanceOf(IllegalArgumentException.class);
  }
}
