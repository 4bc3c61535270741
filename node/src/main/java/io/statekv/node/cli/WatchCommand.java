package io.statekv.node.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.statekv.client.EventType;
import io.statekv.client.StateKvClient;
import io.statekv.client.StateKvException;
import io.statekv.client.Watch;
import io.statekv.client.WatchEvent;
import io.statekv.client.WatchFilter;
import io.statekv.client.WatchListener;
import io.statekv.storage.JsonCodec;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code statekv watch}: prints every matching change as one line of JSON in iii's trigger
 * payload form, in revision order, until Ctrl-C (exit 0), {@code --count} events, or an error
 * (its exit code from {@link ExitCodes}). The client resumes the watch on another node after a
 * failure, so a node going down is not an error.
 */
@Command(name = "watch", description = "Print changes as they happen, one JSON event per line (see docs/watch.md).")
final class WatchCommand implements Callable<Integer> {
  @Mixin
  ClientOptions client;

  @Spec
  CommandSpec spec;

  @Option(names = "--scope", description = "Only this scope.")
  String scope = "";

  @Option(names = "--key", description = "Only this key (needs --scope).")
  String key = "";

  @Option(names = "--prefix", description = "Only keys starting with this (needs --scope).")
  String prefix = "";

  @Option(names = "--types", split = ",", paramLabel = "TYPE",
      description = "Only these event types: created, updated, deleted (or state:created, ...).")
  List<String> types = new ArrayList<>();

  @Option(names = "--changed-path", paramLabel = "POINTER",
      description = "Only changes where the value at this JSON pointer differs; repeatable.")
  List<String> changedPaths = new ArrayList<>();

  @Option(names = "--from-revision", paramLabel = "REVISION", defaultValue = "0",
      description = "Start at this revision (default: the next change).")
  long fromRevision;

  @Option(names = "--count", paramLabel = "N", defaultValue = "0", description = "Stop after N events (default: never).")
  long count;

  @Override
  public Integer call() {
    Logging.configure("warn");
    PrintWriter err = spec.commandLine().getErr();
    WatchFilter filter;
    try {
      filter = filter();
    } catch (IllegalArgumentException e) {
      err.println("statekv watch: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    if (fromRevision < 0 || count < 0) {
      err.println("statekv watch: --from-revision and --count must not be negative");
      return ExitCodes.USAGE;
    }
    CompletableFuture<Integer> exit = new CompletableFuture<>();
    try (StateKvClient c = client.connect()) {
      Watch watch = c.watch(filter, fromRevision, new Printer(spec.commandLine().getOut(), err, exit));
      Signals.onTermination(() -> exit.complete(ExitCodes.OK));
      // The listener hears of an error before done() fails, so its exit code is already set then.
      watch.done().whenComplete((ignored, failure) -> exit.complete(failure instanceof StateKvException e
          ? ExitCodes.of(e.code()) : ExitCodes.OK));
      int code = exit.join();
      watch.cancel();
      return code;
    } catch (IllegalArgumentException e) {
      err.println("statekv watch: " + e.getMessage());
      return ExitCodes.USAGE;
    }
  }

  private WatchFilter filter() {
    WatchFilter filter = WatchFilter.ALL.withScope(scope).withKey(key).withKeyPrefix(prefix);
    if (!types.isEmpty()) {
      EventType[] parsed = types.stream()
          .map(t -> EventType.ofWireName(t.startsWith("state:") ? t : "state:" + t))
          .toArray(EventType[]::new);
      filter = filter.withEventTypes(parsed);
    }
    if (!changedPaths.isEmpty()) {
      filter = filter.withChangedPaths(changedPaths.toArray(String[]::new));
    }
    return filter;
  }

  /** Prints events as they come; ends the command on an error or after {@code --count} events. */
  private final class Printer implements WatchListener {
    private final PrintWriter out;
    private final PrintWriter err;
    private final CompletableFuture<Integer> exit;
    private long printed;

    Printer(PrintWriter out, PrintWriter err, CompletableFuture<Integer> exit) {
      this.out = out;
      this.err = err;
      this.exit = exit;
    }

    @Override
    public synchronized void onEvents(List<WatchEvent> events) {
      for (WatchEvent e : events) {
        if (exit.isDone()) {
          return;
        }
        try {
          out.println(JsonCodec.mapper().writeValueAsString(e.toJson()));
        } catch (JsonProcessingException ex) {
          throw new IllegalStateException("an event could not be printed", ex);
        }
        printed++;
        if (count > 0 && printed >= count) {
          exit.complete(ExitCodes.OK);
        }
      }
      out.flush();
    }

    @Override
    public void onError(StateKvException error) {
      err.println("statekv watch: " + error.wireName() + ": " + error.getMessage());
      err.flush();
      exit.complete(ExitCodes.of(error.code()));
    }
  }
}
