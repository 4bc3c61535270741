package io.statekv.node.cli;

import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Stops the process in order on SIGTERM and SIGINT, before the JVM's shutdown hooks run.
 *
 * <p>Shutdown hooks run concurrently and in no set order. Libraries register their own: Chronicle
 * Map closes every map from one, which would pull the store out from under Raft while it is still
 * applying. Handling the signals directly lets the node stop its parts in order first; the JVM
 * then exits and the library hooks find nothing left to do.
 *
 * <p>A signal the process was started with ignored stays ignored: a job started in the background
 * of a shell ignores Ctrl-C on purpose.
 */
final class Signals {
  private Signals() {}

  /**
   * Runs {@code stop} once, on a signal thread, when SIGTERM or SIGINT arrives. The caller's main
   * thread is expected to wait for the stop and then return its exit code.
   */
  static void onTermination(Runnable stop) {
    AtomicBoolean stopped = new AtomicBoolean();
    SignalHandler handler = signal -> {
      if (stopped.compareAndSet(false, true)) {
        stop.run();
      }
    };
    for (String name : new String[] {"TERM", "INT"}) {
      Signal signal = new Signal(name);
      SignalHandler previous = Signal.handle(signal, handler);
      if (previous == SignalHandler.SIG_IGN) {
        Signal.handle(signal, SignalHandler.SIG_IGN);
      }
    }
  }
}
