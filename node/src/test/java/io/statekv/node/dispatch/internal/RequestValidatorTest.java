package io.statekv.node.dispatch.internal;

import static io.statekv.node.dispatch.internal.Requests.bytes;
import static io.statekv.node.dispatch.internal.Requests.json;
import static io.statekv.node.dispatch.internal.Requests.message;
import static io.statekv.node.dispatch.internal.Requests.nested;
import static io.statekv.node.dispatch.internal.Requests.set;
import static io.statekv.node.dispatch.internal.Requests.stringOfCompactSize;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statekv.protocol.v1.AppendRequest;
import io.statekv.protocol.v1.ClientCommand;
import io.statekv.protocol.v1.ClientMessage;
import io.statekv.protocol.v1.DeleteRequest;
import io.statekv.protocol.v1.ErrorCode;
import io.statekv.protocol.v1.GetRequest;
import io.statekv.protocol.v1.Hello;
import io.statekv.protocol.v1.ListGroupsRequest;
import io.statekv.protocol.v1.ListRequest;
import io.statekv.protocol.v1.PatchRequest;
import io.statekv.protocol.v1.SessionInfo;
import io.statekv.protocol.v1.SetRequest;
import io.statekv.protocol.v1.WatchCreateRequest;
import io.statekv.storage.Limits;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestValidatorTest {
  private static final int VALUE_BYTES_MAX = 4096;
  private final RequestValidator validator = new RequestValidator(Limits.REQUEST_BYTES_MAX);

  private ClientMessage valid(ClientMessage message) {
    return validator.validate(message, true, VALUE_BYTES_MAX);
  }

  private void assertRejected(ClientMessage message, ErrorCode code, String messagePart) {
    assertThatThrownBy(() -> validator.validate(message, true, VALUE_BYTES_MAX))
        .isInstanceOfSatisfying(RejectedRequestException.class, e -> {
          assertThat(e.code()).isEqualTo(code);
          assertThat(e.getMessage()).contains(messagePart);
        });
  }

  @Test
  void scopeBoundaries() {
    valid(message(set("s".repeat(Limits.SCOPE_BYTES_MAX), "k", "1")));
    assertRejected(message(set("s".repeat(Limits.SCOPE_BYTES_MAX + 1), "k", "1")), ErrorCode.INVALID_ARGUMENT, "257 bytes");
    // Two-byte characters: 128 of them are exactly 256 bytes, 129 are 258.
    valid(message(set("é".repeat(128), "k", "1")));
    assertRejected(message(set("é".repeat(129), "k", "1")), ErrorCode.INVALID_ARGUMENT, "258 bytes");
    assertRejected(message(set("", "k", "1")), ErrorCode.INVALID_ARGUMENT, "scope must not be empty");
    assertRejected(message(set("a\u0007b", "k", "1")), ErrorCode.INVALID_ARGUMENT, "control character");
  }

  @ParameterizedTest
  @ValueSource(strings = {"_", "_system", "_sessions"})
  void reservedScopesAreRefused(String scope) {
    assertRejected(message(set(scope, "k", "1")), ErrorCode.INVALID_ARGUMENT, "reserved");
  }

  @Test
  void keyBoundaries() {
    valid(message(set("s", "k".repeat(Limits.KEY_BYTES_MAX), "1")));
    assertRejected(message(set("s", "k".repeat(Limits.KEY_BYTES_MAX + 1), "1")), ErrorCode.INVALID_ARGUMENT, "1025 bytes");
    assertRejected(message(set("s", "", "1")), ErrorCode.INVALID_ARGUMENT, "key must not be empty");
    assertRejected(message(set("s", "a\nb", "1")), ErrorCode.INVALID_ARGUMENT, "control character");
  }

  @Test
  void valueSizeIsMeasuredCompactAtTheClusterLimit() {
    valid(message(set("s", "k", stringOfCompactSize(VALUE_BYTES_MAX))));
    assertRejected(
        message(set("s", "k", stringOfCompactSize(VALUE_BYTES_MAX + 1))), ErrorCode.VALUE_TOO_LARGE, "value_bytes_max 4096");
    // Whitespace does not count: the value enters the log in compact form.
    String padded = "[ " + stringOfCompactSize(VALUE_BYTES_MAX - 2) + " ]";
    ClientMessage accepted = valid(message(set("s", "k", padded)));
    assertThat(accepted.getSet().getValueJson().size()).isEqualTo(VALUE_BYTES_MAX);
    assertThat(accepted.getSet().getValueJson().toStringUtf8()).startsWith("[\"xx");
  }

  @Test
  void valueDepthBoundary() {
    valid(message(set("s", "k", nested(Limits.VALUE_DEPTH_MAX))));
    assertRejected(message(set("s", "k", nested(Limits.VALUE_DEPTH_MAX + 1))), ErrorCode.INVALID_ARGUMENT, "65 levels");
    // Far past the parser's own bound: still a typed error, never a stack overflow.
    assertRejected(message(set("s", "k", nested(100_000))), ErrorCode.INVALID_ARGUMENT, "value_json");
  }

  @Test
  void malformedJsonIsRefused() {
    assertRejected(message(set("s", "k", "")), ErrorCode.INVALID_ARGUMENT, "value_json is empty");
    assertRejected(message(set("s", "k", "{\"a\":")), ErrorCode.INVALID_ARGUMENT, "invalid JSON");
    assertRejected(message(set("s", "k", "1 2")), ErrorCode.INVALID_ARGUMENT, "invalid JSON");
    assertRejected(message(set("s", "k", "{\"a\":1,\"a\":2}")), ErrorCode.INVALID_ARGUMENT, "invalid JSON");
    // Jackson alone would read this as infinity and write it back as a string.
    assertRejected(message(set("s", "k", "1e400")), ErrorCode.INVALID_ARGUMENT, "invalid JSON");
    assertRejected(message(set("s", "k", "\"\\ud800\"")), ErrorCode.INVALID_ARGUMENT, "invalid JSON");
  }

  @Test
  void badUtf8IsRefused() {
    // An overlong '/', a lone continuation byte, an encoded surrogate, and a truncated sequence,
    // each inside a JSON string.
    int[][] cases = {
        {'"', 0xC0, 0xAF, '"'}, {'"', 0x80, '"'}, {'"', 0xED, 0xA0, 0x80, '"'}, {'"', 0xE2, 0x82, '"'}, {'"', 0xFF, '"'}
    };
    for (int[] value : cases) {
      SetRequest.Builder set = SetRequest.newBuilder().setScope("s").setKey("k").setValueJson(bytes(value));
      assertRejected(message(set), ErrorCode.INVALID_ARGUMENT, "UTF-8");
    }
    valid(message(set("s", "k", "\"snow ☃ and 𝄞\"")));
  }

  @Test
  void ttlBoundaries() {
    valid(message(set("s", "k", "1").setTtlSeconds(1)));
    valid(message(set("s", "k", "1").setTtlSeconds(Limits.TTL_SECONDS_MAX)));
    assertRejected(message(set("s", "k", "1").setTtlSeconds(0)), ErrorCode.INVALID_ARGUMENT, "ttl_seconds");
    assertRejected(message(set("s", "k", "1").setTtlSeconds(Limits.TTL_SECONDS_MAX + 1)), ErrorCode.INVALID_ARGUMENT, "ttl_seconds");
    assertRejected(message(set("s", "k", "1").setTtlSeconds(-1L)), ErrorCode.INVALID_ARGUMENT, "18446744073709551615");
  }

  @Test
  void ifRevisionRange() {
    valid(message(set("s", "k", "1").setIfRevision(0)));
    valid(message(set("s", "k", "1").setIfRevision(Long.MAX_VALUE)));
    // 2^64 - 1 would read as -1, the engine's "any revision": it must not pass as unconditional.
    assertRejected(message(set("s", "k", "1").setIfRevision(-1L)), ErrorCode.INVALID_ARGUMENT, "if_revision");
    assertRejected(
        ClientMessage.newBuilder().setDelete(DeleteRequest.newBuilder().setScope("s").setKey("k").setIfRevision(Long.MIN_VALUE)).build(),
        ErrorCode.INVALID_ARGUMENT, "if_revision");
  }

  @Test
  void patchAndAppendJsonAreChecked() {
    ClientMessage patch = ClientMessage.newBuilder()
        .setPatch(PatchRequest.newBuilder().setScope("s").setKey("k").setPatchJson(json("{ \"a\" : null }"))).build();
    assertThat(valid(patch).getPatch().getPatchJson().toStringUtf8()).isEqualTo("{\"a\":null}");
    assertRejected(
        ClientMessage.newBuilder().setPatch(PatchRequest.newBuilder().setScope("s").setKey("k").setPatchJson(json(nested(65)))).build(),
        ErrorCode.INVALID_ARGUMENT, "patch_json");
    assertRejected(
        ClientMessage.newBuilder().setAppend(AppendRequest.newBuilder().setScope("s").setKey("k")
            .setItemJson(json(stringOfCompactSize(VALUE_BYTES_MAX + 1)))).build(),
        ErrorCode.VALUE_TOO_LARGE, "item_json");
    assertRejected(
        ClientMessage.newBuilder().setAppend(AppendRequest.newBuilder().setScope("_x").setKey("k").setItemJson(json("1"))).build(),
        ErrorCode.INVALID_ARGUMENT, "reserved");
  }

  @Test
  void requestSizeBoundary() {
    RequestValidator small = new RequestValidator(2048);
    // Length prefixes are varints, so search for the value size that makes the request exactly 2048 bytes.
    int valueBytes = 100;
    while (message(set("s", "k", stringOfCompactSize(valueBytes + 1))).getSerializedSize() <= 2048) {
      valueBytes++;
    }
    ClientMessage atLimit = message(set("s", "k", stringOfCompactSize(valueBytes)));
    assertThat(atLimit.getSerializedSize()).isEqualTo(2048);
    small.validate(atLimit, true, VALUE_BYTES_MAX);
    ClientMessage over = message(set("s", "k", stringOfCompactSize(valueBytes + 1)));
    assertThatThrownBy(() -> small.validate(over, true, VALUE_BYTES_MAX))
        .isInstanceOfSatisfying(RejectedRequestException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.REQUEST_TOO_LARGE));
  }

  @Test
  void listLimitBoundaries() {
    ListRequest.Builder list = ListRequest.newBuilder().setScope("s");
    valid(ClientMessage.newBuilder().setList(list.setLimit(0)).build());
    valid(ClientMessage.newBuilder().setList(list.setLimit(Limits.LIST_LIMIT_MAX)).build());
    assertRejected(ClientMessage.newBuilder().setList(list.setLimit(Limits.LIST_LIMIT_MAX + 1)).build(),
        ErrorCode.INVALID_ARGUMENT, "list_limit_max");
    assertRejected(ClientMessage.newBuilder().setList(list.setLimit(-1)).build(), ErrorCode.INVALID_ARGUMENT, "4294967295");
    assertRejected(ClientMessage.newBuilder().setList(ListRequest.newBuilder().setScope("s").setPrefix("a\u0000")).build(),
        ErrorCode.INVALID_ARGUMENT, "prefix");
    assertRejected(ClientMessage.newBuilder().setList(ListRequest.newBuilder().setScope("s").setConsistencyValue(9)).build(),
        ErrorCode.INVALID_ARGUMENT, "consistency");
    assertRejected(ClientMessage.newBuilder().setListGroups(ListGroupsRequest.newBuilder().setMinRevision(-5)).build(),
        ErrorCode.INVALID_ARGUMENT, "min_revision");
  }

  @Test
  void sessionNumbersBelongToWritesWithAClientId() {
    SessionInfo session = SessionInfo.newBuilder().setSeq(3).setAckedBelow(3).build();
    ClientMessage write = message(set("s", "k", "1")).toBuilder().setSession(session).build();
    valid(write);
    assertThatThrownBy(() -> validator.validate(write, false, VALUE_BYTES_MAX)).hasMessageContaining("client id");
    ClientMessage read = ClientMessage.newBuilder()
        .setGet(GetRequest.newBuilder().setScope("s").setKey("k")).setSession(session).build();
    assertRejected(read, ErrorCode.INVALID_ARGUMENT, "writes only");
    assertRejected(write.toBuilder().setSession(SessionInfo.newBuilder().setSeq(0)).build(), ErrorCode.INVALID_ARGUMENT, "seq");
    assertRejected(write.toBuilder().setSession(SessionInfo.newBuilder().setSeq(3).setAckedBelow(4)).build(),
        ErrorCode.INVALID_ARGUMENT, "acked_below");
  }

  @Test
  void requestsTheDispatcherDoesNotServe() {
    assertRejected(ClientMessage.newBuilder().setRequestId(1).build(), ErrorCode.INVALID_ARGUMENT, "no body");
    assertRejected(ClientMessage.newBuilder().setHello(Hello.getDefaultInstance()).build(), ErrorCode.INVALID_ARGUMENT, "Hello");
    assertRejected(ClientMessage.newBuilder().setWatchCreate(WatchCreateRequest.getDefaultInstance()).build(),
        ErrorCode.INVALID_ARGUMENT, "open streams");
  }

  @Test
  void commandCarriesTheSessionOnlyWithAClientId() {
    UUID clientId = new UUID(0x0102030405060708L, 0x090a0b0c0d0e0f10L);
    SessionInfo session = SessionInfo.newBuilder().setSeq(9).setAckedBelow(4).build();
    ClientMessage write = valid(message(set("s", "k", "1")).toBuilder().setSession(session).build());
    ClientCommand command = RequestValidator.command(clientId, write);
    assertThat(command.getClientId().toByteArray()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16);
    assertThat(command.getSession()).isEqualTo(session);
    assertThat(command.getSet()).isEqualTo(write.getSet());
    ClientCommand anonymous = RequestValidator.command(null, valid(message(set("s", "k", "1"))));
    assertThat(anonymous.getClientId().isEmpty()).isTrue();
    assertThat(anonymous.hasSession()).isFalse();
  }
}
