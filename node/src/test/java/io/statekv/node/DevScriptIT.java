package io.statekv.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.statekv.node.HttpJson.Answer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./statekv dev}, run as a user runs it: it starts a cluster of node processes that
 * answers, the CLI talks to it, and SIGINT stops every process cleanly. Needs the shaded jar, so it
 * runs in the verify phase (failsafe).
 */
class DevScriptIT {
  private static final Path SCRIPT = Path.of("..", "statekv").toAbsolutePath().normalize();
  private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

  @Test
  void devStartsAClusterThatAnswersAndStopsCleanlyOnSigint(@TempDir Path dir) throws Exception {
    int base = LocalCluster.freeBasePort(3);
    // A process started with SIGINT ignored (as under a shell's background job) passes that on, and
    // the dev command rightly keeps ignoring it; perl resets it, so the test's Ctrl-C is delivered.
    Process dev = new ProcessBuilder("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec { $ARGV[0] } @ARGV or die \"exec: $!\"",
            SCRIPT.toString(), "dev", "--base-port", Integer.toString(base), "--data-dir", dir.toString())
        .redirectErrorStream(true).start();
    ProcessOutput output = new ProcessOutput(dev);
    try {
      LocalCluster.await(START_TIMEOUT, "the dev cluster to be ready; output so far:\n" + output.text(),
          () -> output.text().contains("Press Ctrl-C to stop the cluster."));
      assertThat(output.text()).contains("client 127.0.0.1:" + (base + 1)).contains("http http://127.0.0.1:" + (base + 101));
      List<ProcessHandle> nodes = dev.descendants().filter(p -> p.info().commandLine().orElse("").contains(" node ")).toList();
      assertThat(nodes).hasSize(3);

      String http1 = "http://127.0.0.1:" + (base + 101);
      String http3 = "http://127.0.0.1:" + (base + 103);
      Answer set = HttpJson.post(http1, "/v1/state/set", "{\"scope\":\"dev\",\"key\":\"k\",\"value\":{\"ok\":true}}");
      assertThat(set.status()).as(set.body()).isEqualTo(200);
      assertThat(HttpJson.post(http3, "/v1/state/get", "{\"scope\":\"dev\",\"key\":\"k\"}").body()).isEqualTo("{\"ok\":true}");

      String endpoints = "127.0.0.1:" + (base + 2);
      CliRun get = cli("get", "dev", "k", "--endpoints", endpoints);
      assertThat(get.exit()).as(get.output()).isZero();
      assertThat(get.output().strip()).isEqualTo("{\"ok\":true}");
      assertThat(cli("get", "dev", "missing", "--endpoints", endpoints).exit()).isEqualTo(3);

      new ProcessBuilder("kill", "-INT", Long.toString(dev.pid())).inheritIO().start().waitFor();
      assertThat(dev.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as(output.text()).isTrue();
      output.join();
      assertThat(output.text()).contains("stopping the dev cluster...").contains("stopped");
      for (ProcessHandle node : nodes) {
        assertThat(node.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS).isAlive()).isFalse();
      }
      for (String id : List.of("n1", "n2", "n3")) {
        assertThat(Files.readString(dir.resolve("dev").resolve(id + ".log"))).contains("node " + id + " stopped");
      }
    } finally {
      dev.descendants().forEach(ProcessHandle::destroyForcibly);
      dev.destroyForcibly();
    }
  }

  record CliRun(int exit, String output) {}

  private static CliRun cli(String... args) throws IOException, InterruptedException {
    String[] command = new String[args.length + 1];
    command[0] = SCRIPT.toString();
    System.arraycopy(args, 0, command, 1, args.length);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new CliRun(p.exitValue(), out);
  }

  /** Collects a process's output on a thread of its own, so the process never blocks on a full pipe. */
  private static final class ProcessOutput {
    private final StringBuffer text = new StringBuffer();
    private final Thread reader;

    ProcessOutput(Process process) {
      reader = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = in.readLine()) != null) {
            text.append(line).append('\n');
          }
        } catch (IOException e) {
          text.append("(reading the output failed: ").append(e).append(")\n");
        }
      }, "dev-output");
      reader.setDaemon(true);
      reader.start();
    }

    String text() {
      return text.toString();
    }

    void join() throws InterruptedException {
      reader.join(Duration.ofSeconds(10).toMillis());
    }
  }
}
