package io.statekv.client.internal;

import io.statekv.protocol.v1.ClientMessage;
import io.statekv.protocol.v1.ClusterStatus;
import io.statekv.protocol.v1.Error;
import io.statekv.protocol.v1.ErrorCode;
import io.statekv.protocol.v1.HelloResponse;
import io.statekv.protocol.v1.NodeMessage;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A stand-in for a node in the client's own tests: it speaks the real frame format over a real
 * socket, answers the Hello with a given cluster view, and answers each request as its script
 * says (an answer, silence, or closing the connection). It records every request it receives, so
 * tests can check what the client sent on each attempt.
 */
final class ScriptedNode implements AutoCloseable {

  /** What to do with one request. */
  record Reply(NodeMessage.Builder answer, boolean close) {
    static Reply answer(NodeMessage.Builder answer) {
      return new Reply(answer, false);
    }

    static Reply error(ErrorCode code, String message) {
      return answer(NodeMessage.newBuilder().setError(Error.newBuilder().setCode(code).setMessage(message).setOpIndex(-1)));
    }

    static Reply silence() {
      return new Reply(null, false);
    }

    static Reply closeConnection() {
      return new Reply(null, true);
    }
  }

  interface Script {
    /** @param index the position of this request among every request the node received, from 0 */
    Reply reply(ClientMessage request, int index);
  }

  private final String nodeId;
  private final ServerSocket server;
  private final Thread acceptor;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final List<ClientMessage> received = new CopyOnWriteArrayList<>();
  private final List<ClientMessage> hellos = new CopyOnWriteArrayList<>();
  private final AtomicInteger requests = new AtomicInteger();
  private volatile Supplier<ClusterStatus> cluster;
  private volatile Script script;

  ScriptedNode(String nodeId, Script script) throws IOException {
    this.nodeId = nodeId;
    this.script = script;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.cluster = () -> ClusterStatus.newBuilder().setNodeId(nodeId).setTerm(1).build();
    this.acceptor = new Thread(this::accept, "scripted-" + nodeId);
    acceptor.setDaemon(true);
    acceptor.start();
  }

  String address() {
    return "127.0.0.1:" + server.getLocalPort();
  }

  String nodeId() {
    return nodeId;
  }

  void cluster(Supplier<ClusterStatus> view) {
    this.cluster = view;
  }

  void script(Script next) {
    this.script = next;
  }

  /** Requests received after the Hello, in arrival order. */
  List<ClientMessage> received() {
    return new ArrayList<>(received);
  }

  List<ClientMessage> hellos() {
    return new ArrayList<>(hellos);
  }

  /** Closes every open connection, as a crashing node would. */
  void dropConnections() throws IOException {
    for (Socket socket : sockets) {
      socket.close();
    }
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        sockets.add(socket);
        Thread serve = new Thread(() -> serve(socket), "scripted-" + nodeId + "-conn");
        serve.setDaemon(true);
        serve.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      DataInputStream in = new DataInputStream(socket.getInputStream());
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      while (true) {
        byte[] frame = new byte[in.readInt()];
        in.readFully(frame);
        ClientMessage request = ClientMessage.parseFrom(frame);
        if (request.hasHello()) {
          hellos.add(request);
          ClusterStatus view = cluster.get();
          write(out, NodeMessage.newBuilder().setRequestId(request.getRequestId())
              .setHello(HelloResponse.newBuilder().setProtocolVersion(1).setNodeId(nodeId).setCluster(view)).build());
          continue;
        }
        received.add(request);
        Reply reply = script.reply(request, requests.getAndIncrement());
        if (reply.close()) {
          return;
        }
        if (reply.answer() != null) {
          write(out, reply.answer().setRequestId(request.getRequestId()).build());
        }
      }
    } catch (IOException e) {
      // The client or the test closed the connection.
    }
  }

  private static void write(DataOutputStream out, NodeMessage message) throws IOException {
    synchronized (out) {
      byte[] bytes = message.toByteArray();
      out.writeInt(bytes.length);
      out.write(bytes);
      out.flush();
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    dropConnections();
  }
}
