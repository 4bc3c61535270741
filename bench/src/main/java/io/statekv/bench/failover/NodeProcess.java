package io.statekv.bench.failover;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A running node process on this machine, found by its config file on the command line, that can
 * be killed with SIGKILL and started again with the same command line.
 */
final class NodeProcess {
  private static final String EXIT_WITH_PARENT = "--exit-with-parent";

  private final List<String> command;
  private ProcessHandle handle;

  private NodeProcess(ProcessHandle handle, List<String> command) {
    this.handle = handle;
    this.command = command;
  }

  /** The live process whose command line names {@code configFile}. */
  static NodeProcess find(Path configFile) {
    String wanted = configFile.toAbsolutePath().toString();
    List<ProcessHandle> matches = ProcessHandle.allProcesses()
        .filter(p -> arguments(p).map(a -> a.contains(wanted)).orElse(false))
        .toList();
    if (matches.size() != 1) {
      throw new IllegalStateException(matches.size() + " processes run with " + wanted + "; expected exactly one");
    }
    ProcessHandle p = matches.get(0);
    List<String> command = new ArrayList<>();
    command.add(p.info().command().orElseThrow());
    command.addAll(List.of(p.info().arguments().orElseThrow()));
    return new NodeProcess(p, tiedToThisProcess(command));
  }

  /**
   * The dev command stops once all of its own children have exited, and a node started by {@code
   * statekv dev} stops when the dev command does. A node this tool restarts is not the dev command's
   * child, so it is tied to this process instead; otherwise killing the last original child would
   * take the restarted nodes down with the dev command.
   */
  private static List<String> tiedToThisProcess(List<String> command) {
    List<String> out = new ArrayList<>(command);
    int flag = out.indexOf(EXIT_WITH_PARENT);
    if (flag >= 0 && flag + 1 < out.size()) {
      out.set(flag + 1, Long.toString(ProcessHandle.current().pid()));
    }
    return out;
  }

  private static Optional<List<String>> arguments(ProcessHandle p) {
    return p.info().arguments().map(List::of);
  }

  /** Sends SIGKILL and waits until the process is gone. */
  void kill() {
    handle.destroyForcibly();
    handle.onExit().join();
  }

  /** Starts the same command line again, its output appended to {@code log}. */
  void restart(Path log) throws IOException {
    Process p = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .start();
    handle = p.toHandle();
  }

  /** Stops a restarted process at the end of the run. */
  void stop() {
    handle.destroy();
    handle.onExit().join();
  }
}
