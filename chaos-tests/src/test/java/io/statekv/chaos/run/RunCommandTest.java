package io.statekv.chaos.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.statekv.chaos.cli.ChaosMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The options of {@code chaos run}: parsed into a validated {@link RunOptions}, or refused. */
class RunCommandTest {
  private final StringWriter err = new StringWriter();

  private int execute(String... args) {
    CommandLine line = ChaosMain.commandLine();
    line.setErr(new PrintWriter(err));
    line.setOut(new PrintWriter(new StringWriter()));
    return line.execute(args);
  }

  private static RunOptions parse(String... args) {
    CommandLine line = new CommandLine(new RunCommand());
    line.parseArgs(args);
    return ((RunCommand) line.getCommand()).options();
  }

  @Test
  void optionsAreParsedWithTheirDefaults() {
    RunOptions options = parse("--workload", "set", "--nemesis", "kill,partition-halves",
        "--nodes", "5", "--time-limit", "20", "--seed", "7", "--fault-seconds", "2-3");
    assertThat(options.nemeses()).containsExactly("kill", "partition-halves");
    assertThat(options.nemesisLabel()).isEqualTo("kill+partition-halves");
    assertThat(options.nodes()).isEqualTo(5);
    assertThat(options.timeLimit()).isEqualTo(Duration.ofSeconds(20));
    assertThat(options.seed()).isEqualTo(7);
    assertThat(options.rate()).isEqualTo(50);
    assertThat(options.concurrency()).isEqualTo(5);
    assertThat(options.intervals().faultMin()).isEqualTo(Duration.ofSeconds(2));
    assertThat(options.intervals().faultMax()).isEqualTo(Duration.ofSeconds(3));
    assertThat(options.intervals().quietMax()).isEqualTo(Duration.ofSeconds(6));
  }

  @Test
  void noneRunsWithoutFaultsAndASeedIsChosenWhenMissing() {
    RunOptions options = parse("--workload", "counter");
    assertThat(options.nemeses()).isEmpty();
    assertThat(options.nemesisLabel()).isEqualTo("none");
    assertThat(parse("--workload", "counter").seed()).isNotEqualTo(options.seed());
  }

  @Test
  void badOptionsAreUsageErrorsThatSayWhatIsWrong() {
    for (List<String> args : List.of(
        List.of("run", "--workload", "queue"),
        List.of("run", "--workload", "set", "--nemesis", "kill,flood"),
        List.of("run", "--workload", "set", "--nodes", "4"),
        List.of("run", "--workload", "set", "--time-limit", "0"),
        List.of("run", "--workload", "set", "--rate", "-1"),
        List.of("run", "--workload", "set", "--concurrency", "0"),
        List.of("run", "--workload", "set", "--fault-seconds", "8-4"),
        List.of("run", "--workload", "set", "--quiet-seconds", "soon"))) {
      assertThat(execute(args.toArray(String[]::new))).as("%s", args).isEqualTo(64);
    }
    assertThat(err.toString()).contains("unknown workload 'queue'")
        .contains("unknown nemesis 'flood'").contains("--nodes must be 3 or 5")
        .contains("expected MIN-MAX");
  }
}
