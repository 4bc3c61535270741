package io.statekv.chaos.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HistoryReaderTest {

  @Test
  void readsTheRecordedRegisterFormat() {
    History history = HistoryReader.parse("""
        {"process": 2, "type": "invoke", "f": "cas",   "value": [3, 0]}
        {"process": 2, "type": "ok",     "f": "cas",   "value": [3, 0]}
        {"process": 0, "type": "invoke", "f": "read",  "value": null}
        {"process": 0, "type": "ok",     "f": "read",  "value": 3}
        {"process": 4, "type": "invoke", "f": "write", "value": 1}
        {"process": 4, "type": "info",   "f": "write", "value": null, "error": "timed-out"}
        """);

    assertThat(history.size()).isEqualTo(6);
    Op info = history.ops().get(5);
    assertThat(info.process()).isEqualTo(4);
    assertThat(info.type()).isEqualTo(OpType.INFO);
    assertThat(info.f()).isEqualTo("write");
    assertThat(info.value().isNull()).isTrue();
    assertThat(info.error()).isEqualTo("timed-out");
    assertThat(info.hasTime()).isFalse();
    assertThat(history.ops().get(0).value().get(1).asInt()).isZero();
    assertThat(history.operations()).hasSize(3);
  }

  @Test
  void readsTimesNemesisAndIgnoresUnknownFields() {
    History history = HistoryReader.parse("""
        {"process": 1, "type": "invoke", "f": "read", "time": 100, "node": "n1"}
        {"process": "nemesis", "type": "info", "f": "kill", "value": "n2", "time": 150}
        {"process": 1, "type": "ok", "f": "read", "value": {"a": [1, 2.5]}, "time": 200}
        """);

    assertThat(history.ops()).extracting(Op::time).containsExactly(100L, 150L, 200L);
    assertThat(history.ops().get(0).value().isNull()).as("a missing value is JSON null").isTrue();
    assertThat(history.ops().get(1).isNemesis()).isTrue();
    assertThat(history.ops().get(2).value().toString()).isEqualTo("{\"a\":[1,2.5]}");
  }

  @Test
  void allowsTrailingBlankLinesOnly() {
    assertThat(HistoryReader.parse("{\"process\":0,\"type\":\"invoke\",\"f\":\"read\"}\n\n\n")
        .size()).isEqualTo(1);
    assertThatThrownBy(() -> HistoryReader.parse("""
        {"process":0,"type":"invoke","f":"read"}

        {"process":0,"type":"ok","f":"read","value":1}
        """))
        .isInstanceOf(MalformedHistoryException.class)
        .hasMessage("line 2: blank line before the end of the history");
  }

  @Test
  void namesTheLineOfEveryKindOfBadField() {
    assertBad("{\"process\":0,\"type\":\"invoke\",\"f\":\"read\"}\n{oops",
        "line 2: not valid JSON");
    assertBad("[1,2]", "line 1: expected a JSON object per line");
    assertBad("{\"process\":-1,\"type\":\"invoke\",\"f\":\"read\"}",
        "line 1: field 'process' must be an integer of at least 0 or \"nemesis\"");
    assertBad("{\"process\":1.5,\"type\":\"invoke\",\"f\":\"read\"}", "field 'process'");
    assertBad("{\"process\":\"p1\",\"type\":\"invoke\",\"f\":\"read\"}", "field 'process'");
    assertBad("{\"process\":0,\"type\":\"done\",\"f\":\"read\"}",
        "line 1: unknown op type 'done' (expected invoke, ok, fail or info)");
    assertBad("{\"process\":0,\"f\":\"read\"}", "line 1: field 'type' must be a string");
    assertBad("{\"process\":0,\"type\":\"invoke\",\"f\":\"\"}",
        "line 1: field 'f' must be a non-empty string");
    assertBad("{\"process\":0,\"type\":\"invoke\",\"f\":\"read\",\"time\":-5}",
        "line 1: field 'time' must be an integer of at least 0");
    assertBad("{\"process\":0,\"type\":\"invoke\",\"f\":\"read\"} {}", "line 1: not valid JSON");
  }

  @Test
  void roundTripsThroughTheWriterFormat() {
    History original = TestHistories.history(
        "t=1 0 invoke cas [1,{\"x\":null}]",
        "t=2 nemesis info partition [[\"n1\"],[\"n2\",\"n3\"]]",
        "t=3 0 info cas [1,{\"x\":null}] error=timed-out");
    StringBuilder text = new StringBuilder();
    original.ops().forEach(op -> text.append(HistoryWriter.format(op)).append('\n'));

    History read = HistoryReader.parse(text.toString());

    assertThat(read.ops()).isEqualTo(original.ops());
    assertThat(text.toString()).startsWith(
        "{\"process\":0,\"type\":\"invoke\",\"f\":\"cas\",\"value\":[1,{\"x\":null}],\"time\":1}\n"
            + "{\"process\":\"nemesis\",");
  }

  private static void assertBad(String text, String message) {
    assertThatThrownBy(() -> HistoryReader.parse(text))
        .isInstanceOf(MalformedHistoryException.class)
        .hasMessageContaining(message);
  }
}
