package io.statekv.bench;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs JMH with its usual command line, and prepends the JVM flags that Chronicle Map needs (taken
 * from the build) to every forked benchmark JVM, so that {@code java -jar benchmarks.jar} works
 * without repeating them. They go in front, so that each benchmark's own {@code jvmArgsAppend}
 * (its heap settings) still applies.
 */
public final class BenchRunner {
  private BenchRunner() {}

  public static void main(String[] args) throws CommandLineOptionException, RunnerException, IOException {
    CommandLineOptions cli = new CommandLineOptions(args);
    List<String> jvmArgs = new ArrayList<>(chronicleFlags());
    cli.getJvmArgsPrepend().orElse(List.of()).forEach(jvmArgs::add);
    Options options = new OptionsBuilder().parent(cli).jvmArgsPrepend(jvmArgs.toArray(new String[0])).build();
    new Runner(options).run();
  }

  /** The Chronicle JVM flags of the root pom, split into arguments. */
  public static List<String> chronicleFlags() throws IOException {
    Properties p = new Properties();
    try (InputStream in = BenchRunner.class.getResourceAsStream("jvm.properties")) {
      if (in == null) {
        throw new IOException("jvm.properties is missing from the benchmark jar");
      }
      p.load(in);
    }
    List<String> flags = new ArrayList<>();
    for (String f : p.getProperty("chronicle.jvm.flags", "").trim().split("\\s+")) {
      if (!f.isEmpty()) {
        flags.add(f);
      }
    }
    return flags;
  }
}
