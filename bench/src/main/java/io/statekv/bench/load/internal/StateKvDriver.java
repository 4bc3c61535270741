package io.statekv.bench.load.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.statekv.bench.load.Driver;
import io.statekv.bench.load.KeySpace;
import io.statekv.bench.load.Operation;
import io.statekv.bench.load.Outcome;
import io.statekv.client.ConflictException;
import io.statekv.client.Consistency;
import io.statekv.client.Entry;
import io.statekv.client.ReadOptions;
import io.statekv.client.StateKvClient;
import io.statekv.client.WriteOptions;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * statekv through its Java client. Writes go to the leader (the client follows it); reads go to
 * the leader too, unless {@code readFromFollowers} spreads them over every member.
 */
public final class StateKvDriver implements Driver {
  private static final ReadOptions SERIALIZABLE = ReadOptions.of(Consistency.SERIALIZABLE);
  /** Ample for the bench's in-flight counts; a CAS holds one slot at a time. */
  private static final int CLIENT_IN_FLIGHT_MAX = 1024;

  private final StateKvClient client;
  private final String[] keys;
  private final JsonNode value;

  public StateKvDriver(List<String> endpoints, KeySpace space, boolean readFromFollowers, Duration requestTimeout) {
    this.client = StateKvClient.builder()
        .endpoints(endpoints)
        .maxInFlight(CLIENT_IN_FLIGHT_MAX)
        .readFromFollowers(readFromFollowers)
        .requestTimeout(requestTimeout)
        .clientName("statekv-bench")
        .build();
    this.keys = new String[space.keys()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = space.key(i);
    }
    try {
      this.value = new ObjectMapper().readTree(space.valueJson());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String system() {
    return "statekv";
  }

  @Override
  public void awaitReady(int seconds) throws Exception {
    Readiness.await(seconds, () -> client.clusterStatus().leader().isPresent()
        && client.set(KeySpace.SCOPE, "ready", value).revision() > 0);
  }

  @Override
  public CompletableFuture<Outcome> start(Operation operation, int keyIndex) {
    String key = keys[keyIndex];
    return switch (operation) {
      case PUT -> client.setAsync(KeySpace.SCOPE, key, value).thenApply(w -> Outcome.OK);
      case GET -> client.getAsync(KeySpace.SCOPE, key).thenApply(StateKvDriver::found);
      case GET_SERIALIZABLE -> client.getAsync(KeySpace.SCOPE, key, SERIALIZABLE).thenApply(StateKvDriver::found);
      case CAS -> cas(key);
    };
  }

  private CompletableFuture<Outcome> cas(String key) {
    return client.getAsync(KeySpace.SCOPE, key)
        .thenCompose(entry -> {
          long revision = entry.map(Entry::revision).orElse(0L);
          return client.setAsync(KeySpace.SCOPE, key, value, WriteOptions.ifRevision(revision));
        })
        .handle((written, failure) -> {
          if (failure == null) {
            return Outcome.OK;
          }
          Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
          if (cause instanceof ConflictException) {
            return Outcome.CONFLICT;
          }
          throw failure instanceof CompletionException c ? c : new CompletionException(cause);
        });
  }

  private static Outcome found(Optional<Entry> entry) {
    if (entry.isEmpty()) {
      throw new MissingKeyException();
    }
    return Outcome.OK;
  }

  @Override
  public void close() {
    client.close();
  }
}
