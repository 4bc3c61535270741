package io.statekv.node;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Server-Sent Events reader for tests: a thread parses the stream into frames as they arrive,
 * and {@link #next} waits for one with a deadline. The end of the stream is a frame with event
 * {@code "eof"}.
 */
final class SseStream implements AutoCloseable {
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** One frame; id is null when the frame carried none. */
  record Frame(String id, String event, String data) {}

  private final HttpResponse<InputStream> response;
  private final LinkedBlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
  private final Thread reader;

  private SseStream(HttpResponse<InputStream> response) {
    this.response = response;
    this.reader = new Thread(this::read, "sse-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /** Opens {@code GET base + pathAndQuery}, with {@code Last-Event-ID} unless it is null. */
  static SseStream open(String base, String pathAndQuery, String lastEventId) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET();
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    return new SseStream(CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
  }

  int status() {
    return response.statusCode();
  }

  String contentType() {
    return response.headers().firstValue("Content-Type").orElse("");
  }

  /** The next frame, waiting up to {@code wait}. */
  Frame next(Duration wait) throws InterruptedException {
    Frame f = frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    if (f == null) {
      throw new AssertionError("no SSE frame within " + wait);
    }
    return f;
  }

  /** The next frame that is not a progress notification. */
  Frame nextNonProgress(Duration wait) throws InterruptedException {
    while (true) {
      Frame f = next(wait);
      if (!"progress".equals(f.event())) {
        return f;
      }
    }
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String id = null;
      String event = null;
      StringBuilder data = new StringBuilder();
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isEmpty()) {
          if (event != null || data.length() > 0) {
            frames.add(new Frame(id, event == null ? "message" : event, data.toString()));
          }
          id = null;
          event = null;
          data.setLength(0);
        } else if (line.startsWith("id: ")) {
          id = line.substring(4);
        } else if (line.startsWith("event: ")) {
          event = line.substring(7);
        } else if (line.startsWith("data: ")) {
          data.append(line.substring(6));
        }
      }
    } catch (IOException closed) {
      // The test closed the stream, or the node ended it; either way the stream is over.
    }
    frames.add(new Frame(null, "eof", ""));
  }

  @Override
  public void close() throws IOException {
    response.body().close();
  }
}
