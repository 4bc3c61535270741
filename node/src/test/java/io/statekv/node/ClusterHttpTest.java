package io.statekv.node;

import static io.statekv.node.HttpJson.json;
import static io.statekv.node.HttpJson.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.statekv.node.HttpJson.Answer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: a real 3-node cluster on loopback driven through the HTTP gateway, the way an iii
 * user would drive it, with every request sent to a follower (which forwards writes).
 */
class ClusterHttpTest {
  @TempDir
  static Path dir;
  static LocalCluster cluster;
  static String follower;
  static String leader;

  @BeforeAll
  static void start() throws InterruptedException {
    cluster = LocalCluster.start(3, dir);
    int l = cluster.awaitLeader(Duration.ofSeconds(60));
    leader = cluster.httpBase(l);
    follower = cluster.httpBase((l + 1) % 3);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  /** The answer without our extras, which iii clients ignore. */
  private static JsonNode iiiPart(Answer a) {
    ObjectNode copy = ((ObjectNode) a.json()).deepCopy();
    copy.remove("revision");
    copy.remove("entry");
    return copy;
  }

  @Test
  void iiiPayloadsAreAnsweredAsIiiDoes() {
    Answer created = post(follower, "/v1/state/set", "{\"scope\":\"users\",\"key\":\"alice\",\"value\":{\"name\":\"Alice\"}}");
    assertThat(created.status()).as(created.body()).isEqualTo(200);
    assertThat(iiiPart(created)).isEqualTo(json("{\"old_value\":null,\"new_value\":{\"name\":\"Alice\"}}"));
    long rev = created.json().get("revision").asLong();
    assertThat(rev).isPositive();
    assertThat(created.json().at("/entry/version").asLong()).isEqualTo(1);
    assertThat(created.raw().headers().firstValue("X-Statekv-Served-By")).isPresent();

    assertThat(post(follower, "/v1/state/get", "{\"scope\":\"users\",\"key\":\"alice\"}").json())
        .isEqualTo(json("{\"name\":\"Alice\"}"));

    Answer replaced = post(follower, "/v1/state/set", "{\"scope\":\"users\",\"key\":\"alice\",\"data\":{\"name\":\"Ada\",\"visits\":1}}");
    assertThat(iiiPart(replaced)).isEqualTo(json("{\"old_value\":{\"name\":\"Alice\"},\"new_value\":{\"name\":\"Ada\",\"visits\":1}}"));
    assertThat(replaced.json().get("revision").asLong()).isGreaterThan(rev);

    Answer updated = post(follower, "/v1/state/update", """
        {"scope":"users","key":"alice","ops":[
          {"type":"increment","path":"visits","by":2},
          {"type":"merge","path":["prefs"],"value":{"theme":"dark"}},
          {"type":"set","path":"status","value":"active"}]}""");
    assertThat(iiiPart(updated)).isEqualTo(json("""
        {"old_value":{"name":"Ada","visits":1},
         "new_value":{"name":"Ada","visits":3,"prefs":{"theme":"dark"},"status":"active"}}"""));

    Answer partly = post(follower, "/v1/state/update",
        "{\"scope\":\"users\",\"key\":\"alice\",\"ops\":[{\"type\":\"increment\",\"path\":\"name\",\"by\":1}]}");
    assertThat(partly.json().get("errors")).hasSize(1);
    assertThat(partly.json().at("/errors/0/code").asText()).isEqualTo("increment.not_number");
    assertThat(partly.json().at("/errors/0/doc_url").asText()).isEqualTo("https://iii.dev/docs/workers/iii-state#error-codes");
    assertThat(partly.json().get("new_value")).isEqualTo(partly.json().get("old_value"));

    post(follower, "/v1/state/set", "{\"scope\":\"users\",\"key\":\"bob\",\"value\":[1,2]}");
    assertThat(post(follower, "/v1/state/list", "{\"scope\":\"users\"}").json()).isEqualTo(json("""
        [{"name":"Ada","visits":3,"prefs":{"theme":"dark"},"status":"active"},[1,2]]"""));
    assertThat(post(follower, "/v1/state/list_groups", "{}").json().get("groups").toString()).contains("\"users\"");

    assertThat(post(follower, "/v1/state/delete", "{\"scope\":\"users\",\"key\":\"bob\"}").json()).isEqualTo(json("[1,2]"));
    assertThat(post(follower, "/v1/state/get", "{\"scope\":\"users\",\"key\":\"bob\"}").body()).isEqualTo("null");
    assertThat(post(follower, "/v1/state/delete", "{\"scope\":\"users\",\"key\":\"bob\"}").body()).isEqualTo("null");
  }

  @Test
  void extrasWork() {
    Answer first = post(leader, "/v1/state/set", "{\"scope\":\"x\",\"key\":\"cas\",\"value\":1,\"if_revision\":0}");
    assertThat(first.status()).isEqualTo(200);
    long rev = first.json().get("revision").asLong();
    Answer conflict = post(follower, "/v1/state/set", "{\"scope\":\"x\",\"key\":\"cas\",\"value\":2,\"if_revision\":0}");
    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.json().at("/error/current_revision").asLong()).isEqualTo(rev);
    Answer entry = post(follower, "/v1/state/get_entry",
        "{\"scope\":\"x\",\"key\":\"cas\",\"consistency\":\"serializable\",\"min_revision\":" + rev + "}");
    assertThat(entry.json().at("/entry/value").asInt()).isEqualTo(1);
    assertThat(entry.json().at("/entry/revision").asLong()).isEqualTo(rev);

    Answer txn = post(follower, "/v1/state/txn", """
        {"compares":[{"scope":"x","key":"cas","target":"revision","value":%d}],
         "then":[{"op":"set","scope":"x","key":"cas","value":3},{"op":"append","scope":"x","key":"log","item":"won"}],
         "else":[{"op":"get","scope":"x","key":"cas"}]}""".formatted(rev));
    assertThat(txn.status()).as(txn.body()).isEqualTo(200);
    assertThat(txn.json().get("succeeded").asBoolean()).isTrue();
    assertThat(txn.json().at("/results/1/new_value")).isEqualTo(json("[\"won\"]"));
    assertThat(txn.json().at("/results/0/revision")).isEqualTo(txn.json().get("revision"));
  }

  @Test
  void malformedAndOversizedBodiesGetClearErrorsAndTheNodeKeepsServing() {
    Answer bad = post(follower, "/v1/state/set", "{\"scope\":\"s\",");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().at("/error/message").asText()).startsWith("set: the body is not valid JSON");
    Answer badName = post(follower, "/v1/state/set", "{\"scope\":\"_sys\",\"key\":\"k\",\"value\":1}");
    assertThat(badName.status()).isEqualTo(400);
    assertThat(badName.json().at("/error/message").asText()).contains("reserved");
    Answer badOp = post(follower, "/v1/state/update", "{\"scope\":\"s\",\"key\":\"k\",\"ops\":[{\"type\":\"pow\"}]}");
    assertThat(badOp.status()).isEqualTo(400);
    assertThat(badOp.json().at("/error/op_index").asInt()).isZero();

    String huge = "{\"scope\":\"s\",\"key\":\"k\",\"value\":\"" + "x".repeat(5 << 20) + "\"}";
    Answer tooBig = post(follower, "/v1/state/set", huge);
    assertThat(tooBig.status()).isEqualTo(413);
    assertThat(tooBig.json().at("/error/code").asText()).isEqualTo("request_too_large");
    String large = "{\"scope\":\"s\",\"key\":\"k\",\"value\":\"" + "x".repeat(2 << 20) + "\"}";
    Answer valueTooLarge = post(follower, "/v1/state/set", large);
    assertThat(valueTooLarge.status()).isEqualTo(413);
    assertThat(valueTooLarge.json().at("/error/code").asText()).isEqualTo("value_too_large");

    assertThat(post(follower, "/v1/state/set", "{\"scope\":\"s\",\"key\":\"k\",\"value\":\"fine\"}").status()).isEqualTo(200);
    assertThat(post(follower, "/v1/state/get", "{\"scope\":\"s\",\"key\":\"k\"}").json().asText()).isEqualTo("fine");
  }

  @Test
  void metricsExposeRequestRaftAndJvmMetrics() {
    post(leader, "/v1/state/set", "{\"scope\":\"m\",\"key\":\"k\",\"value\":1}");
    Answer metrics = HttpJson.get(leader, "/metrics");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body())
        .contains("statekv_http_requests_total{op=\"set\",outcome=\"ok\"}")
        .contains("statekv_http_request_duration_seconds_bucket{op=\"set\",outcome=\"ok\",le=")
        .contains("statekv_raft_")
        .contains("jvm_memory_used_bytes")
        .contains("process_uptime_seconds");
  }

  @Test
  void clusterShowsEveryMemberAndOneLeader() {
    Answer c = HttpJson.get(follower, "/v1/cluster");
    assertThat(c.status()).isEqualTo(200);
    assertThat(c.json().get("members")).hasSize(3);
    assertThat(c.json().findValues("leader").stream().filter(JsonNode::asBoolean)).hasSize(1);
    assertThat(HttpJson.get(follower, "/readyz").status()).isEqualTo(200);
  }

  @Test
  void everyReplicaHashesTheSameStateAtTheSameAppliedIndex() {
    post(leader, "/v1/state/set", "{\"scope\":\"h\",\"key\":\"k\",\"value\":{\"n\":1}}");
    Answer before = HttpJson.get(leader, "/v1/cluster?state_hash=true");
    assertThat(before.status()).as(before.body()).isEqualTo(200);
    String first = before.json().get("state_hash").asText();
    assertThat(first).hasSize(64).matches("[0-9a-f]+");
    assertThat(HttpJson.get(leader, "/v1/cluster").json().has("state_hash")).as("only on demand").isFalse();
    Answer bad = HttpJson.get(leader, "/v1/cluster?state_hash=yes");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body()).contains("state_hash must be true or false");

    Answer written = post(leader, "/v1/state/set", "{\"scope\":\"h\",\"key\":\"k\",\"value\":{\"n\":2}}");
    long revision = written.json().get("revision").asLong();
    // Wait until every replica has applied the write, then all must agree on the hash at one index.
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    java.util.Set<String> hashes;
    java.util.Set<Long> indexes;
    do {
      hashes = new java.util.TreeSet<>();
      indexes = new java.util.TreeSet<>();
      for (int i = 0; i < 3; i++) {
        JsonNode c = HttpJson.get(cluster.httpBase(i), "/v1/cluster?state_hash=true").json();
        hashes.add(c.get("state_hash").asText());
        indexes.add(c.get("state_hash_applied_index").asLong());
      }
    } while ((indexes.size() != 1 || indexes.iterator().next() < revision) && System.nanoTime() < deadline);
    assertThat(indexes).hasSize(1);
    assertThat(indexes.iterator().next()).isGreaterThanOrEqualTo(revision);
    assertThat(hashes).hasSize(1).doesNotContain(first);
  }
}
