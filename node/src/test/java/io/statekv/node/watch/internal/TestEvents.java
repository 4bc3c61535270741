package io.statekv.node.watch.internal;

import io.statekv.storage.Event;
import io.statekv.storage.EventType;
import io.statekv.storage.Json;
import java.util.List;

/** Storage events for tests, written as text. */
final class TestEvents {
  private TestEvents() {}

  static Event created(long revision, String scope, String key, String value) {
    return new Event(revision, EventType.CREATED, scope, key, null, Json.parse(value), Event.Reason.WRITE);
  }

  static Event updated(long revision, String scope, String key, String before, String after) {
    return new Event(revision, EventType.UPDATED, scope, key, Json.parse(before), Json.parse(after), Event.Reason.WRITE);
  }

  static Event deleted(long revision, String scope, String key, String before) {
    return new Event(revision, EventType.DELETED, scope, key, Json.parse(before), null, Event.Reason.WRITE);
  }

  static Event expired(long revision, String scope, String key, String before) {
    return new Event(revision, EventType.DELETED, scope, key, Json.parse(before), null, Event.Reason.EXPIRED);
  }

  /** {@code count} creations of keys k0.. in scope s, all at one revision. */
  static List<Event> batch(long revision, int count) {
    Event[] events = new Event[count];
    for (int i = 0; i < count; i++) {
      events[i] = created(revision, "s", "k" + i, "{\"i\":" + i + "}");
    }
    return List.of(events);
  }
}
