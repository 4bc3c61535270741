package io.statekv.client.internal;

import io.statekv.client.EventType;
import io.statekv.client.SubscriptionInfo;
import io.statekv.client.WatchEvent;
import io.statekv.client.WatchFilter;
import io.statekv.protocol.v1.Event;
import io.statekv.protocol.v1.Subscription;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

/** Converts watch filters, events and subscriptions between the API and the wire. Stateless. */
public final class WatchMessages {
  private WatchMessages() {}

  public static io.statekv.protocol.v1.WatchFilter filter(WatchFilter filter) {
    Objects.requireNonNull(filter, "filter");
    io.statekv.protocol.v1.WatchFilter.Builder out = io.statekv.protocol.v1.WatchFilter.newBuilder()
        .setScope(filter.scope()).setKey(filter.key()).setKeyPrefix(filter.keyPrefix())
        .addAllChangedPaths(filter.changedPaths());
    for (EventType type : EventType.values()) {
      if (filter.eventTypes().contains(type)) {
        out.addEventTypes(type.wireName());
      }
    }
    return out.build();
  }

  public static WatchFilter filter(io.statekv.protocol.v1.WatchFilter filter) {
    EnumSet<EventType> types = EnumSet.noneOf(EventType.class);
    filter.getEventTypesList().forEach(t -> types.add(EventType.ofWireName(t)));
    return new WatchFilter(filter.getScope(), filter.getKey(), filter.getKeyPrefix(), types, filter.getChangedPathsList());
  }

  public static WatchEvent event(Event event) {
    return WatchEvent.ofJsonText(event.getRevision(), EventType.ofWireName(event.getEventType()), event.getScope(),
        event.getKey(), text(event.getOldValueJson()), text(event.getNewValueJson()), event.getReason());
  }

  /** A value's JSON text, or null for the wire's "absent" (empty bytes). */
  private static byte[] text(com.google.protobuf.ByteString json) {
    return json.isEmpty() ? null : json.toByteArray();
  }

  /** Splits a response's events into the groups of one revision each, in order; the lists are immutable. */
  static List<List<WatchEvent>> byRevision(List<Event> events) {
    List<List<WatchEvent>> groups = new ArrayList<>();
    List<WatchEvent> group = null;
    long revision = -1;
    for (Event e : events) {
      if (group == null || e.getRevision() != revision) {
        if (group != null && e.getRevision() < revision) {
          throw new IllegalStateException("a node sent revision " + e.getRevision() + " after " + revision);
        }
        group = new ArrayList<>();
        groups.add(Collections.unmodifiableList(group));
        revision = e.getRevision();
      }
      group.add(event(e));
    }
    return Collections.unmodifiableList(groups);
  }

  public static SubscriptionInfo subscription(Subscription s) {
    return new SubscriptionInfo(s.getName(), filter(s.getFilter()), s.getAckedRevision(), s.getCreateRevision(),
        s.getCreatedAt(), s.getUpdatedAt());
  }
}
