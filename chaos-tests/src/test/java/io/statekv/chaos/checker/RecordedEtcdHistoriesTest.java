package io.statekv.chaos.checker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.statekv.chaos.history.History;
import io.statekv.chaos.history.HistoryReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The recorded Jepsen histories of etcd's register (from Porcupine's test data, see the README
 * beside them) must get the verdicts Porcupine's own test suite gives them.
 */
class RecordedEtcdHistoriesTest {
  private static final String DIR = "/linearizability/";

  static Stream<Arguments> histories() throws IOException {
    try (InputStream in = resource("expected.json")) {
      Map<String, String> expected = new ObjectMapper().readValue(in, new TypeReference<>() {});
      return expected.entrySet().stream().sorted(Map.Entry.comparingByKey())
          .map(e -> Arguments.of(e.getKey(), e.getValue()));
    }
  }

  /**
   * Both readings of a failed cas give the recorded verdicts: dropping it (Knossos) and taking it
   * as a compare that saw another value (Porcupine's etcd model).
   */
  @ParameterizedTest(name = "{0} is {1}")
  @MethodSource("histories")
  void getsTheRecordedVerdict(String file, String expected) throws IOException {
    History history = read(file);
    for (CasRegister.FailedCas failedCas : CasRegister.FailedCas.values()) {
      assertVerdict(history, new CasRegister(failedCas), expected);
    }
  }

  private static void assertVerdict(History history, CasRegister model, String expected) {
    LinearizabilityResult result = LinearizabilityChecker.check(model, history,
        Budget.of(Duration.ofMinutes(1)));

    assertThat(result.verdictWord()).as(result.report()).isEqualTo(expected);
    if (expected.equals("not-linearizable")) {
      LinearizabilityResult.Explanation why = result.partitions().get(0).explanation();
      assertThat(why).isNotNull();
      assertThat(why.unplaceable()).isNotNull();
    }
  }

  @Test
  void coversBothVerdicts() throws IOException {
    assertThat(histories().map(a -> a.get()[1])).contains("linearizable", "not-linearizable");
    assertThat(histories()).hasSize(35);
  }

  static History read(String file) throws IOException {
    try (Reader in = new InputStreamReader(resource(file), StandardCharsets.UTF_8)) {
      return HistoryReader.read(in);
    }
  }

  private static InputStream resource(String name) {
    InputStream in = RecordedEtcdHistoriesTest.class.getResourceAsStream(DIR + name);
    assertThat(in).as("test resource " + name).isNotNull();
    return in;
  }
}
