package io.statekv.node.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statekv.node.watch.SubscriptionRecords;
import io.statekv.protocol.v1.ClientCommand;
import io.statekv.protocol.v1.ClientMessage;
import io.statekv.protocol.v1.ErrorCode;
import io.statekv.protocol.v1.SessionInfo;
import io.statekv.protocol.v1.SubscriptionCreateRequest;
import io.statekv.protocol.v1.SubscriptionDeleteRequest;
import io.statekv.protocol.v1.SubscriptionGetRequest;
import io.statekv.protocol.v1.SubscriptionListRequest;
import io.statekv.protocol.v1.WatchFilter;
import io.statekv.storage.Limits;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SubscriptionChecksTest {
  private final RequestValidator validator = new RequestValidator(Limits.REQUEST_BYTES_MAX);

  private ClientMessage create(String name, WatchFilter filter) {
    return ClientMessage.newBuilder().setRequestId(1).setSubscriptionCreate(
        SubscriptionCreateRequest.newBuilder().setName(name).setFilter(filter)).build();
  }

  private void assertRejected(ClientMessage message, String messagePart) {
    assertThatThrownBy(() -> validator.validate(message, true, 4096))
        .isInstanceOfSatisfying(RejectedRequestException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
          assertThat(e.getMessage()).contains(messagePart);
        });
  }

  @ParameterizedTest
  @ValueSource(strings = {"orders", "a", "Billing.v2", "x_y-z.0"})
  void acceptsSimpleNames(String name) {
    assertThat(SubscriptionRecords.checkName(name)).isNull();
    validator.validate(create(name, WatchFilter.getDefaultInstance()), true, 4096);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-x", ".x", "a b", "a/b", "é", "_sys"})
  void refusesOtherNames(String name) {
    assertRejected(create(name, WatchFilter.getDefaultInstance()), "subscription name");
    assertRejected(ClientMessage.newBuilder().setSubscriptionDelete(SubscriptionDeleteRequest.newBuilder().setName(name))
        .build(), "subscription name");
    assertRejected(ClientMessage.newBuilder().setSubscriptionGet(SubscriptionGetRequest.newBuilder().setName(name))
        .build(), "subscription name");
  }

  @Test
  void refusesLongNamesBadFiltersAndLimits() {
    assertRejected(create("a".repeat(SubscriptionRecords.NAME_CHARS_MAX + 1), WatchFilter.getDefaultInstance()), "more than");
    assertRejected(create("a", WatchFilter.newBuilder().addChangedPaths("x").build()), "changed_paths");
    assertRejected(create("a", WatchFilter.newBuilder().setKeyPrefix("p").build()), "needs a scope");
    assertRejected(ClientMessage.newBuilder().setSubscriptionList(SubscriptionListRequest.newBuilder()
        .setLimit(Limits.LIST_LIMIT_MAX + 1)).build(), "limit");
    assertRejected(ClientMessage.newBuilder().setSubscriptionList(SubscriptionListRequest.newBuilder()
        .setAfter("a b")).build(), "subscription name");
  }

  @Test
  void aCreateIsAConditionalSetOfTheReservedScopeAndKeepsTheSession() {
    SessionInfo session = SessionInfo.newBuilder().setSeq(3).setAckedBelow(1).build();
    ClientMessage message = create("orders", WatchFilter.newBuilder().setScope("o").build()).toBuilder()
        .setSession(session).build();
    ClientCommand command = RequestValidator.command(UUID.randomUUID(), validator.validate(message, true, 4096));
    assertThat(command.getSession()).isEqualTo(session);
    assertThat(command.getSet().getScope()).isEqualTo(SubscriptionRecords.SCOPE);
    assertThat(command.getSet().getKey()).isEqualTo("orders");
    assertThat(command.getSet().getIfRevision()).isZero();
    assertThat(command.getSet().hasIfRevision()).isTrue();
    assertThat(command.getSet().getValueJson().toStringUtf8()).isEqualTo("{\"filter\":{\"scope\":\"o\"}}");
  }

  @Test
  void aStartRevisionBecomesTheCursorBeforeIt() {
    ClientCommand command = SubscriptionRecords.createCommand(SubscriptionCreateRequest.newBuilder()
        .setName("n").setStartRevision(42).build());
    assertThat(command.getSet().getValueJson().toStringUtf8()).isEqualTo("{\"filter\":{},\"acked_revision\":41}");
  }
}
