package io.statekv.node.config;

/**
 * The three addresses of one node.
 *
 * @param raft Raft traffic between members (gRPC)
 * @param client the client protocol (protobuf frames over TCP)
 * @param http the HTTP server: JSON gateway, cluster info, health and metrics
 */
public record Endpoints(HostPort raft, HostPort client, HostPort http) {}
