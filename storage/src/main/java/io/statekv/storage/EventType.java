package io.statekv.storage;

/** The kinds of change events, with iii's names. */
public enum EventType {
  CREATED("state:created"),
  UPDATED("state:updated"),
  DELETED("state:deleted");

  private final String wireName;

  EventType(String wireName) {
    this.wireName = wireName;
  }

  /** The name on the wire and in JSON, such as {@code state:created}. */
  public String wireName() {
    return wireName;
  }

  /** Looks up a wire name; returns null for an unknown one. */
  public static EventType fromWireName(String name) {
    for (EventType t : values()) {
      if (t.wireName.equals(name)) {
        return t;
      }
    }
    return null;
  }
}
