package io.statekv.client.internal;

/** A node address, {@code host:port}; an IPv6 host is written in brackets. */
public record HostPort(String host, int port) {

  public static HostPort parse(String address) {
    if (address == null) {
      throw new NullPointerException("endpoint");
    }
    int colon = address.lastIndexOf(':');
    if (colon <= 0 || colon == address.length() - 1) {
      throw new IllegalArgumentException("an endpoint must be host:port: '" + address + "'");
    }
    String host = address.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.indexOf(':') >= 0) {
      throw new IllegalArgumentException("an IPv6 endpoint must be written [host]:port: '" + address + "'");
    }
    int port;
    try {
      port = Integer.parseInt(address.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("an endpoint's port must be a number: '" + address + "'");
    }
    if (port < 1 || port > 65535 || host.isEmpty()) {
      throw new IllegalArgumentException("an endpoint must be host:port with a port in [1, 65535]: '" + address + "'");
    }
    return new HostPort(host, port);
  }

  @Override
  public String toString() {
    return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
  }
}
