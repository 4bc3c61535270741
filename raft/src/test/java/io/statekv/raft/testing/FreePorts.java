package io.statekv.raft.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Loopback ports for the nodes of test clusters (this module's and the node module's, through
 * this module's test jar). They come from below the kernel's ephemeral range (32768 and up), in
 * turn from a random start, each checked free by binding it. A port found by binding port 0 and
 * closing it is in the ephemeral range, where an outgoing connection (another node's, a client's)
 * can take it as its source port before the node binds it: "Address already in use".
 * Thread-safe.
 */
public final class FreePorts {
  private static final int FIRST = 20_000;
  private static final int LAST = 32_000;
  private static final AtomicInteger NEXT = new AtomicInteger(FIRST + ThreadLocalRandom.current().nextInt(LAST - FIRST));

  private FreePorts() {}

  /** A port no socket of this machine was bound to a moment ago. */
  public static int next() throws IOException {
    for (int tries = 0; tries < LAST - FIRST; tries++) {
      int port = NEXT.getAndUpdate(p -> p >= LAST ? FIRST : p + 1);
      try (ServerSocket s = new ServerSocket()) {
        s.bind(new InetSocketAddress("127.0.0.1", port));
        return port;
      } catch (IOException taken) {
        // in use: the next one
      }
    }
    throw new IOException("no free port between " + FIRST + " and " + LAST);
  }
}
