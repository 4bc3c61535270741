package io.statekv.chaos.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * The harness's view of a node's HTTP port: readiness and cluster status. Short timeouts, because
 * a paused or partitioned node accepts connections in its kernel but never answers. Thread-safe.
 */
public final class NodeHttp {
  /** How long one request may take before the node counts as not answering. */
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(REQUEST_TIMEOUT).version(HttpClient.Version.HTTP_1_1).build();

  /** True if {@code /readyz} answers 200. */
  public boolean ready(NodeAddress node) {
    try {
      return get(node, "/readyz").statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The node's {@code /v1/cluster?state_hash=true}, the view with the hash of its applied state,
   * or empty when it does not answer 200 in time.
   */
  public Optional<ClusterStatus> status(NodeAddress node) {
    try {
      HttpResponse<String> response = get(node, "/v1/cluster?state_hash=true");
      if (response.statusCode() != 200) {
        return Optional.empty();
      }
      return Optional.of(ClusterStatus.parse(JSON.readTree(response.body())));
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Any JSON document the node serves with 200, or empty. */
  public Optional<JsonNode> json(NodeAddress node, String path) {
    try {
      HttpResponse<String> response = get(node, path);
      return response.statusCode() == 200
          ? Optional.of(JSON.readTree(response.body())) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private HttpResponse<String> get(NodeAddress node, String path) throws IOException {
    HttpRequest request = HttpRequest.newBuilder(node.http(path)).timeout(REQUEST_TIMEOUT)
        .GET().build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new IOException("interrupted", e));
    }
  }
}
