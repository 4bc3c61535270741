package io.statekv.raft;

/**
 * One member of the cluster and where to reach it.
 *
 * @param id a stable node id, such as {@code n1}
 * @param raftAddress host:port of Raft traffic between members (gRPC)
 * @param clientAddress host:port of the client protocol (Netty, protobuf frames)
 * @param httpAddress host:port of the HTTP server (JSON gateway, metrics, health)
 */
public record Member(String id, String raftAddress, String clientAddress, String httpAddress) {}
