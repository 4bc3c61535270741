package io.statekv.bench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.statekv.bench.load.internal.Drivers;
import io.statekv.bench.load.internal.MeasuredRun;
import io.statekv.bench.load.internal.Preload;
import io.statekv.bench.report.ReportCommand;
import io.statekv.bench.threads.ThreadsCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The load generator's command line: {@code preload} fills the key space, {@code run} measures
 * one workload at one in-flight count and writes a JSON result, {@code report} turns a folder of
 * results into the side-by-side report, {@code threads} shows where processes spend their CPU.
 */
@Command(name = "statekv-load", mixinStandardHelpOptions = true,
    description = "Closed-loop load generator for statekv and etcd.",
    subcommands = {LoadMain.PreloadCommand.class, LoadMain.RunCommand.class, ReportCommand.class, ThreadsCommand.class})
public final class LoadMain {
  /** Exit code of a run that could not start or finish (the cluster was not ready, and so on). */
  static final int EXIT_FAILED = 1;

  public static void main(String[] args) {
    // gRPC (under jetcd) logs its start-up through java.util.logging; only problems matter here.
    java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
    System.exit(new CommandLine(new LoadMain()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
  }

  /** Options every command that talks to a cluster shares. */
  static final class Target {
    @Option(names = "--system", required = true, description = "statekv or etcd")
    String system;

    @Option(names = "--endpoints", required = true, split = ",", description = "client addresses, host:port,...")
    List<String> endpoints;

    @Option(names = "--keys", defaultValue = "100000", description = "keys in the data set (default ${DEFAULT-VALUE})")
    int keys;

    @Option(names = "--value-bytes", defaultValue = "256", description = "bytes of each value (default ${DEFAULT-VALUE})")
    int valueBytes;

    @Option(names = "--request-timeout", defaultValue = "10s", converter = Durations.class,
        description = "deadline of one operation (default ${DEFAULT-VALUE})")
    Duration requestTimeout;

    @Option(names = "--read-from-followers", negatable = true, defaultValue = "true", fallbackValue = "true",
        description = "statekv: send reads to every member, as jetcd does (default ${DEFAULT-VALUE})")
    boolean readFromFollowers;

    Driver open() throws Exception {
      Driver driver = Drivers.open(system, endpoints, new KeySpace(keys, valueBytes), readFromFollowers, requestTimeout);
      try {
        driver.awaitReady(60);
      } catch (Exception e) {
        driver.close();
        throw e;
      }
      return driver;
    }
  }

  @Command(name = "preload", mixinStandardHelpOptions = true, description = "Writes every key once.")
  static final class PreloadCommand implements Callable<Integer> {
    @Mixin
    Target target;

    @Option(names = "--in-flight", defaultValue = "256", description = "writes in flight (default ${DEFAULT-VALUE})")
    int inFlight;

    @Override
    public Integer call() throws Exception {
      try (Driver driver = target.open()) {
        Preload.run(driver, new KeySpace(target.keys, target.valueBytes), inFlight, target.requestTimeout.toMillis(), System.err);
      }
      return 0;
    }
  }

  @Command(name = "run", mixinStandardHelpOptions = true, description = "Measures one workload at one in-flight count.")
  static final class RunCommand implements Callable<Integer> {
    @Mixin
    Target target;

    @Option(names = "--workload", required = true, converter = WorkloadConverter.class,
        description = "put, get, get-serializable, mix or cas")
    Workload workload;

    @Option(names = "--in-flight", defaultValue = "64", description = "operations in flight (default ${DEFAULT-VALUE})")
    int inFlight;

    @Option(names = "--warmup", defaultValue = "10s", converter = Durations.class, description = "(default ${DEFAULT-VALUE})")
    Duration warmup;

    @Option(names = "--duration", defaultValue = "30s", converter = Durations.class, description = "(default ${DEFAULT-VALUE})")
    Duration duration;

    @Option(names = "--server-pids", split = ",", description = "processes whose CPU time is measured")
    List<Long> serverPids = List.of();

    @Option(names = "--round", defaultValue = "1", description = "repetition number, for the report")
    int round;

    @Option(names = "--progress", defaultValue = "5s", converter = Durations.class,
        description = "progress interval; 0s for none (default ${DEFAULT-VALUE})")
    Duration progress;

    @Option(names = "--out", description = "write the result here as JSON")
    Path out;

    @Override
    public Integer call() throws Exception {
      RunSettings settings = new RunSettings(workload, inFlight, warmup, duration, serverPids, round, progress, target.requestTimeout);
      RunResult result;
      try (Driver driver = target.open()) {
        result = new MeasuredRun(driver, new KeySpace(target.keys, target.valueBytes), settings, System.err).execute();
      }
      if (out != null) {
        Files.createDirectories(out.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), result);
      }
      System.out.println(Summary.line(result));
      return result.ops() == 0 ? EXIT_FAILED : 0;
    }
  }

  /** Reads {@code 30s}, {@code 2m}, {@code 500ms} or an ISO-8601 duration. */
  static final class Durations implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String text) {
      String t = text.trim().toLowerCase(java.util.Locale.ROOT);
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      }
      if (t.endsWith("s")) {
        return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
      }
      if (t.endsWith("m")) {
        return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
      }
      return Duration.parse(text);
    }
  }

  static final class WorkloadConverter implements CommandLine.ITypeConverter<Workload> {
    @Override
    public Workload convert(String text) {
      return Workload.of(text);
    }
  }
}
