package io.statekv.chaos.cli;

import io.statekv.chaos.checker.Budget;
import io.statekv.chaos.checker.LinearizabilityChecker;
import io.statekv.chaos.checker.LinearizabilityResult;
import io.statekv.chaos.checker.Model;
import io.statekv.chaos.checker.Models;
import io.statekv.chaos.checker.Verdict;
import io.statekv.chaos.history.History;
import io.statekv.chaos.history.HistoryReader;
import io.statekv.chaos.history.MalformedHistoryException;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code chaos check --model cas-register FILE}: checks a recorded history for linearizability.
 * Details go to standard output, and the last line is exactly {@code linearizable}, {@code
 * not-linearizable} or {@code unknown}, with exit code 0, 1 or 2. Errors go to standard error
 * with the exit codes in {@link ExitCodes}, and print no verdict.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
        "Checks a history (JSON lines) for linearizability.",
        "The last line printed is the verdict: linearizable (exit 0), not-linearizable (exit 1)"
            + " or unknown (exit 2: the time limit ran out).",
        "Other exit codes print no verdict: 64 bad usage, 65 malformed history,"
            + " 66 unreadable file, 70 internal error."},
    exitCodeOnInvalidInput = ExitCodes.USAGE,
    exitCodeOnExecutionException = ExitCodes.SOFTWARE)
public final class CheckCommand implements Callable<Integer> {
  /** Longest time limit accepted, in seconds (a week). */
  static final long TIME_LIMIT_SECONDS_MAX = 7L * 24 * 3600;

  @Spec
  private CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "MODEL",
      description = "The model: cas-register or keyed-cas-register.")
  private String modelName;

  @Option(names = "--time-limit", paramLabel = "SECONDS", defaultValue = "300",
      description = "Give up with 'unknown' after this many seconds (default: ${DEFAULT-VALUE}).")
  private BigDecimal timeLimitSeconds;

  @Parameters(index = "0", paramLabel = "FILE", description = "The history, one op per line.")
  private Path file;

  @Override
  public Integer call() {
    Model<?> model = Models.byName(modelName).orElseThrow(() -> new ParameterException(
        spec.commandLine(), "unknown model '" + modelName + "'; known models: "
            + String.join(", ", Models.names())));
    Duration timeLimit = timeLimit();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    History history;
    try {
      history = HistoryReader.read(file);
    } catch (NoSuchFileException e) {
      err.println("cannot read " + file + ": no such file");
      return ExitCodes.NO_INPUT;
    } catch (IOException e) {
      err.println("cannot read " + file + ": " + e.getMessage());
      return ExitCodes.NO_INPUT;
    } catch (MalformedHistoryException e) {
      err.println("malformed history " + file + ": " + e.getMessage());
      return ExitCodes.MALFORMED_INPUT;
    }
    out.println("checking " + history.operations().size() + " operations (" + history.size()
        + " ops) of " + file + " with model " + model.name() + ", time limit "
        + timeLimitSeconds.toPlainString() + " s");
    out.flush();
    return check(model, history, timeLimit, out, err);
  }

  private int check(Model<?> model, History history, Duration timeLimit, PrintWriter out,
      PrintWriter err) {
    LinearizabilityResult result;
    try {
      result = LinearizabilityChecker.check(model, history, Budget.of(timeLimit));
    } catch (MalformedHistoryException e) {
      err.println("malformed history " + file + " for model " + model.name() + ": "
          + e.getMessage());
      return ExitCodes.MALFORMED_INPUT;
    }
    out.print(result.report());
    out.println(result.verdictWord());
    out.flush();
    return result.verdict() == Verdict.VALID ? ExitCodes.LINEARIZABLE
        : result.verdict() == Verdict.INVALID ? ExitCodes.NOT_LINEARIZABLE : ExitCodes.UNKNOWN;
  }

  private Duration timeLimit() {
    if (timeLimitSeconds.signum() < 0
        || timeLimitSeconds.compareTo(BigDecimal.valueOf(TIME_LIMIT_SECONDS_MAX)) > 0) {
      throw new ParameterException(spec.commandLine(), "--time-limit must be from 0 to "
          + TIME_LIMIT_SECONDS_MAX + " seconds, got " + timeLimitSeconds.toPlainString());
    }
    return Duration.ofNanos(timeLimitSeconds.movePointRight(9).longValue());
  }
}
