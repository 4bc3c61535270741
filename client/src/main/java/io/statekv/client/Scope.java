package io.statekv.client;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The operations of a {@link StateKvClient} on one scope. Thread-safe, cheap, and as long-lived as
 * its client. The methods behave, fail and order exactly like the client's.
 */
public final class Scope {
  private final StateKvClient client;
  private final String name;

  /** Use {@link StateKvClient#scope(String)}. */
  public Scope(StateKvClient client, String name) {
    this.client = java.util.Objects.requireNonNull(client, "client");
    this.name = java.util.Objects.requireNonNull(name, "name");
  }

  public String name() {
    return name;
  }

  public CompletableFuture<Optional<Entry>> getAsync(String key, ReadOptions options) {
    return client.getAsync(name, key, options);
  }

  public Optional<Entry> get(String key, ReadOptions options) {
    return client.get(name, key, options);
  }

  public Optional<Entry> get(String key) {
    return client.get(name, key);
  }

  public CompletableFuture<WriteResult> setAsync(String key, Object value, WriteOptions options) {
    return client.setAsync(name, key, value, options);
  }

  public WriteResult set(String key, Object value, WriteOptions options) {
    return client.set(name, key, value, options);
  }

  public WriteResult set(String key, Object value) {
    return client.set(name, key, value);
  }

  public CompletableFuture<WriteResult> updateAsync(String key, List<UpdateOp> ops, WriteOptions options) {
    return client.updateAsync(name, key, ops, options);
  }

  public WriteResult update(String key, List<UpdateOp> ops, WriteOptions options) {
    return client.update(name, key, ops, options);
  }

  public WriteResult update(String key, UpdateOp... ops) {
    return client.update(name, key, ops);
  }

  public CompletableFuture<WriteResult> patchAsync(String key, Object patch, WriteOptions options) {
    return client.patchAsync(name, key, patch, options);
  }

  public WriteResult patch(String key, Object patch) {
    return client.patch(name, key, patch);
  }

  public CompletableFuture<WriteResult> appendAsync(String key, Object item, WriteOptions options) {
    return client.appendAsync(name, key, item, options);
  }

  public WriteResult append(String key, Object item) {
    return client.append(name, key, item);
  }

  public CompletableFuture<DeleteResult> deleteAsync(String key, WriteOptions options) {
    return client.deleteAsync(name, key, options);
  }

  public DeleteResult delete(String key) {
    return client.delete(name, key);
  }

  public DeleteResult delete(String key, WriteOptions options) {
    return client.delete(name, key, options);
  }

  public CompletableFuture<ListPage> listAsync(ListOptions options) {
    return client.listAsync(name, options);
  }

  public ListPage list(ListOptions options) {
    return client.list(name, options);
  }

  public Stream<Entry> listAll(ListOptions options) {
    return client.listAll(name, options);
  }
}
