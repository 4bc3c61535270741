package io.statekv.node.http.internal;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.statekv.protocol.v1.ErrorCode;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Maps a request to its endpoint: the state gateway under {@code POST /v1/state/}, and {@code GET
 * /v1/cluster}, {@code /healthz}, {@code /readyz} and {@code /metrics}. A known path with the wrong
 * method gets 405 with {@code Allow}; an unknown path gets 404. Thread-safe.
 */
final class HttpRoutes {
  /** The content type of Prometheus' text exposition format 0.0.4. */
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  static final String CLUSTER_PATH = "/v1/cluster";

  /** An answer on its way, and the route name it is counted under in metrics. */
  record Routed(String op, CompletableFuture<HttpReply> reply) {}

  private final StateGateway gateway;
  private final ClusterEndpoints cluster;
  private final PrometheusMeterRegistry registry;
  private final Map<String, Supplier<HttpReply>> getRoutes;

  HttpRoutes(StateGateway gateway, ClusterEndpoints cluster, PrometheusMeterRegistry registry) {
    this.gateway = gateway;
    this.cluster = cluster;
    this.registry = registry;
    this.getRoutes = Map.of(
        CLUSTER_PATH, cluster::cluster,
        "/healthz", cluster::health,
        "/readyz", cluster::ready,
        "/metrics", this::metrics);
  }

  Routed route(PendingRequest r) {
    StateOp op = StateOp.ofPath(r.path());
    if (op != null) {
      if (!r.method().equals("POST")) {
        return done(op.opName(), methodNotAllowed(r, "POST"));
      }
      return new Routed(op.opName(), gateway.handle(op, r.body(), r.forwarded()));
    }
    if (r.path().equals(WatchQuery.PATH)) {
      // A GET that reaches the router is one this node cannot stream: it serves no watches.
      return done("watch", r.method().equals("GET")
          ? HttpErrors.reply(ErrorCode.NOT_FOUND, "this node serves no watches")
          : methodNotAllowed(r, "GET"));
    }
    Supplier<HttpReply> get = getRoutes.get(r.path());
    String name = get == null ? "unknown" : r.path().substring(r.path().lastIndexOf('/') + 1);
    if (get == null) {
      return done(name, HttpErrors.reply(ErrorCode.NOT_FOUND, "no endpoint at " + r.path()
          + "; see docs/api.md (POST /v1/state/{get,set,update,...}, GET /v1/watch, GET /v1/cluster, /healthz, /readyz, /metrics)"));
    }
    if (!r.method().equals("GET")) {
      return done(name, methodNotAllowed(r, "GET"));
    }
    if (r.path().equals(CLUSTER_PATH)) {
      return new Routed(name, cluster.cluster(r.query()));
    }
    return done(name, get.get());
  }

  private HttpReply metrics() {
    return new HttpReply(200, PROMETHEUS_TEXT, registry.scrape().getBytes(java.nio.charset.StandardCharsets.UTF_8),
        Map.of(), HttpReply.OUTCOME_OK);
  }

  private static HttpReply methodNotAllowed(PendingRequest r, String allowed) {
    return HttpErrors.reply(ErrorCode.INVALID_ARGUMENT, r.method() + " is not allowed on " + r.path() + "; use " + allowed)
        .withStatus(405, "method_not_allowed")
        .withHeader("Allow", allowed);
  }

  private static Routed done(String op, HttpReply reply) {
    return new Routed(op, CompletableFuture.completedFuture(reply));
  }
}
