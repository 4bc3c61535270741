package io.statekv.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.statekv.node.LocalCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code statekv watch} against a real 3-node cluster: one iii event per line, filters, exit codes. */
class WatchCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path dir;
  static LocalCluster cluster;
  static String endpoints;

  @BeforeAll
  static void start() throws InterruptedException {
    cluster = LocalCluster.start(3, dir);
    cluster.awaitLeader(Duration.ofSeconds(60));
    endpoints = cluster.clientEndpoints();
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static CliRun run(String... args) {
    return CliRun.of(endpoints, args);
  }

  private static long set(String scope, String key, String value) throws Exception {
    CliRun set = run("set", scope, key, value);
    assertThat(set.exit()).as(set.err()).isZero();
    return JSON.readTree(set.out()).get("revision").asLong();
  }

  @Test
  void printsOneIiiEventPerLineForTheFilterFromTheGivenRevision() throws Exception {
    long from = set("cliw", "seed", "0") + 1;
    set("cliw", "u1", "{\"email\":\"a@x\",\"visits\":1}");
    set("cliw", "u1", "{\"email\":\"a@x\",\"visits\":2}");
    set("other", "u1", "1");
    long changed = set("cliw", "u1", "{\"email\":\"b@x\",\"visits\":2}");
    CliRun watch = run("watch", "--scope", "cliw", "--prefix", "u", "--types", "created,updated",
        "--changed-path", "/email", "--from-revision", String.valueOf(from), "--count", "2");
    assertThat(watch.exit()).as(watch.err()).isZero();
    List<String> lines = watch.out().lines().toList();
    assertThat(lines).hasSize(2);
    JsonNode created = JSON.readTree(lines.get(0));
    JsonNode updated = JSON.readTree(lines.get(1));
    assertThat(created.get("type").asText()).isEqualTo("state");
    assertThat(created.get("event_type").asText()).isEqualTo("state:created");
    assertThat(updated.get("event_type").asText()).isEqualTo("state:updated");
    assertThat(updated.get("old_value").get("email").asText()).isEqualTo("a@x");
    assertThat(updated.get("new_value").get("email").asText()).isEqualTo("b@x");
    assertThat(updated.get("revision").asLong()).isEqualTo(changed);
  }

  @Test
  void waitsForChangesThatHappenAfterItStarts() throws Exception {
    long from = set("later", "seed", "0") + 1;
    CompletableFuture<CliRun> watch = CompletableFuture.supplyAsync(
        () -> run("watch", "--scope", "later", "--key", "k", "--from-revision", String.valueOf(from), "--count", "1"));
    set("later", "k", "\"v\"");
    CliRun done = watch.get(60, TimeUnit.SECONDS);
    assertThat(done.exit()).as(done.err()).isZero();
    assertThat(JSON.readTree(done.out()).get("new_value").asText()).isEqualTo("v");
  }

  /** A separate process, stopped the way Ctrl-C or a supervisor stops it, exits 0 after printing what it saw. */
  @Test
  void aSignalEndsTheWatchWithExitZero() throws Exception {
    long from = set("signal", "seed", "0") + 1;
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), StateKvMain.class.getName(),
        "watch", "--scope", "signal", "--from-revision", String.valueOf(from), "--endpoints", endpoints)
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
      set("signal", "k", "1");
      String line = lines.readLine();
      assertThat(line).as("the first event").isNotNull();
      assertThat(JSON.readTree(line).get("key").asText()).isEqualTo("k");
      p.destroy(); // SIGTERM; SIGINT (Ctrl-C) takes the same path
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isZero();
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void badFiltersExitWithTypedCodes() {
    CliRun pointer = run("watch", "--scope", "s", "--changed-path", "email");
    assertThat(pointer.exit()).isEqualTo(ExitCodes.FAILURE);
    assertThat(pointer.err()).contains("invalid_argument").contains("JSON pointer");
    CliRun type = run("watch", "--scope", "s", "--types", "renamed");
    assertThat(type.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(type.err()).contains("unknown event type");
    CliRun noScope = run("watch", "--prefix", "a");
    assertThat(noScope.exit()).isEqualTo(ExitCodes.FAILURE);
    assertThat(noScope.err()).contains("key_prefix needs a scope");
  }
}
