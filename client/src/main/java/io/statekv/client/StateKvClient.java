package io.statekv.client;

import io.statekv.client.internal.ClientCore;
import io.statekv.client.internal.ClientOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * A client of a statekv cluster. Create one with {@link #builder()}, share it, close it when done.
 *
 * <p><b>Routing.</b> The client learns the members from the nodes it is given and follows the
 * leader: writes go to the leader, and reads too unless {@link Builder#readFromFollowers} is set.
 * When a node is not the leader it follows the node's hint; when a connection fails it reconnects
 * with backoff and tries other members, all within the request's deadline.
 *
 * <p><b>Exactly-once writes.</b> Each client has a random client id, and numbers its writes. A
 * write whose answer was lost (a broken connection, a leader change, a node timeout) is sent again
 * with the same number, and the cluster answers a repeat from its session instead of applying it
 * twice. A write is never sent after its deadline.
 *
 * <p><b>Failures.</b> Futures fail with a {@link StateKvException}, and blocking calls throw it.
 * Every operation may fail with:
 *
 * <ul>
 *   <li>{@link OutcomeUnknownException}: for a write, it may or may not have been applied (timeout,
 *       session expired, or the client closed after sending it); for a read, no answer in time;
 *   <li>{@link UnavailableException}: no node could serve it within the deadline, or the client
 *       already has {@code maxInFlight} requests in flight (async calls only);
 *   <li>{@link InvalidArgumentException}, {@link RequestTooLargeException}: the request broke a rule;
 *   <li>{@link CancelledException}: the client was closed before the request was sent;
 *   <li>{@link InternalException}: a node failed unexpectedly.
 * </ul>
 *
 * Writes may also fail with {@link ConflictException} (an {@code if_revision} did not hold), {@link
 * ValueTooLargeException}, {@link QuotaExceededException} and {@link TypeMismatchException}. Every
 * exception except {@link OutcomeUnknownException} means the operation did not take effect. Null
 * arguments throw {@link NullPointerException} at once, and a value Jackson cannot serialize
 * throws {@link IllegalArgumentException} at once.
 *
 * <p><b>Threads and ordering.</b> Thread-safe. Concurrent calls are not ordered with respect to
 * each other; a thread's successive blocking calls are (each starts after the previous one
 * completed, so a linearizable read sees every write that returned before it). Futures complete on
 * the client's I/O threads: do not block in their callbacks (use the {@code ...Async} variants of
 * {@link CompletableFuture} to move work elsewhere).
 *
 * <p><b>In flight.</b> At most {@code maxInFlight} requests are in flight at once. An async call
 * beyond it fails at once with {@link UnavailableException}; a blocking call waits for a slot
 * within its deadline.
 */
public interface StateKvClient extends AutoCloseable {

  /** A builder with the defaults; at least one endpoint is required. */
  static Builder builder() {
    return new Builder();
  }

  /** This client's id, the identity of its exactly-once session. */
  UUID clientId();

  /** A handle on one scope, with the same operations without the scope argument. */
  Scope scope(String scope);

  // ------------------------------------------------------------------ reads

  /** Reads a key; empty when it is missing or expired. */
  CompletableFuture<Optional<Entry>> getAsync(String scope, String key, ReadOptions options);

  Optional<Entry> get(String scope, String key, ReadOptions options);

  default CompletableFuture<Optional<Entry>> getAsync(String scope, String key) {
    return getAsync(scope, key, ReadOptions.DEFAULT);
  }

  default Optional<Entry> get(String scope, String key) {
    return get(scope, key, ReadOptions.DEFAULT);
  }

  /** Reads one page of a scope's live entries, in key order. */
  CompletableFuture<ListPage> listAsync(String scope, ListOptions options);

  ListPage list(String scope, ListOptions options);

  /**
   * Every live entry of a scope matching the options, fetched page by page as the stream is
   * consumed (blocking). Later pages are read at least as fresh as the first, but the listing is
   * not one snapshot: keys written meanwhile may or may not appear. Close the stream or consume it
   * fully; it holds nothing between pages.
   */
  Stream<Entry> listAll(String scope, ListOptions options);

  /** The scopes holding at least one live entry, sorted. */
  CompletableFuture<List<String>> listGroupsAsync(ReadOptions options);

  List<String> listGroups(ReadOptions options);

  // ------------------------------------------------------------------ writes

  /**
   * Stores a value: a {@link com.fasterxml.jackson.databind.JsonNode}, or any object Jackson maps
   * to JSON (a {@code String} is stored as a JSON string). Clears any expiry unless the options
   * give a TTL.
   */
  CompletableFuture<WriteResult> setAsync(String scope, String key, Object value, WriteOptions options);

  WriteResult set(String scope, String key, Object value, WriteOptions options);

  default CompletableFuture<WriteResult> setAsync(String scope, String key, Object value) {
    return setAsync(scope, key, value, WriteOptions.NONE);
  }

  default WriteResult set(String scope, String key, Object value) {
    return set(scope, key, value, WriteOptions.NONE);
  }

  /** Applies iii update ops in order, best-effort; skipped ops are in {@link WriteResult#errors()}. */
  CompletableFuture<WriteResult> updateAsync(String scope, String key, List<UpdateOp> ops, WriteOptions options);

  WriteResult update(String scope, String key, List<UpdateOp> ops, WriteOptions options);

  default WriteResult update(String scope, String key, UpdateOp... ops) {
    return update(scope, key, List.of(ops), WriteOptions.NONE);
  }

  /** Applies an RFC 7396 JSON merge patch: objects merge recursively, null removes a field. */
  CompletableFuture<WriteResult> patchAsync(String scope, String key, Object patch, WriteOptions options);

  WriteResult patch(String scope, String key, Object patch, WriteOptions options);

  default WriteResult patch(String scope, String key, Object patch) {
    return patch(scope, key, patch, WriteOptions.NONE);
  }

  /**
   * Appends an item to an array value; a missing key becomes {@code [item]}. Fails with {@link
   * TypeMismatchException} when the value is not an array.
   */
  CompletableFuture<WriteResult> appendAsync(String scope, String key, Object item, WriteOptions options);

  WriteResult append(String scope, String key, Object item, WriteOptions options);

  default WriteResult append(String scope, String key, Object item) {
    return append(scope, key, item, WriteOptions.NONE);
  }

  /** Deletes a key; deleting a missing key changes nothing. A TTL in the options is refused. */
  CompletableFuture<DeleteResult> deleteAsync(String scope, String key, WriteOptions options);

  DeleteResult delete(String scope, String key, WriteOptions options);

  default DeleteResult delete(String scope, String key) {
    return delete(scope, key, WriteOptions.NONE);
  }

  /** Starts building a transaction. */
  Txn txn();

  // ------------------------------------------------------------------ cluster

  /** The leader's view of the cluster (another node's when no leader answers). */
  CompletableFuture<ClusterStatus> clusterStatusAsync();

  ClusterStatus clusterStatus();

  /** Membership, leadership and settings. */
  Admin admin();

  // ------------------------------------------------------------------ change events

  /**
   * Watches changes: every change matching {@code filter} from {@code fromRevision} on (0: from
   * the next change the serving node applies) goes to {@code listener}, each revision's events in
   * one call, in revision order. The watch is served by any node and survives node failures: the
   * client resumes it on another node from {@link Watch#lastRevision()} + 1, with no gap and no
   * repeat. It ends only when cancelled, when the client closes, or with a non-retryable error
   * given to {@link WatchListener#onError} ({@link CompactedException} when the revisions after
   * the last one seen have left every node's history: re-list, then watch from the list's revision
   * + 1).
   *
   * <p>To see a consistent picture: {@code list} (or {@code get}) a scope, note the answer's
   * revision R, then watch from R + 1.
   *
   * @param progressNotify whether the nodes send progress notifications while the watch is quiet
   * @throws NullPointerException for a null filter or listener
   * @throws IllegalArgumentException for a negative revision
   * @throws CancelledException when the client is closed
   */
  Watch watch(WatchFilter filter, long fromRevision, WatchListener listener, boolean progressNotify);

  /** {@link #watch(WatchFilter, long, WatchListener, boolean)} without progress notifications. */
  default Watch watch(WatchFilter filter, long fromRevision, WatchListener listener) {
    return watch(filter, fromRevision, listener, false);
  }

  /** Durable subscriptions: named filters whose position the cluster keeps. */
  Subscriptions subscriptions();

  /**
   * Closes the connections and fails whatever is still in flight: a write already sent with
   * {@link OutcomeUnknownException} (code {@code cancelled}), anything else with {@link
   * CancelledException}. Idempotent.
   */
  @Override
  void close();

  /**
   * Options of a client. Not thread-safe; {@link #build()} copies the options, so a builder may be
   * reused.
   */
  final class Builder {
    private final List<String> endpoints = new ArrayList<>();
    private Duration requestTimeout = ClientOptions.REQUEST_TIMEOUT_DEFAULT;
    private Duration connectTimeout = ClientOptions.CONNECT_TIMEOUT_DEFAULT;
    private int maxInFlight = ClientOptions.IN_FLIGHT_MAX_DEFAULT;
    private int maxAttempts = ClientOptions.ATTEMPTS_MAX_DEFAULT;
    private boolean readFromFollowers;
    private String bearerToken = "";
    private String clientName = "statekv-java";
    private int ioThreads = ClientOptions.IO_THREADS_DEFAULT;
    private int requestBytesMax = ClientOptions.REQUEST_BYTES_MAX_DEFAULT;

    Builder() {}

    /** Client addresses (host:port) of one or more nodes; the others are discovered. */
    public Builder endpoints(String... addresses) {
      endpoints.addAll(List.of(addresses));
      return this;
    }

    public Builder endpoints(List<String> addresses) {
      endpoints.addAll(addresses);
      return this;
    }

    /** How long an operation may take in all, retries included. Default 10 s. */
    public Builder requestTimeout(Duration timeout) {
      requestTimeout = timeout;
      return this;
    }

    /** How long connecting to one node (TCP and Hello) may take. Default 3 s. */
    public Builder connectTimeout(Duration timeout) {
      connectTimeout = timeout;
      return this;
    }

    /** Requests in flight at most, 1 to 1024 (the cluster keeps 1024 answers per session). Default 256. */
    public Builder maxInFlight(int requests) {
      maxInFlight = requests;
      return this;
    }

    /** Attempts of one operation at most (within its deadline). Default 32. */
    public Builder maxAttempts(int attempts) {
      maxAttempts = attempts;
      return this;
    }

    /**
     * Sends linearizable and serializable reads to any member rather than the leader, spreading the
     * load. Lease reads always go to the leader. Default false.
     */
    public Builder readFromFollowers(boolean enabled) {
      readFromFollowers = enabled;
      return this;
    }

    /** A bearer token sent in every connection's Hello. Nodes do not check it yet. */
    public Builder bearerToken(String token) {
      bearerToken = token;
      return this;
    }

    /** A name for the nodes' logs and metrics. */
    public Builder clientName(String name) {
      clientName = name;
      return this;
    }

    /** I/O threads. Default 2. */
    public Builder ioThreads(int threads) {
      ioThreads = threads;
      return this;
    }

    /**
     * The largest encoded request the client sends; a larger one fails with {@link
     * RequestTooLargeException} without being sent. Default 4 MiB plus 64 KiB, the node's default
     * frame bound.
     */
    public Builder requestBytesMax(int bytes) {
      requestBytesMax = bytes;
      return this;
    }

    /**
     * Creates the client. It connects in the background: an unreachable cluster does not fail
     * here, but the first operations wait for it within their deadline.
     *
     * @throws IllegalArgumentException if an option is out of range or an endpoint is not host:port
     */
    public StateKvClient build() {
      ClientOptions options = ClientOptions.of(
          endpoints, requestTimeout, connectTimeout, maxInFlight, maxAttempts, readFromFollowers,
          bearerToken, clientName, ioThreads, requestBytesMax);
      return ClientCore.start(options);
    }
  }
}
