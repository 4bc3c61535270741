package io.statekv.node.watch.internal;

import static io.statekv.node.watch.internal.TestEvents.created;
import static io.statekv.node.watch.internal.TestEvents.deleted;
import static io.statekv.node.watch.internal.TestEvents.updated;
import static org.assertj.core.api.Assertions.assertThat;

import io.statekv.node.watch.WatchFilterRules;
import io.statekv.protocol.v1.WatchFilter;
import io.statekv.storage.Event;
import org.junit.jupiter.api.Test;

class EventFilterTest {

  private static boolean matches(WatchFilter filter, Event event) {
    return new PreparedEvent(event).matches(EventFilter.of(filter));
  }

  @Test
  void anEmptyFilterMatchesEverything() {
    WatchFilter all = WatchFilter.getDefaultInstance();
    assertThat(matches(all, created(1, "a", "k", "1"))).isTrue();
    assertThat(matches(all, deleted(1, "b", "k", "1"))).isTrue();
  }

  @Test
  void scopeKeyAndPrefixNarrowTheAddress() {
    WatchFilter scope = WatchFilter.newBuilder().setScope("users").build();
    WatchFilter key = WatchFilter.newBuilder().setScope("users").setKey("u1").build();
    WatchFilter prefix = WatchFilter.newBuilder().setScope("users").setKeyPrefix("u1").build();
    assertThat(matches(scope, created(1, "users", "x", "1"))).isTrue();
    assertThat(matches(scope, created(1, "orders", "x", "1"))).isFalse();
    assertThat(matches(key, created(1, "users", "u1", "1"))).isTrue();
    assertThat(matches(key, created(1, "users", "u10", "1"))).isFalse();
    assertThat(matches(prefix, created(1, "users", "u10", "1"))).isTrue();
    assertThat(matches(prefix, created(1, "users", "u2", "1"))).isFalse();
    assertThat(matches(prefix, created(1, "other", "u10", "1"))).isFalse();
  }

  @Test
  void eventTypesNarrowTheKinds() {
    WatchFilter deletes = WatchFilter.newBuilder().addEventTypes("state:deleted").build();
    assertThat(matches(deletes, deleted(1, "s", "k", "1"))).isTrue();
    assertThat(matches(deletes, TestEvents.expired(1, "s", "k", "1"))).isTrue();
    assertThat(matches(deletes, updated(1, "s", "k", "1", "2"))).isFalse();
  }

  @Test
  void changedPathsFireOnlyWhenOneOfThemChanged() {
    WatchFilter email = WatchFilter.newBuilder().setScope("users")
        .addChangedPaths("/email").addChangedPaths("/profile/phone").build();
    assertThat(matches(email, updated(1, "users", "u", "{\"email\":\"a\",\"n\":1}", "{\"email\":\"a\",\"n\":2}"))).isFalse();
    assertThat(matches(email, updated(1, "users", "u", "{\"email\":\"a\"}", "{\"email\":\"b\"}"))).isTrue();
    assertThat(matches(email, updated(1, "users", "u", "{\"profile\":{\"phone\":1}}", "{\"profile\":{\"phone\":2}}")))
        .isTrue();
    assertThat(matches(email, created(1, "users", "u", "{\"name\":\"x\"}"))).isFalse();
    assertThat(matches(email, created(1, "users", "u", "{\"email\":\"x\"}"))).isTrue();
    assertThat(matches(email, deleted(1, "users", "u", "{\"email\":\"x\"}"))).isTrue();
  }

  @Test
  void theRulesRefuseBadFiltersWithAReason() {
    assertThat(WatchFilterRules.check(WatchFilter.newBuilder().setKeyPrefix("u").build())).contains("needs a scope");
    assertThat(WatchFilterRules.check(WatchFilter.newBuilder().setKey("u").build())).contains("needs a scope");
    assertThat(WatchFilterRules.check(WatchFilter.newBuilder().setScope("s").setKey("u").setKeyPrefix("u").build()))
        .contains("exclude each other");
    assertThat(WatchFilterRules.check(WatchFilter.newBuilder().setScope("_system").build())).contains("reserved");
    assertThat(WatchFilterRules.check(WatchFilter.newBuilder().addEventTypes("state:changed").build()))
        .contains("unknown event type 'state:changed'");
    assertThat(WatchFilterRules.check(WatchFilter.newBuilder().addChangedPaths("email").build()))
        .contains("changed_paths").contains("start with '/'");
    WatchFilter.Builder many = WatchFilter.newBuilder();
    for (int i = 0; i <= WatchFilterRules.CHANGED_PATHS_MAX; i++) {
      many.addChangedPaths("/f" + i);
    }
    assertThat(WatchFilterRules.check(many.build())).contains("more than " + WatchFilterRules.CHANGED_PATHS_MAX);
    assertThat(WatchFilterRules.check(WatchFilter.newBuilder().setScope("s").setKeyPrefix("u").addEventTypes("state:created")
        .addChangedPaths("/a").build())).isNull();
  }
}
