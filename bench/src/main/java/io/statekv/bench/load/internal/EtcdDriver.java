package io.statekv.bench.load.internal;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.statekv.bench.load.Driver;
import io.statekv.bench.load.KeySpace;
import io.statekv.bench.load.Operation;
import io.statekv.bench.load.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * etcd through jetcd, with its defaults: requests are spread round-robin over every endpoint given,
 * and a member that is not the leader forwards writes and linearizable reads to it, as an etcd
 * application would see it. A compare-and-set is a txn on the key's {@code mod_revision}.
 */
public final class EtcdDriver implements Driver {
  private static final GetOption SERIALIZABLE = GetOption.builder().withSerializable(true).build();

  private final Client client;
  private final KV kv;
  private final ByteSequence[] keys;
  private final ByteSequence value;
  private final Duration requestTimeout;

  public EtcdDriver(List<String> endpoints, KeySpace space, Duration requestTimeout) {
    this.client = Client.builder()
        .endpoints(endpoints.stream().map(e -> e.contains("://") ? e : "http://" + e).toArray(String[]::new))
        .build();
    this.kv = client.getKVClient();
    this.keys = new ByteSequence[space.keys()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = ByteSequence.from(space.prefixedKey(i));
    }
    this.value = ByteSequence.from(space.value());
    this.requestTimeout = requestTimeout;
  }

  @Override
  public String system() {
    return "etcd";
  }

  @Override
  public void awaitReady(int seconds) throws Exception {
    ByteSequence ready = ByteSequence.from(KeySpace.SCOPE + "/ready", StandardCharsets.UTF_8);
    Readiness.await(seconds, () -> kv.put(ready, value).get(5, TimeUnit.SECONDS).getHeader().getRevision() > 0);
  }

  @Override
  public CompletableFuture<Outcome> start(Operation operation, int keyIndex) {
    ByteSequence key = keys[keyIndex];
    CompletableFuture<Outcome> outcome = switch (operation) {
      case PUT -> kv.put(key, value).thenApply(r -> Outcome.OK);
      case GET -> kv.get(key).thenApply(EtcdDriver::found);
      case GET_SERIALIZABLE -> kv.get(key, SERIALIZABLE).thenApply(EtcdDriver::found);
      case CAS -> cas(key);
    };
    // jetcd has no per-call deadline of its own; statekv's client enforces the same bound itself.
    return outcome.orTimeout(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private CompletableFuture<Outcome> cas(ByteSequence key) {
    return kv.get(key)
        .thenCompose(read -> {
          long revision = read.getKvs().isEmpty() ? 0 : read.getKvs().get(0).getModRevision();
          return kv.txn()
              .If(new Cmp(key, Cmp.Op.EQUAL, CmpTarget.modRevision(revision)))
              .Then(Op.put(key, value, PutOption.DEFAULT))
              .commit();
        })
        .thenApply(txn -> txn.isSucceeded() ? Outcome.OK : Outcome.CONFLICT);
  }

  private static Outcome found(GetResponse response) {
    if (response.getKvs().isEmpty()) {
      throw new MissingKeyException();
    }
    return Outcome.OK;
  }

  @Override
  public void close() {
    client.close();
  }
}
