package io.statekv.node.cli;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

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
 *
 * <p>The JDK's only signal API is {@code sun.misc.Signal} in {@code jdk.unsupported}; it is reached
 * reflectively so that the build stays free of warnings about internal API.
 */
final class Signals {
  private Signals() {}

  /**
   * Runs {@code stop} once, on a signal thread, when SIGTERM or SIGINT arrives. The caller's main
   * thread is expected to wait for the stop and then return its exit code.
   */
  static void onTermination(Runnable stop) {
    AtomicBoolean stopped = new AtomicBoolean();
    try {
      Class<?> signalType = Class.forName("sun.misc.Signal");
      Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
      Object ignored = handlerType.getField("SIG_IGN").get(null);
      Object handler = Proxy.newProxyInstance(handlerType.getClassLoader(), new Class<?>[] {handlerType},
          (proxy, method, args) -> switch (method.getName()) {
            case "handle" -> {
              if (stopped.compareAndSet(false, true)) {
                stop.run();
              }
              yield null;
            }
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            default -> "statekv stop on signal";
          });
      Method handle = signalType.getMethod("handle", signalType, handlerType);
      for (String name : List.of("TERM", "INT")) {
        Object signal = signalType.getConstructor(String.class).newInstance(name);
        if (handle.invoke(null, signal, handler) == ignored) {
          handle.invoke(null, signal, ignored);
        }
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot handle SIGTERM and SIGINT: " + e, e);
    }
  }
}
