package io.statekv.chaos.cluster;

import java.net.URI;
import java.util.Objects;

/**
 * Where one node of a test cluster lives on the cluster's Docker network. The test JVM reaches
 * every port at the container's IP directly, never through a mapped host port, because a mapped
 * port goes stale when the container restarts. Immutable.
 *
 * @param id the node id, such as {@code n1}; also the container's network alias
 * @param ip the pinned IPv4 address on the cluster network
 * @param raftPort the Raft (gRPC) port between members
 * @param clientPort the client protocol port
 * @param httpPort the HTTP port (JSON gateway, /v1/cluster, /readyz)
 */
public record NodeAddress(String id, String ip, int raftPort, int clientPort, int httpPort) {
  /** The Raft port every node listens on inside its own container. */
  public static final int RAFT_PORT = 7201;
  /** The client protocol port. */
  public static final int CLIENT_PORT = 7001;
  /** The HTTP port. */
  public static final int HTTP_PORT = 7101;

  public NodeAddress {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(ip, "ip");
  }

  /** A node at {@code ip} with the standard ports. */
  public static NodeAddress standard(String id, String ip) {
    return new NodeAddress(id, ip, RAFT_PORT, CLIENT_PORT, HTTP_PORT);
  }

  /** {@code ip:clientPort}, as the Java client takes endpoints. */
  public String clientEndpoint() {
    return ip + ":" + clientPort;
  }

  /** {@code ip:raftPort}. */
  public String raftEndpoint() {
    return ip + ":" + raftPort;
  }

  /** {@code ip:httpPort}. */
  public String httpEndpoint() {
    return ip + ":" + httpPort;
  }

  /** An HTTP URI on this node, such as {@code http://10.123.4.11:7101/readyz}. */
  public URI http(String path) {
    return URI.create("http://" + httpEndpoint() + path);
  }
}
