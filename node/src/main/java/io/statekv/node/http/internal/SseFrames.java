package io.statekv.node.http.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.statekv.protocol.v1.Event;
import io.statekv.protocol.v1.WatchResponse;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The Server-Sent Events text of a watch's messages (see docs/watch.md, "HTTP"). Each change is an
 * {@code event: state} whose data is iii's trigger payload plus revision and reason. The event id
 * is the revision, and it is written only on the last event of a revision, so that a client that
 * reconnects with {@code Last-Event-ID} never resumes in the middle of a transaction's events. A
 * progress notification is an {@code event: progress} with the revision as its id; a cancellation
 * is an {@code event: error} with the error body of the JSON gateway. Stateless and thread-safe.
 */
final class SseFrames {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SseFrames() {}

  /** The frames of one watch message; empty when it carries nothing for the client. */
  static String of(WatchResponse r) {
    StringBuilder out = new StringBuilder();
    if (r.getCreated()) {
      out.append(": watching; the oldest revision held here is ").append(r.getOldestRevision()).append("\n\n");
    }
    for (int i = 0; i < r.getEventsCount(); i++) {
      Event e = r.getEvents(i);
      boolean lastOfRevision = i + 1 == r.getEventsCount() || r.getEvents(i + 1).getRevision() != e.getRevision();
      frame(out, lastOfRevision ? e.getRevision() : 0, "state", json(e));
    }
    long lastEvent = r.getEventsCount() == 0 ? 0 : r.getEvents(r.getEventsCount() - 1).getRevision();
    if (!r.getCanceled() && r.getProgressRevision() > lastEvent) {
      frame(out, r.getProgressRevision(), "progress", "{\"revision\":" + r.getProgressRevision() + "}");
    }
    if (r.getCanceled()) {
      String body = r.hasCancelReason()
          ? HttpErrors.reply(r.getCancelReason(), "", false).bodyText()
          : "{\"error\":{\"code\":\"cancelled\",\"message\":\"the watch was cancelled\"}}";
      frame(out, 0, "error", body);
    }
    return out.toString();
  }

  /** An event's JSON: iii's trigger payload ({@code type: "state"}) with revision and reason. */
  static String json(Event e) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("type", "state");
    out.put("event_type", e.getEventType());
    out.put("scope", e.getScope());
    out.put("key", e.getKey());
    out.putRawValue("old_value", GatewayResponses.raw(e.getOldValueJson()));
    out.putRawValue("new_value", GatewayResponses.raw(e.getNewValueJson()));
    out.put("revision", e.getRevision());
    out.put("reason", e.getReason());
    try {
      return MAPPER.writeValueAsString(out);
    } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  static byte[] bytes(String frames) {
    return frames.getBytes(StandardCharsets.UTF_8);
  }

  /** One frame; data holds no newline (compact JSON), so it is one data line. */
  private static void frame(StringBuilder out, long id, String event, String data) {
    if (id > 0) {
      out.append("id: ").append(id).append('\n');
    }
    out.append("event: ").append(event).append('\n').append("data: ").append(data).append("\n\n");
  }
}
