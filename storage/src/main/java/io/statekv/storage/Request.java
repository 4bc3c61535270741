package io.statekv.storage;

import java.util.UUID;

/**
 * A command as it arrives in a log entry, with the client session that makes it exactly-once.
 *
 * @param session the client's session, or null for commands without one (leader-proposed expiry
 *     and settings, and clients that opt out)
 */
public record Request(Session session, Command command) {

  /**
   * A client's position in its own request sequence.
   *
   * @param clientId the client's random id, fixed for its lifetime
   * @param seq this request's number, from 1, unique per client
   * @param ackedBelow every request of this client numbered below it has had its response
   *     delivered, so the state machine may forget those responses
   */
  public record Session(UUID clientId, long seq, long ackedBelow) {
    public Session {
      if (seq < 1 || ackedBelow < 0 || ackedBelow > seq) {
        throw new IllegalArgumentException(
            "session numbers out of range: seq=" + seq + " acked_below=" + ackedBelow);
      }
    }
  }
}
