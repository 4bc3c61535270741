package io.statekv.node.config;

import java.net.InetSocketAddress;

/**
 * A {@code host:port} address as written in the config: an IPv4 address, a host name, or an IPv6
 * address in brackets ({@code [::1]:7001}). Immutable.
 */
public record HostPort(String host, int port) {
  public static final int PORT_MIN = 1;
  public static final int PORT_MAX = 65_535;

  public HostPort {
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException("host is empty");
    }
    if (port < PORT_MIN || port > PORT_MAX) {
      throw new IllegalArgumentException("port " + port + " is outside [" + PORT_MIN + ", " + PORT_MAX + "]");
    }
  }

  /**
   * Parses {@code host:port}.
   *
   * @throws IllegalArgumentException saying what is wrong with the text
   */
  public static HostPort parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("address is empty; expected host:port");
    }
    String trimmed = text.strip();
    int colon = trimmed.lastIndexOf(':');
    if (colon <= 0 || colon == trimmed.length() - 1) {
      throw new IllegalArgumentException("'" + text + "' is not host:port");
    }
    String host = trimmed.substring(0, colon);
    if (host.startsWith("[") != host.endsWith("]")) {
      throw new IllegalArgumentException("'" + text + "' has an unbalanced IPv6 bracket");
    }
    if (host.startsWith("[")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      throw new IllegalArgumentException("'" + text + "': write an IPv6 address in brackets, as [::1]:7001");
    }
    if (host.isEmpty() || host.chars().anyMatch(c -> c <= ' ' || c == '/')) {
      throw new IllegalArgumentException("'" + text + "' has an invalid host");
    }
    String port = trimmed.substring(colon + 1);
    if (!port.chars().allMatch(Character::isDigit) || port.length() > 5) {
      throw new IllegalArgumentException("'" + text + "' has a port that is not a number");
    }
    return new HostPort(host, Integer.parseInt(port));
  }

  /** True for 0.0.0.0 and ::, which bind every interface but cannot be dialled by peers. */
  public boolean isWildcard() {
    return host.equals("0.0.0.0") || host.equals("::") || host.equals("0:0:0:0:0:0:0:0");
  }

  /** An unresolved socket address, resolved when bound or dialled. */
  public InetSocketAddress toSocketAddress() {
    return InetSocketAddress.createUnresolved(host, port);
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
