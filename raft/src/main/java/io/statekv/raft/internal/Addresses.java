package io.statekv.raft.internal;

/** Parses {@code host:port} addresses, including bracketed IPv6 hosts. */
final class Addresses {
  private Addresses() {}

  record HostPort(String host, int port) {}

  /**
   * @throws IllegalArgumentException when the address is not host:port with a port in 1..65535
   */
  static HostPort parse(String what, String address) {
    int colon = address == null ? -1 : address.lastIndexOf(':');
    if (colon <= 0 || colon == address.length() - 1) {
      throw new IllegalArgumentException(what + " must be host:port, got '" + address + "'");
    }
    String host = address.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(address.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + " has a bad port: '" + address + "'");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(what + " port out of range: '" + address + "'");
    }
    return new HostPort(host, port);
  }
}
