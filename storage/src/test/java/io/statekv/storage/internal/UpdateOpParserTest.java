package io.statekv.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.statekv.storage.JsonCodec;
import io.statekv.storage.UpdateOp;
import io.statekv.storage.UpdateOps;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The records the parser builds; the transcripts cover behaviour end to end. */
class UpdateOpParserTest {

  private static List<UpdateOp> parse(String json) {
    return UpdateOpParser.parse(JsonCodec.parse(json.getBytes(StandardCharsets.UTF_8)));
  }

  private static JsonNode json(String text) {
    return JsonCodec.parse(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void buildsOneRecordPerOp() {
    assertThat(parse("[{\"type\":\"set\",\"path\":\"a\",\"value\":{\"x\":1}},"
            + "{\"type\":\"merge\",\"path\":[\"a\",\"b\"],\"value\":{}},"
            + "{\"type\":\"increment\",\"path\":\"n\",\"by\":-9223372036854775808},"
            + "{\"type\":\"decrement\",\"by\":2},"
            + "{\"type\":\"append\",\"path\":\"l\",\"value\":null},"
            + "{\"type\":\"remove\",\"path\":\"gone\"}]"))
        .containsExactly(
            new UpdateOp.Set("a", json("{\"x\":1}")),
            new UpdateOp.Merge(List.of("a", "b"), json("{}")),
            new UpdateOp.Increment("n", Long.MIN_VALUE),
            new UpdateOp.Decrement("", 2),
            new UpdateOp.Append(List.of("l"), NullNode.getInstance()),
            new UpdateOp.Remove("gone"));
  }

  @Test
  void everyRootSpellingBecomesTheSameRecord() {
    List<UpdateOp> merges = parse("[{\"type\":\"merge\",\"value\":{}},{\"type\":\"merge\",\"path\":null,\"value\":{}},"
        + "{\"type\":\"merge\",\"path\":\"\",\"value\":{}},{\"type\":\"merge\",\"path\":[],\"value\":{}}]");
    assertThat(merges).allMatch(op -> op.equals(new UpdateOp.Merge(List.of(), json("{}"))));
    List<UpdateOp> sets = parse("[{\"type\":\"set\",\"value\":1},{\"type\":\"set\",\"path\":null,\"value\":1},{\"type\":\"set\",\"path\":\"\",\"value\":1}]");
    assertThat(sets).allMatch(op -> op.equals(new UpdateOp.Set("", json("1"))));
  }

  @Test
  void aSingleEmptySegmentIsKeptForApplyToRefuse() {
    assertThat(parse("[{\"type\":\"append\",\"path\":[\"\"],\"value\":1}]"))
        .containsExactly(new UpdateOp.Append(List.of(""), json("1")));
  }

  @Test
  void setWithoutValueSetsNull() {
    assertThat(parse("[{\"type\":\"set\",\"path\":\"a\"}]")).containsExactly(new UpdateOp.Set("a", NullNode.getInstance()));
  }

  @Test
  void theResultIsImmutable() {
    List<UpdateOp> ops = parse("[{\"type\":\"remove\",\"path\":\"a\"}]");
    assertThatThrownBy(() -> ops.add(new UpdateOp.Remove("b"))).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aMissingOpsValueIsMalformed() {
    assertThatThrownBy(() -> UpdateOpParser.parse(null))
        .isInstanceOfSatisfying(UpdateOps.MalformedOpException.class,
            e -> assertThat(e.opIndex()).isEqualTo(UpdateOps.MalformedOpException.OPS_FIELD))
        .hasMessage("ops: must be an array of ops, got missing");
  }
}
