package io.statekv.node.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.TextFormat;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.statekv.node.http.HttpServer;
import io.statekv.protocol.v1.ClientMessage;
import io.statekv.protocol.v1.NodeMessage;
import io.statekv.raft.ClusterView;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the gateway transcripts in {@code src/test/resources/http/}: each case is an HTTP request,
 * the protocol request the gateway must hand the dispatcher, the dispatcher's answer, and the HTTP
 * answer the client must get. Requests travel through a real {@link HttpServer} on loopback.
 */
class GatewayTranscriptTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> FILES = List.of("iii-state.txt", "update.txt", "extras.txt", "txn.txt", "errors.txt");

  private static ScriptedDispatcher dispatcher;
  private static HttpServer server;
  private static HttpClient client;

  @BeforeAll
  static void start() {
    dispatcher = new ScriptedDispatcher();
    ClusterView view = new ClusterView("n1", "n1", 1, 1, 1, List.of(), true);
    server = HttpServer.start("n1", new InetSocketAddress("127.0.0.1", 0), 1 << 21, Duration.ofSeconds(5),
        dispatcher, null, () -> view, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    client = HttpClient.newHttpClient();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @TestFactory
  Stream<DynamicTest> transcripts() throws IOException {
    Stream.Builder<DynamicTest> tests = Stream.builder();
    for (String file : FILES) {
      for (TranscriptCase c : TranscriptCase.parse(file, read(file))) {
        tests.add(DynamicTest.dynamicTest(file + ": " + c.name(), () -> run(c)));
      }
    }
    return tests.build();
  }

  private static String read(String file) throws IOException {
    try (InputStream in = GatewayTranscriptTest.class.getResourceAsStream("/http/" + file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private void run(TranscriptCase c) throws Exception {
    dispatcher.takeReceived();
    if (c.answer() != null) {
      NodeMessage.Builder answer = NodeMessage.newBuilder();
      TextFormat.merge(c.answer(), answer);
      dispatcher.answerWith(answer.build());
    }
    HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(
            "http://127.0.0.1:" + server.boundAddress().getPort() + c.path()))
        .method(c.method(), HttpRequest.BodyPublishers.ofString(c.body()))
        .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());

    List<ClientMessage> received = dispatcher.takeReceived();
    if (c.dispatched() == null) {
      assertThat(received).as("nothing may reach the dispatcher").isEmpty();
    } else {
      ClientMessage.Builder expected = ClientMessage.newBuilder();
      TextFormat.merge(c.dispatched(), expected);
      assertThat(received).hasSize(1);
      assertThat(TextFormat.printer().printToString(received.get(0).toBuilder().clearRequestId().build()))
          .isEqualTo(TextFormat.printer().printToString(expected.build()));
    }
    assertThat(response.statusCode()).as(response.body()).isEqualTo(c.status());
    JsonNode expectedBody = JSON.readTree(c.response());
    JsonNode actualBody = JSON.readTree(response.body());
    assertThat(actualBody).as(response.body()).isEqualTo(expectedBody);
  }
}
