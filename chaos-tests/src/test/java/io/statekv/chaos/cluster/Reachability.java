package io.statekv.chaos.cluster;

import java.io.IOException;
import java.util.List;

/**
 * Whether one node's container gets an HTTP answer from another's HTTP port, tried from inside
 * the first container with busybox nc, so that the iptables rules of both network namespaces
 * apply. Busybox's wget crashes in the static build, and its nc has no {@code -z} and exits 0 on a
 * connect timeout, so the test is whether an HTTP status line comes back. Stateless.
 */
public final class Reachability {
  /** A dropped SYN makes nc wait this long; an open port answers in milliseconds. */
  public static final int CONNECT_TIMEOUT_SECONDS = 2;

  private Reachability() {}

  /** True if {@code from} gets an HTTP answer from {@code to}'s {@code /healthz}. */
  public static boolean reachable(ClusterNode from, ClusterNode to) throws IOException {
    String request = "printf 'GET /healthz HTTP/1.0\\r\\n\\r\\n' | nc -w "
        + CONNECT_TIMEOUT_SECONDS + " " + to.address().ip() + " " + to.address().httpPort()
        + "; true";
    return from.exec(List.of("sh", "-c", request)).startsWith("HTTP/1.");
  }
}
