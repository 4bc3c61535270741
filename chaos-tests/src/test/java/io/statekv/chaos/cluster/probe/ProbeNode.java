package io.statekv.chaos.cluster.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A tiny stand-in process for container tests of the harness itself: it takes the node's command
 * line ({@code node --config FILE}), counts its starts in a file under the configured data dir,
 * listens on the node's Raft and HTTP ports, and answers {@code /readyz}, {@code /probe/starts}
 * and {@code /probe/connect?to=IP:PORT} (can this container open a TCP connection to that
 * address?). It uses java.base only, so it runs on the node image's runtime.
 */
public final class ProbeNode {
  private static final int HTTP_PORT = 7101;
  private static final int RAFT_PORT = 7201;
  private static final int CONNECT_TIMEOUT_MS = 1000;

  private ProbeNode() {}

  public static void main(String[] args) throws IOException {
    Path config = Path.of(args[args.length - 1]);
    List<String> lines = Files.readAllLines(config);
    String nodeId = field(lines, "node_id");
    Path dataDir = Path.of(field(lines, "data_dir"));
    Files.createDirectories(dataDir);
    Path startsFile = dataDir.resolve("starts");
    int starts = Files.exists(startsFile) ? Integer.parseInt(Files.readString(startsFile).strip()) : 0;
    Files.writeString(startsFile, Integer.toString(starts + 1));
    System.out.println("probe " + nodeId + " start " + (starts + 1) + " data " + dataDir);
    ServerSocket raft = new ServerSocket(RAFT_PORT);
    Thread acceptor = new Thread(() -> acceptAndClose(raft), "raft");
    acceptor.setDaemon(true);
    acceptor.start();
    try (ServerSocket http = new ServerSocket(HTTP_PORT)) {
      while (true) {
        try (Socket socket = http.accept()) {
          serve(socket, nodeId, startsFile);
        } catch (IOException e) {
          System.out.println("probe request failed: " + e);
        }
      }
    }
  }

  private static String field(List<String> lines, String name) {
    return lines.stream().filter(l -> l.startsWith(name + ":")).findFirst()
        .map(l -> l.substring(name.length() + 1).strip())
        .orElseThrow(() -> new IllegalArgumentException("config has no " + name));
  }

  private static void acceptAndClose(ServerSocket server) {
    while (true) {
      try {
        server.accept().close();
      } catch (IOException e) {
        return;
      }
    }
  }

  private static void serve(Socket socket, String nodeId, Path startsFile) throws IOException {
    socket.setSoTimeout(5000);
    InputStream in = socket.getInputStream();
    StringBuilder head = new StringBuilder();
    while (head.indexOf("\r\n\r\n") < 0) {
      int c = in.read();
      if (c == -1) {
        return;
      }
      head.append((char) c);
    }
    String path = head.toString().split(" ", 3)[1];
    String body;
    if (path.equals("/readyz")) {
      body = "{\"ready\":true,\"node_id\":\"" + nodeId + "\"}";
    } else if (path.equals("/probe/starts")) {
      body = "{\"starts\":" + Files.readString(startsFile).strip() + "}";
    } else if (path.startsWith("/probe/connect?to=")) {
      body = "{\"reachable\":" + reachable(path.substring("/probe/connect?to=".length())) + "}";
    } else {
      respond(socket.getOutputStream(), 404, "{}");
      return;
    }
    respond(socket.getOutputStream(), 200, body);
  }

  private static boolean reachable(String target) {
    String[] hostPort = target.split(":");
    try (Socket probe = new Socket()) {
      probe.connect(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])),
          CONNECT_TIMEOUT_MS);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void respond(OutputStream out, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    out.write(("HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\nContent-Length: "
        + bytes.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(bytes);
    out.flush();
  }
}
