package io.statekv.node.dispatch.internal;

import io.statekv.protocol.v1.Member;
import io.statekv.protocol.v1.SettingsRequest;
import io.statekv.storage.ClusterSettings;
import java.util.regex.Pattern;

/** Edge checks of the admin requests. Stateless and thread-safe. */
public final class AdminChecks {
  private AdminChecks() {}

  /** Node ids are short and plain, because they appear in addresses, logs and metric tags. */
  private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  static void memberAdd(Member member) {
    nodeId(member.getId());
    address("raft_address", member.getRaftAddress());
    address("client_address", member.getClientAddress());
    if (!member.getHttpAddress().isEmpty()) {
      address("http_address", member.getHttpAddress());
    }
  }

  static void nodeId(String id) {
    if (!NODE_ID.matcher(id).matches()) {
      throw RejectedRequestException.invalid("node id must be 1 to 64 of [A-Za-z0-9._-]: '" + id + "'");
    }
  }

  /** host:port, where host is a name, an IPv4 address or a bracketed IPv6 address. */
  static void address(String field, String address) {
    int colon = address.lastIndexOf(':');
    boolean valid = colon > 0 && colon < address.length() - 1;
    if (valid) {
      String host = address.substring(0, colon);
      valid = host.chars().noneMatch(c -> c <= ' ') && (host.indexOf(':') < 0 || host.startsWith("["));
      try {
        int port = Integer.parseInt(address.substring(colon + 1));
        valid = valid && port > 0 && port <= 65535;
      } catch (NumberFormatException e) {
        valid = false;
      }
    }
    if (!valid) {
      throw RejectedRequestException.invalid(field + " must be host:port: '" + address + "'");
    }
  }

  /**
   * The settings a request asks for, merged over the current ones, or null when it sets no field
   * (a query).
   *
   * @throws RejectedRequestException {@code invalid_argument} when a value is out of its range
   */
  public static ClusterSettings settings(SettingsRequest request, ClusterSettings current) {
    if (!request.hasValueBytesMax() && !request.hasEntriesMax() && !request.hasStateBytesMax()
        && !request.hasSessionsMax() && !request.hasSessionTtlMillis()) {
      return null;
    }
    try {
      return new ClusterSettings(
          request.hasValueBytesMax() ? nonNegative("value_bytes_max", request.getValueBytesMax()) : current.valueBytesMax(),
          request.hasEntriesMax() ? nonNegative("entries_max", request.getEntriesMax()) : current.entriesMax(),
          request.hasStateBytesMax() ? nonNegative("state_bytes_max", request.getStateBytesMax()) : current.stateBytesMax(),
          request.hasSessionsMax() ? nonNegative("sessions_max", request.getSessionsMax()) : current.sessionsMax(),
          request.hasSessionTtlMillis()
              ? nonNegative("session_ttl_millis", request.getSessionTtlMillis())
              : current.sessionTtlMillis());
    } catch (IllegalArgumentException e) {
      throw RejectedRequestException.invalid(e.getMessage());
    }
  }

  private static int nonNegative(String field, int unsigned) {
    if (unsigned < 0) {
      throw RejectedRequestException.invalid(field + " is out of range: " + Integer.toUnsignedString(unsigned));
    }
    return unsigned;
  }

  private static long nonNegative(String field, long unsigned) {
    if (unsigned < 0) {
      throw RejectedRequestException.invalid(field + " is out of range: " + Long.toUnsignedString(unsigned));
    }
    return unsigned;
  }
}
