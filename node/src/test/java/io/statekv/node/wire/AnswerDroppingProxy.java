package io.statekv.node.wire;

import io.statekv.protocol.v1.ClusterStatus;
import io.statekv.protocol.v1.NodeMessage;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A TCP proxy in front of one node that loses the first write answer: it hands the answer to a
 * hook (which may, say, move leadership), then breaks the client's connection instead of
 * forwarding it. The client therefore sees a write that was applied but never answered.
 *
 * <p>Hello answers are forwarded with an empty cluster view, so the client keeps coming back
 * through the proxy until a node names the leader in a {@code not_leader} answer.
 */
final class AnswerDroppingProxy implements AutoCloseable {
  private final ServerSocket server;
  private final String targetHost;
  private final int targetPort;
  private final Consumer<NodeMessage> onDropped;
  private final AtomicBoolean dropped = new AtomicBoolean();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();

  AnswerDroppingProxy(String target, Consumer<NodeMessage> onDropped) throws IOException {
    int colon = target.lastIndexOf(':');
    this.targetHost = target.substring(0, colon);
    this.targetPort = Integer.parseInt(target.substring(colon + 1));
    this.onDropped = onDropped;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "dropping-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  String address() {
    return "127.0.0.1:" + server.getLocalPort();
  }

  boolean dropped() {
    return dropped.get();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket node = new Socket(targetHost, targetPort);
        sockets.add(client);
        sockets.add(node);
        daemon(() -> pipe(client, node));
        daemon(() -> answers(node, client));
      } catch (IOException e) {
        return;
      }
    }
  }

  private static void daemon(Runnable task) {
    Thread thread = new Thread(task, "dropping-proxy-pipe");
    thread.setDaemon(true);
    thread.start();
  }

  /** Client to node: bytes as they come. */
  private static void pipe(Socket from, Socket to) {
    try {
      from.getInputStream().transferTo(to.getOutputStream());
    } catch (IOException e) {
      // One side closed.
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  /** Node to client: frame by frame, rewriting Hello answers and losing the first write answer. */
  private void answers(Socket node, Socket client) {
    try {
      DataInputStream in = new DataInputStream(node.getInputStream());
      DataOutputStream out = new DataOutputStream(client.getOutputStream());
      while (true) {
        byte[] frame = new byte[in.readInt()];
        in.readFully(frame);
        NodeMessage answer = NodeMessage.parseFrom(frame);
        if (answer.hasHello()) {
          answer = answer.toBuilder().setHello(answer.getHello().toBuilder().setCluster(ClusterStatus.getDefaultInstance())).build();
        } else if (answer.hasWrite() && dropped.compareAndSet(false, true)) {
          onDropped.accept(answer);
          return;
        }
        byte[] bytes = answer.toByteArray();
        out.writeInt(bytes.length);
        out.write(bytes);
        out.flush();
      }
    } catch (IOException e) {
      // One side closed.
    } finally {
      closeQuietly(node);
      closeQuietly(client);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Already closed.
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : sockets) {
      closeQuietly(socket);
    }
  }
}
