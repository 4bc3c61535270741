package io.statekv.node.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.statekv.client.StateKvClient;
import io.statekv.client.StateKvException;
import io.statekv.storage.JsonCodec;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The base of the client commands: connects, runs one operation, prints its JSON answer on stdout,
 * and turns failures into a message on stderr and an exit code from {@link ExitCodes}.
 */
abstract class ClientCommand implements Callable<Integer> {
  @Mixin
  ClientOptions client;

  @Spec
  CommandSpec spec;

  /** Runs the operation; returns what to print (null prints nothing) and the exit code. */
  abstract Outcome run(StateKvClient client);

  /** What a command prints on stdout, and its exit code. */
  record Outcome(JsonNode json, int exitCode) {
    static Outcome ok(JsonNode json) {
      return new Outcome(json, ExitCodes.OK);
    }
  }

  @Override
  public Integer call() {
    Logging.configure("warn");
    PrintWriter err = spec.commandLine().getErr();
    Outcome outcome;
    try (StateKvClient c = client.connect()) {
      outcome = run(c);
    } catch (StateKvException e) {
      err.println("statekv " + spec.name() + ": " + e.wireName() + ": " + e.getMessage()
          + (e.outcomeUnknown() ? " (the write may or may not have been applied)" : ""));
      return ExitCodes.of(e.code());
    } catch (JsonArgs.BadJsonException | IllegalArgumentException e) {
      err.println("statekv " + spec.name() + ": " + e.getMessage());
      return ExitCodes.USAGE;
    }
    if (outcome.json() != null) {
      print(outcome.json());
    }
    return outcome.exitCode();
  }

  private void print(JsonNode json) {
    PrintWriter out = spec.commandLine().getOut();
    ObjectWriter writer = System.console() != null
        ? JsonCodec.mapper().writerWithDefaultPrettyPrinter()
        : JsonCodec.mapper().writer();
    try {
      out.println(writer.writeValueAsString(json));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an answer could not be printed", e);
    }
    out.flush();
  }

  /** Prints a not-found message on stderr and exits with {@link ExitCodes#NOT_FOUND}. */
  Outcome notFound(String what) {
    spec.commandLine().getErr().println("statekv " + spec.name() + ": not_found: " + what);
    return new Outcome(null, ExitCodes.NOT_FOUND);
  }
}
