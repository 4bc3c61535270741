package io.statekv.node.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.statekv.client.ClusterStatus;
import io.statekv.client.Compare;
import io.statekv.client.ConflictException;
import io.statekv.client.DeleteResult;
import io.statekv.client.Entry;
import io.statekv.client.InvalidArgumentException;
import io.statekv.client.ListOptions;
import io.statekv.client.ListPage;
import io.statekv.client.ReadOptions;
import io.statekv.client.Scope;
import io.statekv.client.StateKvClient;
import io.statekv.client.TxnOp;
import io.statekv.client.TxnOpResult;
import io.statekv.client.TxnResult;
import io.statekv.client.TypeMismatchException;
import io.statekv.client.UpdateOp;
import io.statekv.client.ValueTooLargeException;
import io.statekv.client.WriteOptions;
import io.statekv.client.WriteResult;
import io.statekv.client.Consistency;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against a real three-node cluster in this JVM: every operation, end to end. */
class ClientOperationsTest {
  @TempDir
  static Path root;

  private static LocalCluster cluster;
  private static StateKvClient client;
  private static String leader;

  record Profile(String name, int visits, List<String> tags) {}

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = LocalCluster.started(root, 3);
    leader = cluster.awaitLeader();
    // The client knows only a follower: it must find the leader by itself.
    client = StateKvClient.builder().endpoints(cluster.endpoint(cluster.other(leader)))
        .requestTimeout(Duration.ofSeconds(15)).build();
  }

  @AfterAll
  static void stopCluster() {
    if (client != null) {
      client.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void writesFromAFollowerEndpointReachTheLeaderAndEveryReplica() {
    WriteResult written = client.set("routing", "k", Map.of("v", 1));
    assertThat(written.created()).isTrue();
    ClusterStatus status = client.clusterStatus();
    assertThat(status.leaderId()).isEqualTo(leader);
    assertThat(status.nodeId()).as("cluster status is answered by the leader").isEqualTo(leader);
    assertThat(status.members()).hasSize(3);
    for (String id : cluster.running()) {
      io.statekv.raft.Replica replica = cluster.node(id).replica();
      Await.until("the write to reach " + id, Duration.ofSeconds(20),
          () -> replica.store().appliedRevision() >= written.revision());
      assertThat(replica.store().get("routing", "k", replica.readTime()).revision()).isEqualTo(written.revision());
    }
  }

  @Test
  void setGetAndPojoMapping() {
    Scope users = client.scope("users");
    Profile ada = new Profile("Ada", 3, List.of("admin", "ops"));
    WriteResult first = users.set("ada", ada, WriteOptions.NONE);
    assertThat(first.oldValue()).isNull();
    Entry entry = users.get("ada").orElseThrow();
    assertThat(entry.as(Profile.class)).isEqualTo(ada);
    assertThat(entry.revision()).isEqualTo(first.revision());
    assertThat(entry.version()).isEqualTo(1);
    assertThat(entry.createdAt()).isPositive();
    assertThat(entry.expiry()).isEmpty();
    assertThat(users.get("nobody")).isEmpty();

    WriteResult second = users.set("ada", new Profile("Ada", 4, List.of()));
    assertThat(second.oldValue().path("visits").intValue()).isEqualTo(3);
    assertThat(second.revision()).isGreaterThan(first.revision());
    assertThat(users.get("ada").orElseThrow().version()).isEqualTo(2);
  }

  @Test
  void conditionalWritesAndTtl() {
    WriteResult created = client.set("cas", "k", 1, WriteOptions.ifAbsent());
    assertThatThrownBy(() -> client.set("cas", "k", 2, WriteOptions.ifAbsent()))
        .isInstanceOfSatisfying(ConflictException.class, e -> {
          assertThat(e.currentRevision()).isEqualTo(created.revision());
          assertThat(e.definitelyFailed()).isTrue();
        });
    client.set("cas", "k", 3, WriteOptions.ifRevision(created.revision()));
    assertThat(client.get("cas", "k").orElseThrow().value().intValue()).isEqualTo(3);

    WriteResult leased = client.set("cas", "lease", "me", WriteOptions.ttl(Duration.ofSeconds(60)));
    assertThat(leased.entry().expiresAt()).isGreaterThanOrEqualTo(leased.entry().updatedAt() + 60_000);
  }

  @Test
  void updatePatchAppendAndDelete() {
    WriteResult updated = client.update("ops", "counter",
        List.of(UpdateOp.increment("n", 5), UpdateOp.set("label", "x"), UpdateOp.append(Map.of("id", 1), "list"),
            UpdateOp.increment("label", 1)),
        WriteOptions.NONE);
    assertThat(updated.newValue().path("n").intValue()).isEqualTo(5);
    // As in iii, appending a non-string to a missing field starts an array.
    assertThat(updated.newValue().path("list").get(0).path("id").intValue()).isEqualTo(1);
    assertThat(updated.errors()).singleElement().satisfies(error -> {
      assertThat(error.opIndex()).isEqualTo(3);
      assertThat(error.code()).isEqualTo("increment.not_number");
    });

    WriteResult patched = client.patch("ops", "counter", Map.of("label", "y", "extra", Map.of("deep", true)));
    assertThat(patched.newValue().path("extra").path("deep").booleanValue()).isTrue();
    assertThat(patched.newValue().path("n").intValue()).isEqualTo(5);

    client.append("ops", "log", "first");
    WriteResult appended = client.append("ops", "log", "second");
    assertThat(appended.newValue()).hasSize(2);
    assertThatThrownBy(() -> client.append("ops", "counter", 1)).isInstanceOf(TypeMismatchException.class);

    DeleteResult deleted = client.delete("ops", "log");
    assertThat(deleted.deleted()).isTrue();
    assertThat(deleted.oldValue()).hasSize(2);
    DeleteResult again = client.delete("ops", "log");
    assertThat(again.deleted()).isFalse();
    assertThat(again.revision()).isZero();
  }

  @Test
  void listPagesAndStreams() {
    Scope items = client.scope("items");
    for (int i = 0; i < 25; i++) {
      items.set(String.format("item-%02d", i), i);
    }
    items.set("other", 0);
    ListPage first = items.list(ListOptions.DEFAULT.withPrefix("item-").withLimit(10));
    assertThat(first.entries()).extracting(Entry::key).first().isEqualTo("item-00");
    assertThat(first.entries()).hasSize(10);
    assertThat(first.more()).isTrue();
    ListPage second = items.list(ListOptions.DEFAULT.withPrefix("item-").withLimit(10).withAfter(first.nextAfter()));
    assertThat(second.entries().get(0).key()).isEqualTo("item-10");

    List<String> all = items.listAll(ListOptions.DEFAULT.withPrefix("item-").withLimit(7).withKeysOnly(true))
        .map(Entry::key).collect(Collectors.toList());
    assertThat(all).hasSize(25).isSorted().doesNotContain("other");
    assertThat(items.list(ListOptions.DEFAULT.withKeysOnly(true).withLimit(1)).entries().get(0).value()).isNull();
    assertThat(client.listGroups(ReadOptions.DEFAULT)).contains("items");
  }

  @Test
  void transactionsAreAtomic() {
    client.set("stock", "sku-1", 5);
    long version = client.get("stock", "sku-1").orElseThrow().version();
    TxnResult sold = client.txn()
        .when(Compare.version("stock", "sku-1").equalTo(version), Compare.missing("stock", "sku-1-lock"))
        .then(TxnOp.set("stock", "sku-1", 4), TxnOp.append("stock", "sku-1-log", "sold"), TxnOp.get("stock", "sku-1"))
        .otherwise(TxnOp.get("stock", "sku-1"))
        .commit();
    assertThat(sold.succeeded()).isTrue();
    assertThat(sold.results()).hasSize(3);
    assertThat(((TxnOpResult.Written) sold.results().get(0)).result().revision()).isEqualTo(sold.revision());
    Optional<Entry> read = ((TxnOpResult.Read) sold.results().get(2)).entry();
    assertThat(read.orElseThrow().value().intValue()).isEqualTo(4);

    TxnResult stale = client.txn()
        .when(Compare.version("stock", "sku-1").equalTo(version))
        .then(TxnOp.set("stock", "sku-1", 3))
        .otherwise(TxnOp.get("stock", "sku-1"))
        .commit();
    assertThat(stale.succeeded()).isFalse();
    assertThat(client.get("stock", "sku-1").orElseThrow().value().intValue()).isEqualTo(4);
  }

  @Test
  void badInputGetsTypedErrorsFromTheEdge() {
    assertThatThrownBy(() -> client.set("_system", "k", 1))
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.getMessage()).contains("reserved"));
    assertThatThrownBy(() -> client.set("s", "k".repeat(1025), 1)).isInstanceOf(InvalidArgumentException.class);
    JsonNode deep = io.statekv.client.internal.JsonValues.mapper().createArrayNode();
    for (int i = 1; i < 65; i++) {
      deep = io.statekv.client.internal.JsonValues.mapper().createArrayNode().add(deep);
    }
    JsonNode tooDeep = deep;
    assertThatThrownBy(() -> client.set("s", "deep", tooDeep)).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> client.set("s", "big", "x".repeat(1 << 20)))
        .isInstanceOfSatisfying(ValueTooLargeException.class, e -> assertThat(e.definitelyFailed()).isTrue());
    assertThatThrownBy(() -> client.list("s", ListOptions.DEFAULT.withLimit(10_001))).isInstanceOf(InvalidArgumentException.class);
    assertThat(client.get("s", "big")).isEmpty();
  }

  @Test
  void readsAtEveryConsistency() {
    WriteResult written = client.set("reads", "k", "v");
    for (Consistency consistency : Consistency.values()) {
      ReadOptions options = ReadOptions.of(consistency).withMinRevision(written.revision());
      assertThat(client.get("reads", "k", options).orElseThrow().value().textValue()).as(consistency.name()).isEqualTo("v");
    }
    try (StateKvClient followers = StateKvClient.builder().endpoints(cluster.endpoints())
        .readFromFollowers(true).build()) {
      ReadOptions yourWrites = ReadOptions.of(Consistency.SERIALIZABLE).withMinRevision(written.revision());
      for (int i = 0; i < 6; i++) {
        assertThat(followers.get("reads", "k", yourWrites)).isPresent();
      }
    }
  }

  @Test
  void manyConcurrentRequestsArePipelined() throws Exception {
    List<CompletableFuture<WriteResult>> writes = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      writes.add(client.setAsync("pipelined", "k" + i, i));
    }
    CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get();
    for (int i = 0; i < writes.size(); i++) {
      assertThat(writes.get(i).join().newValue().intValue()).isEqualTo(i);
    }
    assertThat(client.listAll("pipelined", ListOptions.DEFAULT.withKeysOnly(true)).count()).isEqualTo(200);
  }
}
