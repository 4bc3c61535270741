package io.statekv.node.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.statekv.protocol.v1.ClientMessage;
import io.statekv.protocol.v1.ErrorCode;
import io.statekv.protocol.v1.GetRequest;
import io.statekv.protocol.v1.Hello;
import io.statekv.protocol.v1.NodeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProtocolServerTest {
  private static final int FRAME_BYTES_MAX = 64 << 10;

  private ProtocolServer server;
  private TestDispatcher dispatcher;

  private void start(boolean holding, int highWater, int lowWater, Duration idle) throws Exception {
    dispatcher = new TestDispatcher(holding);
    server = ProtocolServer.start(
        new ProtocolServerConfig("127.0.0.1", 0, FRAME_BYTES_MAX, highWater, lowWater, idle, Duration.ofSeconds(5), 2),
        dispatcher);
  }

  private void start() throws Exception {
    start(false, 1024, 512, Duration.ofMinutes(5));
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  static ClientMessage get(long requestId, String key) {
    return ClientMessage.newBuilder().setRequestId(requestId)
        .setGet(GetRequest.newBuilder().setScope("s").setKey(key)).build();
  }

  private static void assertError(NodeMessage answer, long requestId, ErrorCode code, String messagePart) {
    assertThat(answer.getRequestId()).isEqualTo(requestId);
    assertThat(answer.getError().getCode()).isEqualTo(code);
    assertThat(answer.getError().getMessage()).contains(messagePart);
  }

  @Test
  void handshakeThenRequests() throws Exception {
    start();
    try (RawConnection connection = new RawConnection(server.localAddress())) {
      connection.send(RawConnection.hello(1));
      NodeMessage hello = connection.receive();
      assertThat(hello.getRequestId()).isEqualTo(1);
      assertThat(hello.getHello().getProtocolVersion()).isEqualTo(1);
      assertThat(hello.getHello().getNodeId()).isEqualTo(TestDispatcher.NODE_ID);
      assertThat(hello.getHello().getCluster().getLeaderId()).isEqualTo(TestDispatcher.NODE_ID);
      connection.send(get(2, "a"));
      assertThat(connection.receive().getGet().getEntry().getKey()).isEqualTo("a");
      connection.send(RawConnection.hello(3));
      assertError(connection.receive(), 3, ErrorCode.INVALID_ARGUMENT, "Hello is only valid as the first message");
    }
  }

  @Test
  void aRequestBeforeHelloClosesTheConnection() throws Exception {
    start();
    try (RawConnection connection = new RawConnection(server.localAddress())) {
      connection.send(get(5, "a"));
      assertError(connection.receive(), 5, ErrorCode.INVALID_ARGUMENT, "first message of a connection must be Hello");
      assertThat(connection.closedByNode()).isTrue();
    }
    assertThat(dispatcher.dispatched()).isZero();
  }

  @Test
  void requestIdZeroIsReserved() throws Exception {
    start();
    try (RawConnection connection = RawConnection.open(server.localAddress())) {
      connection.send(get(0, "a"));
      assertError(connection.receive(), 0, ErrorCode.INVALID_ARGUMENT, "request_id 0 is reserved");
      assertThat(connection.closedByNode()).isTrue();
    }
  }

  @Test
  void aBadHelloClosesTheConnection() throws Exception {
    start();
    Hello[] bad = {
        Hello.newBuilder().setProtocolVersion(2).setClientId(ByteString.copyFrom(new byte[16])).build(),
        Hello.newBuilder().setProtocolVersion(1).setClientId(ByteString.copyFrom(new byte[15])).build(),
        Hello.newBuilder().setProtocolVersion(1).build(),
    };
    String[] reasons = {"unsupported protocol version 2", "client_id must be 16 bytes", "got 0"};
    for (int i = 0; i < bad.length; i++) {
      try (RawConnection connection = new RawConnection(server.localAddress())) {
        connection.send(ClientMessage.newBuilder().setRequestId(1).setHello(bad[i]).build());
        assertError(connection.receive(), 1, ErrorCode.INVALID_ARGUMENT, reasons[i]);
        assertThat(connection.closedByNode()).isTrue();
      }
    }
  }

  @Test
  void malformedRequestWithRecoverableIdKeepsTheConnection() throws Exception {
    start();
    try (RawConnection connection = RawConnection.open(server.localAddress())) {
      // request_id 42, then a field 3 (get) whose length runs past the end of the frame.
      connection.sendFrame(new byte[] {0x08, 42, 0x1a, 0x7f, 0x01});
      assertError(connection.receive(), 42, ErrorCode.INVALID_ARGUMENT, "malformed request");
      // A string field that is not UTF-8: proto3 refuses it.
      ByteArrayOutputStream frame = new ByteArrayOutputStream();
      frame.write(new byte[] {0x08, 43, 0x1a, 0x05, 0x0a, 0x01, (byte) 0xff, 0x12, 0x00});
      connection.sendFrame(frame.toByteArray());
      assertError(connection.receive(), 43, ErrorCode.INVALID_ARGUMENT, "UTF-8");
      connection.send(get(44, "still-here"));
      assertThat(connection.receive().getGet().getEntry().getKey()).isEqualTo("still-here");
    }
  }

  @Test
  void garbageWithoutARequestIdClosesOnlyThatConnection() throws Exception {
    start();
    try (RawConnection bystander = RawConnection.open(server.localAddress());
        RawConnection connection = RawConnection.open(server.localAddress())) {
      connection.sendFrame(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f});
      assertError(connection.receive(), 0, ErrorCode.INVALID_ARGUMENT, "closing the connection");
      assertThat(connection.closedByNode()).isTrue();
      bystander.send(get(2, "b"));
      assertThat(bystander.receive().getGet().getEntry().getKey()).isEqualTo("b");
    }
  }

  @Test
  void httpTextOnTheProtocolPortIsAnOversizeFrame() throws Exception {
    start();
    try (RawConnection connection = new RawConnection(server.localAddress())) {
      connection.sendRaw("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      NodeMessage answer = connection.receive();
      assertError(answer, 0, ErrorCode.REQUEST_TOO_LARGE, "longer than the node's limit of " + FRAME_BYTES_MAX);
      assertThat(connection.closedByNode()).isTrue();
    }
    try (RawConnection next = RawConnection.open(server.localAddress())) {
      next.send(get(2, "c"));
      assertThat(next.receive().getGet().getEntry().getKey()).isEqualTo("c");
    }
  }

  @Test
  void oversizeFrameIsAnsweredToItsRequestThenClosed() throws Exception {
    start();
    try (RawConnection connection = RawConnection.open(server.localAddress())) {
      ClientMessage big = ClientMessage.newBuilder().setRequestId(77)
          .setGet(GetRequest.newBuilder().setScope("s").setKey("k".repeat(FRAME_BYTES_MAX))).build();
      connection.send(big);
      assertError(connection.receive(), 77, ErrorCode.REQUEST_TOO_LARGE, "frame of " + big.getSerializedSize() + " bytes");
      assertThat(connection.closedByNode()).isTrue();
    }
  }

  @Test
  void aFrameAtTheLimitIsDecoded() throws Exception {
    start();
    try (RawConnection connection = RawConnection.open(server.localAddress())) {
      int keyBytes = FRAME_BYTES_MAX - 100;
      while (get(9, "k".repeat(keyBytes + 1)).getSerializedSize() <= FRAME_BYTES_MAX) {
        keyBytes++;
      }
      String key = "k".repeat(keyBytes);
      ClientMessage atLimit = get(9, key);
      assertThat(atLimit.getSerializedSize()).isEqualTo(FRAME_BYTES_MAX);
      connection.send(atLimit);
      assertThat(connection.receive().getGet().getEntry().getKey()).isEqualTo(key);
    }
  }

  @Test
  void aThrowingDispatcherIsAnsweredInternalAndTheConnectionLives() throws Exception {
    start();
    try (RawConnection connection = RawConnection.open(server.localAddress())) {
      connection.send(get(2, "throw"));
      assertError(connection.receive(), 2, ErrorCode.INTERNAL, "internal error");
      connection.send(get(3, "ok"));
      assertThat(connection.receive().getGet().getEntry().getKey()).isEqualTo("ok");
    }
  }

  @Test
  void manyPipelinedRequestsAreEachAnsweredOnce() throws Exception {
    start();
    int count = 20_000;
    try (RawConnection connection = RawConnection.open(server.localAddress())) {
      Thread writer = new Thread(() -> {
        try {
          for (int i = 1; i <= count; i++) {
            connection.send(get(1000 + i, "key-" + i));
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      writer.start();
      Set<Long> seen = new HashSet<>();
      for (int i = 0; i < count; i++) {
        NodeMessage answer = connection.receive();
        assertThat(answer.getGet().getEntry().getKey()).isEqualTo("key-" + (answer.getRequestId() - 1000));
        assertThat(seen.add(answer.getRequestId())).as("answered once: %s", answer.getRequestId()).isTrue();
      }
      writer.join();
      assertThat(seen).hasSize(count);
    }
  }

  @Test
  void backpressureBoundsTheRequestsWithTheDispatcher() throws Exception {
    int highWater = 64;
    start(true, highWater, 16, Duration.ofMinutes(5));
    int count = 5_000;
    try (RawConnection connection = RawConnection.open(server.localAddress())) {
      Thread writer = new Thread(() -> {
        try {
          for (int i = 1; i <= count; i++) {
            connection.send(get(i + 1, "k" + i));
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      writer.start();
      Await.until("the dispatcher to hold the high-water mark", Duration.ofSeconds(10),
          () -> dispatcher.pending() == highWater);
      // From here a "replica" thread answers whatever the dispatcher holds, as fast as it can.
      java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
      Thread replica = new Thread(() -> {
        while (!done.get()) {
          dispatcher.releaseAll();
          Thread.onSpinWait();
        }
      });
      replica.start();
      Set<Long> seen = new HashSet<>();
      for (int i = 0; i < count; i++) {
        seen.add(connection.receive().getRequestId());
      }
      done.set(true);
      replica.join();
      writer.join();
      assertThat(seen).hasSize(count);
      assertThat(dispatcher.pendingMax()).isEqualTo(highWater);
      assertThat(dispatcher.dispatched()).isEqualTo(count + 1);
    }
  }

  @Test
  void anIdleConnectionIsClosedWithANotice() throws Exception {
    start(false, 1024, 512, Duration.ofMillis(300));
    try (RawConnection connection = RawConnection.open(server.localAddress())) {
      assertError(connection.receive(), 0, ErrorCode.UNAVAILABLE, "idle");
      assertThat(connection.closedByNode()).isTrue();
    }
  }

  @Test
  void closeAnswersRequestsInFlightThenCloses() throws Exception {
    start(true, 1024, 512, Duration.ofMinutes(5));
    try (RawConnection connection = RawConnection.open(server.localAddress())) {
      connection.send(get(2, "in-flight"));
      Await.until("the request to reach the dispatcher", Duration.ofSeconds(10), () -> dispatcher.pending() == 1);
      Thread closer = new Thread(server::close);
      closer.start();
      Await.until("the server to stop accepting", Duration.ofSeconds(10), () -> {
        try {
          new java.net.Socket(server.localAddress().getAddress(), server.localAddress().getPort()).close();
          return false;
        } catch (java.io.IOException refused) {
          return true;
        }
      });
      dispatcher.releaseAll();
      assertThat(connection.receive().getGet().getEntry().getKey()).isEqualTo("in-flight");
      assertError(connection.receive(), 0, ErrorCode.UNAVAILABLE, "shutting down");
      assertThat(connection.closedByNode()).isTrue();
      closer.join();
      server = null;
    }
  }
}
