package io.statekv.storage;

/**
 * A change produced by apply. Every replica produces the same events in the same order.
 *
 * @param revision the log index of the change; every change of one log entry shares it
 * @param oldValue the value before, or null when the key was absent
 * @param newValue the value after, or null for a deletion
 */
public record Event(
    long revision, EventType type, String scope, String key, Json oldValue, Json newValue, Reason reason) {

  /** Why an entry changed. */
  public enum Reason {
    WRITE("write"),
    EXPIRED("expired");

    private final String wireName;

    Reason(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }
  }
}
