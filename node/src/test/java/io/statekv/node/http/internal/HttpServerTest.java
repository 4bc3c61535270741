package io.statekv.node.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.statekv.node.http.HttpServer;
import io.statekv.protocol.v1.Error;
import io.statekv.protocol.v1.ErrorCode;
import io.statekv.protocol.v1.GetResponse;
import io.statekv.protocol.v1.NodeMessage;
import io.statekv.raft.ClusterView;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP server's behaviour outside the gateway's conversions, over real sockets. */
class HttpServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int REQUEST_BYTES_MAX = 64 * 1024;
  /** A server that fails to answer or close fails the test instead of hanging it. */
  private static final int SOCKET_TIMEOUT_MILLIS = 10_000;
  private static final ClusterView LEADING = new ClusterView("n1", "n1", 3, 40, 40, List.of(), true);

  private final ScriptedDispatcher dispatcher = new ScriptedDispatcher();
  private final AtomicReference<ClusterView> view = new AtomicReference<>(LEADING);
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final HttpClient client = HttpClient.newHttpClient();
  private HttpServer server;

  @BeforeEach
  void start() {
    server = HttpServer.start("n1", new InetSocketAddress("127.0.0.1", 0), REQUEST_BYTES_MAX, Duration.ofSeconds(5),
        dispatcher, null, () -> {
          ClusterView v = view.get();
          if (v == null) {
            throw new IllegalStateException("not started");
          }
          return v;
        }, registry);
    dispatcher.answerWith(NodeMessage.newBuilder().setGet(GetResponse.newBuilder().setRevision(1)).build());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    return client.send(HttpRequest.newBuilder(uri(path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.boundAddress().getPort() + path);
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }

  @Test
  void wrongMethodIs405WithAllow() throws Exception {
    HttpResponse<String> r = send("GET", "/v1/state/get", null);
    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.headers().firstValue("Allow")).hasValue("POST");
    assertThat(json(r).at("/error/message").asText()).isEqualTo("GET is not allowed on /v1/state/get; use POST");
    HttpResponse<String> metrics = send("POST", "/metrics", "{}");
    assertThat(metrics.statusCode()).isEqualTo(405);
    assertThat(metrics.headers().firstValue("Allow")).hasValue("GET");
  }

  @Test
  void unknownPathIs404() throws Exception {
    assertThat(send("POST", "/v1/state/increment", "{}").statusCode()).isEqualTo(404);
    HttpResponse<String> r = send("GET", "/", null);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(json(r).at("/error/code").asText()).isEqualTo("not_found");
  }

  @Test
  void oversizedBodyIs413AndTheServerKeepsServing() throws Exception {
    String big = "{\"scope\":\"s\",\"key\":\"k\",\"value\":\"" + "x".repeat(REQUEST_BYTES_MAX) + "\"}";
    HttpResponse<String> r = send("POST", "/v1/state/set", big);
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(json(r).at("/error/code").asText()).isEqualTo("request_too_large");
    assertThat(json(r).at("/error/message").asText()).contains("request_bytes_max " + REQUEST_BYTES_MAX);
    assertThat(dispatcher.takeReceived()).isEmpty();
    HttpResponse<String> after = send("POST", "/v1/state/get", "{\"scope\":\"s\",\"key\":\"k\"}");
    assertThat(after.statusCode()).isEqualTo(200);
    assertThat(after.body()).isEqualTo("null");
  }

  @Test
  void oversizedBodyAnnouncedWithExpectContinueGets413BeforeTheBodyIsSent() throws Exception {
    try (Socket s = new Socket("127.0.0.1", server.boundAddress().getPort())) {
      s.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
      s.getOutputStream().write(("POST /v1/state/set HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
          + "Content-Length: " + (REQUEST_BYTES_MAX + 1) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(answer).startsWith("HTTP/1.1 413").contains("\"code\":\"request_too_large\"");
    }
    assertThat(send("GET", "/healthz", null).statusCode()).isEqualTo(200);
  }

  @Test
  void garbageOnTheSocketGets400AndTheServerKeepsServing() throws Exception {
    try (Socket s = new Socket("127.0.0.1", server.boundAddress().getPort())) {
      s.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
      s.getOutputStream().write("NOT AN HTTP REQUEST\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      assertThat(answer).startsWith("HTTP/1.1 400").contains("malformed HTTP request");
    }
    assertThat(send("GET", "/healthz", null).statusCode()).isEqualTo(200);
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrder() throws Exception {
    CompletableFuture<NodeMessage> slow = new CompletableFuture<>();
    dispatcher.answerWith(m -> m.getGet().getKey().equals("slow")
        ? slow
        : CompletableFuture.completedFuture(NodeMessage.newBuilder().setGet(GetResponse.getDefaultInstance()).build()));
    String first = request("{\"scope\":\"s\",\"key\":\"slow\"}");
    String second = request("{\"scope\":\"s\",\"key\":\"fast\"}");
    try (Socket s = new Socket("127.0.0.1", server.boundAddress().getPort())) {
      s.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
      OutputStream out = s.getOutputStream();
      out.write((first + second).getBytes(StandardCharsets.UTF_8));
      out.flush();
      awaitReceived(2, s); // the fast one waits behind the slow one and is not even read yet
      slow.complete(NodeMessage.newBuilder().setGet(GetResponse.newBuilder()
          .setEntry(io.statekv.protocol.v1.Entry.newBuilder().setValueJson(com.google.protobuf.ByteString.copyFromUtf8("\"first\"")))).build());
      String answers = readAnswers(s.getInputStream(), 2);
      assertThat(answers.indexOf("\"first\"")).isLessThan(answers.lastIndexOf("HTTP/1.1 200"));
      assertThat(answers).endsWith("null");
    }
  }

  private void awaitReceived(int expectedAtMost, Socket s) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (dispatcher.takeReceived().isEmpty()) {
      assertThat(System.nanoTime()).as("the first request reaches the dispatcher").isLessThan(deadline);
      Thread.onSpinWait();
    }
  }

  private static String request(String body) {
    return "POST /v1/state/get HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
        + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
  }

  private static String readAnswers(InputStream in, int count) throws Exception {
    StringBuilder text = new StringBuilder();
    byte[] buf = new byte[4096];
    while (text.toString().split("HTTP/1.1 ", -1).length - 1 < count || !text.toString().endsWith("null")) {
      int n = in.read(buf);
      if (n < 0) {
        break;
      }
      text.append(new String(buf, 0, n, StandardCharsets.UTF_8));
    }
    return text.toString();
  }

  @Test
  void healthzAnswersWhileTheReplicaIsDown() throws Exception {
    view.set(null);
    HttpResponse<String> r = send("GET", "/healthz", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r)).isEqualTo(JSON.readTree("{\"status\":\"ok\",\"node_id\":\"n1\"}"));
  }

  @Test
  void readyzFollowsLeadershipAndApplyLag() throws Exception {
    HttpResponse<String> ready = send("GET", "/readyz", null);
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(json(ready).get("ready").asBoolean()).isTrue();

    view.set(new ClusterView("n1", "", 4, 40, 40, List.of(), false));
    HttpResponse<String> noLeader = send("GET", "/readyz", null);
    assertThat(noLeader.statusCode()).isEqualTo(503);
    assertThat(json(noLeader).get("reason").asText()).isEqualTo("no leader is known");

    view.set(new ClusterView("n1", "n1", 4, 40, 40, List.of(), false));
    HttpResponse<String> newLeader = send("GET", "/readyz", null);
    assertThat(newLeader.statusCode()).isEqualTo(503);
    assertThat(json(newLeader).get("reason").asText()).startsWith("this node was just elected leader");

    view.set(new ClusterView("n1", "n2", 4, 5_000, 10, List.of(), false));
    HttpResponse<String> behind = send("GET", "/readyz", null);
    assertThat(behind.statusCode()).isEqualTo(503);
    assertThat(json(behind).get("reason").asText()).startsWith("applied index 10 trails commit index 5000");

    view.set(null);
    assertThat(send("GET", "/readyz", null).statusCode()).isEqualTo(503);
  }

  @Test
  void clusterShowsMembersAndIndexes() throws Exception {
    view.set(new ClusterView("n1", "n2", 7, 100, 99, List.of(
        new io.statekv.raft.Member("n1", "h1:7201", "h1:7001", "h1:7101"),
        new io.statekv.raft.Member("n2", "h2:7201", "h2:7001", "h2:7101")), false));
    HttpResponse<String> r = send("GET", "/v1/cluster", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r)).isEqualTo(JSON.readTree("""
        {"node_id": "n1", "leader_id": "n2", "term": 7, "commit_index": 100, "applied_index": 99, "leader_ready": false,
         "members": [
           {"id": "n1", "raft_address": "h1:7201", "client_address": "h1:7001", "http_address": "h1:7101", "leader": false},
           {"id": "n2", "raft_address": "h2:7201", "client_address": "h2:7001", "http_address": "h2:7101", "leader": true}]}
        """));
  }

  @Test
  void metricsExposeRequestsByOpAndOutcome() throws Exception {
    send("POST", "/v1/state/get", "{\"scope\":\"s\",\"key\":\"k\"}");
    send("POST", "/v1/state/get", "{\"scope\":\"s\"}");
    HttpResponse<String> r = send("GET", "/metrics", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue(HttpRoutes.PROMETHEUS_TEXT);
    assertThat(r.body())
        .contains("statekv_http_requests_total{op=\"get\",outcome=\"ok\"} 1.0")
        .contains("statekv_http_requests_total{op=\"get\",outcome=\"invalid_argument\"} 1.0")
        .contains("statekv_http_request_duration_seconds_bucket{op=\"get\",outcome=\"ok\",le=\"0.001\"}")
        .contains("statekv_http_request_duration_seconds_bucket{op=\"get\",outcome=\"ok\",le=\"+Inf\"} 1")
        .contains("statekv_http_request_duration_seconds_count{op=\"get\",outcome=\"ok\"} 1");
  }

  @Test
  void notLeaderIsForwardedOnceToTheLeader() throws Exception {
    ScriptedDispatcher leaderDispatcher = new ScriptedDispatcher();
    leaderDispatcher.answerWith(NodeMessage.newBuilder().setGet(GetResponse.newBuilder()
        .setEntry(io.statekv.protocol.v1.Entry.newBuilder().setValueJson(com.google.protobuf.ByteString.copyFromUtf8("42")))).build());
    try (HttpServer leader = HttpServer.start("n2", new InetSocketAddress("127.0.0.1", 0), REQUEST_BYTES_MAX,
        Duration.ofSeconds(5), leaderDispatcher, null, () -> LEADING, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
      String leaderHttp = "127.0.0.1:" + leader.boundAddress().getPort();
      view.set(new ClusterView("n1", "n2", 3, 40, 40, List.of(
          new io.statekv.raft.Member("n1", "a:1", "a:2", "127.0.0.1:" + server.boundAddress().getPort()),
          new io.statekv.raft.Member("n2", "b:1", "b:2", leaderHttp)), false));
      dispatcher.answerWith(NodeMessage.newBuilder().setError(Error.newBuilder()
          .setCode(ErrorCode.NOT_LEADER).setMessage("not the leader").setLeaderId("n2").setLeaderAddress("b:2")).build());

      HttpResponse<String> r = send("POST", "/v1/state/get", "{\"scope\":\"s\",\"key\":\"k\",\"consistency\":\"lease\"}");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("42");
      assertThat(r.headers().firstValue(LeaderForwarder.SERVED_BY_HEADER)).hasValue("n2");
      assertThat(leaderDispatcher.takeReceived()).singleElement()
          .satisfies(m -> assertThat(m.getGet().getConsistency()).isEqualTo(io.statekv.protocol.v1.Consistency.LEASE));

      // A request that was already forwarded is refused with the leader's address, never sent on.
      HttpResponse<String> again = client.send(HttpRequest.newBuilder(uri("/v1/state/get"))
          .header(LeaderForwarder.FORWARDED_BY_HEADER, "n3")
          .POST(HttpRequest.BodyPublishers.ofString("{\"scope\":\"s\",\"key\":\"k\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(again.statusCode()).isEqualTo(421);
      assertThat(json(again).at("/error/leader_id").asText()).isEqualTo("n2");
      assertThat(json(again).at("/error/leader_address").asText()).isEqualTo(leaderHttp);
      assertThat(leaderDispatcher.takeReceived()).isEmpty();
    }
  }

  @Test
  void anUnreachableLeaderMeansTheRequestWasNotApplied() throws Exception {
    int closedPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    view.set(new ClusterView("n1", "n2", 3, 40, 40, List.of(
        new io.statekv.raft.Member("n2", "b:1", "b:2", "127.0.0.1:" + closedPort)), false));
    dispatcher.answerWith(NodeMessage.newBuilder().setError(Error.newBuilder()
        .setCode(ErrorCode.NOT_LEADER).setMessage("not the leader").setLeaderId("n2")).build());
    HttpResponse<String> r = send("POST", "/v1/state/set", "{\"scope\":\"s\",\"key\":\"k\",\"value\":1}");
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(json(r).at("/error/code").asText()).isEqualTo("unavailable");
    assertThat(json(r).at("/error/outcome_unknown").asBoolean()).isFalse();
  }

  @Test
  void aDispatcherThatThrowsGets500AndTheServerKeepsServing() throws Exception {
    dispatcher.answerWith(m -> {
      throw new UnsupportedOperationException("boom");
    });
    HttpResponse<String> r = send("POST", "/v1/state/get", "{\"scope\":\"s\",\"key\":\"k\"}");
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(json(r).at("/error/code").asText()).isEqualTo("internal");
    assertThat(send("GET", "/healthz", null).statusCode()).isEqualTo(200);
  }
}
