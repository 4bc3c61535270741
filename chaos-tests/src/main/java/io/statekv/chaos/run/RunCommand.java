package io.statekv.chaos.run;

import io.statekv.chaos.checker.Verdict;
import io.statekv.chaos.cluster.DockerEnvironment;
import io.statekv.chaos.nemesis.Nemeses;
import io.statekv.chaos.nemesis.NemesisSchedule;
import io.statekv.chaos.workload.Workloads;
import io.statekv.chaos.report.ReportFiles;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code chaos run}: one chaos run against a fresh cluster of node containers. Prints the seed
 * first and a progress line while it runs; the last line is the verdict ({@code valid}, {@code
 * invalid} or {@code unknown}, exit code 0, 1 or 2) followed by the run folder.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
        "Runs a workload against a cluster of node containers while nemeses inject faults, then"
            + " checks the history and writes a report.",
        "Exit codes: 0 valid, 1 invalid (a checker found a violation, or the nodes did not"
            + " converge), 2 unknown, 64 bad usage, 70 the run itself failed, 78 the environment"
            + " lacks the Testcontainers settings that prevent pulls."},
    exitCodeOnInvalidInput = 64,
    exitCodeOnExecutionException = 70)
public final class RunCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Option(names = "--workload", required = true, paramLabel = "W",
      description = "register, set, counter, list-append, ttl or watch.")
  private String workload;

  @Option(names = "--nemesis", defaultValue = "none", paramLabel = "N,...",
      description = "Comma-separated faults, one at a time at random (default: ${DEFAULT-VALUE})."
          + " See docs/chaos.md for the list.")
  private String nemesis;

  @Option(names = "--nodes", defaultValue = "3", description = "3 or 5 (default: ${DEFAULT-VALUE}).")
  private int nodes;

  @Option(names = "--time-limit", defaultValue = "60", paramLabel = "SECONDS",
      description = "How long traffic and faults run (default: ${DEFAULT-VALUE}).")
  private long timeLimitSeconds;

  @Option(names = "--rate", defaultValue = "50", paramLabel = "OPS",
      description = "Target operations per second, all processes together (default: ${DEFAULT-VALUE}).")
  private double rate;

  @Option(names = "--concurrency", defaultValue = "5", paramLabel = "C",
      description = "Client processes (default: ${DEFAULT-VALUE}).")
  private int concurrency;

  @Option(names = "--seed", paramLabel = "N",
      description = "Seed of every random choice; printed when not given.")
  private Long seed;

  @Option(names = "--out", defaultValue = "chaos-runs", paramLabel = "DIR",
      description = "Where run folders go (default: ${DEFAULT-VALUE}).")
  private Path out;

  @Option(names = "--image", paramLabel = "REF",
      description = "A local node image; default: build it from node/target/statekv-node-*-all.jar.")
  private String image;

  @Option(names = "--fault-seconds", defaultValue = "4-8", paramLabel = "MIN-MAX",
      description = "How long each fault lasts (default: ${DEFAULT-VALUE}).")
  private String faultSeconds;

  @Option(names = "--quiet-seconds", defaultValue = "3-6", paramLabel = "MIN-MAX",
      description = "Pause between faults (default: ${DEFAULT-VALUE}).")
  private String quietSeconds;

  @Option(names = "--check-time-limit", defaultValue = "300", paramLabel = "SECONDS",
      description = "Longest linearizability search before 'unknown' (default: ${DEFAULT-VALUE}).")
  private long checkSeconds;

  /** sysexits' EX_CONFIG: the environment, not the arguments, is wrong. */
  public static final int EXIT_CONFIG = 78;

  @Override
  public Integer call() throws Exception {
    RunOptions options = options();
    String problem = DockerEnvironment.problem(System.getenv());
    if (problem != null) {
      spec.commandLine().getErr().println(problem);
      return EXIT_CONFIG;
    }
    DockerEnvironment.applyDefaults();
    PrintStream stdout = new PrintStream(new FileOutputStream(FileDescriptor.out), true,
        StandardCharsets.UTF_8);
    stdout.println("seed: " + options.seed() + " (repeat with --seed " + options.seed() + ")");
    Progress progress = new Progress(stdout, System.console() != null);
    ChaosRun.Outcome outcome = new ChaosRun(options, progress).run();
    stdout.print(ReportFiles.summary(outcome.report()));
    Verdict verdict = outcome.report().overall();
    stdout.println(verdict.name().toLowerCase(Locale.ROOT));
    stdout.println(outcome.folder().resolve(ReportFiles.REPORT_HTML));
    return verdict == Verdict.VALID ? 0 : verdict == Verdict.INVALID ? 1 : 2;
  }

  RunOptions options() {
    if (!Workloads.NAMES.contains(workload)) {
      throw new ParameterException(spec.commandLine(), "unknown workload '" + workload
          + "'; known: " + String.join(", ", Workloads.NAMES));
    }
    List<String> nemeses;
    try {
      nemeses = Nemeses.parse(nemesis).stream().map(n -> n.name()).toList();
      NemesisSchedule.Intervals intervals = new NemesisSchedule.Intervals(
          range(quietSeconds)[0], range(quietSeconds)[1], range(faultSeconds)[0],
          range(faultSeconds)[1]);
      long chosenSeed = seed != null ? seed : ThreadLocalRandom.current().nextLong();
      return new RunOptions(workload, nemeses, nodes, Duration.ofSeconds(timeLimitSeconds), rate,
          concurrency, chosenSeed, out, image, intervals, Duration.ofSeconds(checkSeconds),
          RunOptions.SETTLE_TIMEOUT_DEFAULT);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private static Duration[] range(String text) {
    long[] bounds;
    try {
      bounds = Arrays.stream(text.split("-", 2)).mapToLong(Long::parseLong).toArray();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected MIN-MAX in seconds, such as 4-8, not '" + text
          + "'");
    }
    if (bounds.length != 2) {
      throw new IllegalArgumentException("expected MIN-MAX in seconds, such as 4-8, not '" + text
          + "'");
    }
    return new Duration[] {Duration.ofSeconds(bounds[0]), Duration.ofSeconds(bounds[1])};
  }
}
