package io.statekv.node.wire;

import com.google.protobuf.ByteString;
import io.statekv.protocol.v1.ClientMessage;
import io.statekv.protocol.v1.Hello;
import io.statekv.protocol.v1.NodeMessage;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A plain blocking socket speaking the frame format byte by byte, so tests can send anything,
 * including bytes no real client would. Every read gives up after ten seconds.
 */
final class RawConnection implements AutoCloseable {
  private final Socket socket;
  private final DataInputStream in;
  private final DataOutputStream out;

  RawConnection(InetSocketAddress address) throws IOException {
    this(address, 0);
  }

  /** @param receiveBufferBytes the socket's receive buffer (set before connecting), or 0 for the default */
  RawConnection(InetSocketAddress address, int receiveBufferBytes) throws IOException {
    socket = new Socket();
    if (receiveBufferBytes > 0) {
      socket.setReceiveBufferSize(receiveBufferBytes);
    }
    socket.connect(address);
    socket.setSoTimeout(10_000);
    socket.setTcpNoDelay(true);
    in = new DataInputStream(socket.getInputStream());
    out = new DataOutputStream(new java.io.BufferedOutputStream(socket.getOutputStream(), 1 << 16));
  }

  static ClientMessage hello(long requestId) {
    return ClientMessage.newBuilder()
        .setRequestId(requestId)
        .setHello(Hello.newBuilder().setProtocolVersion(1).setClientId(ByteString.copyFrom(new byte[16])))
        .build();
  }

  /** Connects and completes the handshake. */
  static RawConnection open(InetSocketAddress address) throws IOException {
    return open(address, 0);
  }

  /** Connects with a receive buffer of {@code receiveBufferBytes} and completes the handshake. */
  static RawConnection open(InetSocketAddress address, int receiveBufferBytes) throws IOException {
    RawConnection connection = new RawConnection(address, receiveBufferBytes);
    connection.send(hello(1));
    NodeMessage answer = connection.receive();
    if (!answer.hasHello()) {
      throw new IOException("handshake failed: " + answer);
    }
    return connection;
  }

  void send(ClientMessage message) throws IOException {
    sendFrame(message.toByteArray());
  }

  void sendFrame(byte[] payload) throws IOException {
    out.writeInt(payload.length);
    out.write(payload);
    out.flush();
  }

  void sendRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  NodeMessage receive() throws IOException {
    int length = in.readInt();
    byte[] payload = new byte[length];
    in.readFully(payload);
    return NodeMessage.parseFrom(payload);
  }

  /** True when the node closed the connection: the next read finds the end of the stream. */
  boolean closedByNode() throws IOException {
    try {
      int next = in.read();
      return next < 0;
    } catch (EOFException e) {
      return true;
    } catch (java.net.SocketException e) {
      // A reset after the node closed with unread input is also a close.
      return true;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
