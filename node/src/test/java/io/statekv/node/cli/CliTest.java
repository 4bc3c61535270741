package io.statekv.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.statekv.node.LocalCluster;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client commands against a real 3-node cluster: JSON on stdout, errors on stderr, exit codes. */
class CliTest {
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

  @Test
  void writesAndReadsPrintTheGatewayShapes() throws Exception {
    CliRun set = run("set", "cli", "alice", "{\"name\":\"Alice\"}");
    assertThat(set.exit()).as(set.err()).isZero();
    assertThat(set.json().get("old_value").isNull()).isTrue();
    assertThat(set.json().get("new_value")).isEqualTo(JSON.readTree("{\"name\":\"Alice\"}"));
    long rev = set.json().get("revision").asLong();

    assertThat(run("get", "cli", "alice").json()).isEqualTo(JSON.readTree("{\"name\":\"Alice\"}"));
    assertThat(run("get", "cli", "alice", "--entry").json().get("revision").asLong()).isEqualTo(rev);

    CliRun update = run("update", "cli", "alice", "[{\"type\":\"increment\",\"path\":\"visits\",\"by\":2}]");
    assertThat(update.json().get("new_value")).isEqualTo(JSON.readTree("{\"name\":\"Alice\",\"visits\":2}"));
    CliRun patch = run("patch", "cli", "alice", "{\"visits\":null,\"team\":\"core\"}");
    assertThat(patch.json().get("new_value")).isEqualTo(JSON.readTree("{\"name\":\"Alice\",\"team\":\"core\"}"));
    assertThat(run("append", "cli", "log", "\"first\"").json().get("new_value")).isEqualTo(JSON.readTree("[\"first\"]"));

    CliRun list = run("list", "cli", "--limit", "1");
    assertThat(list.json().get("entries")).hasSize(1);
    assertThat(list.json().get("next_after").asText()).isEqualTo("alice");
    assertThat(run("scopes").json().get("groups").toString()).contains("\"cli\"");

    CliRun deleted = run("delete", "cli", "log");
    assertThat(deleted.exit()).isZero();
    assertThat(deleted.json().get("old_value")).isEqualTo(JSON.readTree("[\"first\"]"));
  }

  @Test
  void exitCodesTellOutcomesApart() {
    CliRun missing = run("get", "cli", "nobody");
    assertThat(missing.exit()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(missing.out()).isEmpty();
    assertThat(missing.err()).contains("not_found");
    assertThat(run("delete", "cli", "nobody").exit()).isEqualTo(ExitCodes.NOT_FOUND);

    run("set", "cli", "cas", "1");
    CliRun conflict = run("set", "cli", "cas", "2", "--if-revision", "0");
    assertThat(conflict.exit()).isEqualTo(ExitCodes.CONFLICT);
    assertThat(conflict.err()).contains("conflict");

    CliRun txn = run("txn", "{\"compares\":[{\"scope\":\"cli\",\"key\":\"cas\",\"target\":\"value\",\"value\":99}],"
        + "\"else\":[{\"op\":\"get\",\"scope\":\"cli\",\"key\":\"cas\"}]}");
    assertThat(txn.exit()).isEqualTo(ExitCodes.CONFLICT);
    assertThat(txn.json().get("succeeded").asBoolean()).isFalse();
    assertThat(txn.json().at("/results/0/value").asInt()).isEqualTo(1);

    CliRun notJson = run("set", "cli", "k", "Alice");
    assertThat(notJson.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(notJson.err()).contains("quote strings as JSON");
    assertThat(run("set", "cli").exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(run("update", "cli", "k", "[{\"type\":\"pow\"}]").exit()).isEqualTo(ExitCodes.USAGE);
    CliRun invalid = run("set", "_reserved", "k", "1");
    assertThat(invalid.exit()).isEqualTo(ExitCodes.FAILURE);
    assertThat(invalid.err()).contains("invalid_argument");
  }

  @Test
  void clusterStatusListsTheMembers() {
    CliRun status = run("cluster", "status");
    assertThat(status.exit()).as(status.err()).isZero();
    assertThat(status.json().get("members")).hasSize(3);
    assertThat(status.json().get("leader_id").asText()).matches("n[123]");
  }

  @Test
  void unreachableClusterFailsWithinTheTimeout() {
    long start = System.nanoTime();
    CliRun unreachable = CliRun.of("127.0.0.1:1", "get", "s", "k", "--timeout", "2");
    assertThat(unreachable.exit()).isEqualTo(ExitCodes.FAILURE);
    assertThat(unreachable.err()).contains("unavailable");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
  }
}
