package io.statekv.client;

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

  /**
   * The type of a wire name.
   *
   * @throws IllegalArgumentException for a name that is none of the three
   */
  public static EventType ofWireName(String name) {
    for (EventType t : values()) {
      if (t.wireName.equals(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown event type '" + name + "'");
  }
}
