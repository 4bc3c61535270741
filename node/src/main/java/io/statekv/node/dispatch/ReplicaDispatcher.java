package io.statekv.node.dispatch;

import io.statekv.node.dispatch.internal.AdminChecks;
import io.statekv.node.dispatch.internal.ProtoViews;
import io.statekv.node.dispatch.internal.Replies;
import io.statekv.node.dispatch.internal.RequestKind;
import io.statekv.node.dispatch.internal.RequestValidator;
import io.statekv.node.dispatch.internal.RejectedRequestException;
import io.statekv.node.dispatch.internal.StoreReads;
import io.statekv.node.dispatch.internal.SubscriptionAnswers;
import io.statekv.node.watch.SubscriptionRecords;
import io.statekv.node.watch.WatchService;
import io.statekv.protocol.v1.ClientCommand;
import io.statekv.protocol.v1.AdminResponse;
import io.statekv.protocol.v1.ClientMessage;
import io.statekv.protocol.v1.Consistency;
import io.statekv.protocol.v1.ErrorCode;
import io.statekv.protocol.v1.NodeMessage;
import io.statekv.protocol.v1.SettingsRequest;
import io.statekv.raft.ClusterView;
import io.statekv.raft.Replica;
import io.statekv.raft.StateHash;
import io.statekv.storage.ClusterSettings;
import io.statekv.storage.StateStore;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@link Dispatcher} of a node: validates each request at the edge, proposes writes to the
 * replica as {@code ClientCommand}s, serves reads through the replica's read barriers, and maps
 * cluster and admin requests to replica calls.
 *
 * <p>Every request is bounded in time by its {@code timeout_ms} (0 means {@link
 * DispatcherConfig#requestTimeoutDefault()}, and larger values are lowered to {@link
 * DispatcherConfig#requestTimeoutMax()}); past it the answer is {@code timeout}, which for a write
 * means its outcome is unknown. Store reads run on a small bounded pool of read threads, never on
 * the caller's thread or the replica's.
 *
 * <p>Thread-safe; {@link #dispatch} never blocks. Close it after the servers that call it.
 */
public final class ReplicaDispatcher implements Dispatcher, AutoCloseable {
  private final Replica replica;
  private final WatchService watches;
  private final DispatcherConfig config;
  private final RequestValidator validator;
  private final StoreReads reads;
  private final ThreadPoolExecutor readThreads;

  public ReplicaDispatcher(Replica replica, DispatcherConfig config) {
    this(replica, config, null);
  }

  /**
   * @param watches the node's watch service, told of deleted subscriptions so that their consume
   *     streams end; null when the node serves no watches
   */
  public ReplicaDispatcher(Replica replica, DispatcherConfig config, WatchService watches) {
    this.replica = replica;
    this.watches = watches;
    this.config = config;
    this.validator = new RequestValidator(config.requestBytesMax());
    this.reads = new StoreReads(config.listLimitDefault(), config.listPageBytesMax());
    AtomicInteger threadNumber = new AtomicInteger();
    this.readThreads = new ThreadPoolExecutor(
        config.readThreads(), config.readThreads(), 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(config.readQueueMax()),
        task -> {
          Thread thread = new Thread(task, "statekv-read-" + threadNumber.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        },
        new ThreadPoolExecutor.AbortPolicy());
  }

  @Override
  public CompletableFuture<NodeMessage> dispatch(UUID clientId, ClientMessage message) {
    long requestId = message.getRequestId();
    try {
      RequestKind kind = RequestKind.of(message.getBodyCase());
      int valueBytesMax = kind == RequestKind.WRITE ? replica.store().settings().valueBytesMax() : 0;
      ClientMessage valid = validator.validate(message, clientId != null, valueBytesMax);
      CompletableFuture<NodeMessage.Builder> work = switch (kind) {
        case WRITE -> write(clientId, valid);
        case READ -> read(valid);
        case ADMIN -> admin(valid);
        case OTHER -> throw new IllegalStateException("validation let through " + valid.getBodyCase());
      };
      return finish(requestId, kind, work, timeoutMillis(message.getTimeoutMs()));
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(Replies.failure(requestId, e));
    }
  }

  private long timeoutMillis(int requested) {
    long max = config.requestTimeoutMax().toMillis();
    return requested == 0 ? config.requestTimeoutDefault().toMillis() : Math.min(Integer.toUnsignedLong(requested), max);
  }

  private static CompletableFuture<NodeMessage> finish(
      long requestId, RequestKind kind, CompletableFuture<NodeMessage.Builder> work, long timeoutMillis) {
    return work
        .handle((body, failure) -> failure == null
            ? body.setRequestId(requestId).build()
            : Replies.failure(requestId, failure))
        .orTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
        .exceptionally(e -> unwrap(e) instanceof TimeoutException
            ? timedOut(requestId, kind, timeoutMillis)
            : Replies.failure(requestId, e));
  }

  private static Throwable unwrap(Throwable e) {
    return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
  }

  /** The answer of a request that got none in time; built only then, not for every request. */
  private static NodeMessage timedOut(long requestId, RequestKind kind, long timeoutMillis) {
    String message = kind == RequestKind.WRITE
        ? "no answer within " + timeoutMillis + " ms: the write's outcome is unknown"
        : "no answer within " + timeoutMillis + " ms";
    return Replies.error(requestId, ErrorCode.TIMEOUT, message);
  }

  private CompletableFuture<NodeMessage.Builder> write(UUID clientId, ClientMessage valid) {
    ClientCommand command = RequestValidator.command(clientId, valid);
    return switch (valid.getBodyCase()) {
      case SUBSCRIPTION_CREATE -> {
        String name = valid.getSubscriptionCreate().getName();
        requireRoomForSubscription();
        yield replica.submit(command).thenApply(result -> SubscriptionAnswers.created(name, result));
      }
      case SUBSCRIPTION_DELETE -> {
        String name = valid.getSubscriptionDelete().getName();
        yield replica.submit(command).thenApply(result -> {
          NodeMessage.Builder answer = SubscriptionAnswers.deleted(name, result);
          if (answer.hasSubscription() && watches != null) {
            watches.subscriptionDeleted(name);
          }
          return answer;
        });
      }
      default -> replica.submit(command).thenApply(Replies::of);
    };
  }

  /** Checked on the node that takes the create (the leader, or the create fails with not_leader anyway). */
  private void requireRoomForSubscription() {
    int max = SubscriptionRecords.SUBSCRIPTIONS_MAX;
    if (SubscriptionRecords.count(replica.store(), replica.readTime(), max) >= max) {
      throw new RejectedRequestException(ErrorCode.QUOTA_EXCEEDED,
          "the cluster holds its maximum of " + max + " subscriptions; delete one first");
    }
  }

  private CompletableFuture<NodeMessage.Builder> read(ClientMessage read) {
    return switch (read.getBodyCase()) {
      case GET -> barrier(read.getGet().getConsistency(), read.getGet().getMinRevision())
          .thenApplyAsync(rev -> NodeMessage.newBuilder()
              .setGet(reads.get(replica.store(), read.getGet(), rev, replica.readTime())), readThreads);
      case LIST -> barrier(read.getList().getConsistency(), read.getList().getMinRevision())
          .thenApplyAsync(rev -> NodeMessage.newBuilder()
              .setList(reads.list(replica.store(), read.getList(), rev, replica.readTime())), readThreads);
      case LIST_GROUPS -> barrier(read.getListGroups().getConsistency(), read.getListGroups().getMinRevision())
          .thenApplyAsync(rev -> NodeMessage.newBuilder()
              .setListGroups(reads.listGroups(replica.store(), rev, replica.readTime())), readThreads);
      case SUBSCRIPTION_GET -> barrier(read.getSubscriptionGet().getConsistency(), read.getSubscriptionGet().getMinRevision())
          .thenApplyAsync(rev -> SubscriptionAnswers.get(replica.store(), read.getSubscriptionGet(), rev, replica.readTime()),
              readThreads);
      case SUBSCRIPTION_LIST -> barrier(read.getSubscriptionList().getConsistency(), read.getSubscriptionList().getMinRevision())
          .thenApplyAsync(rev -> SubscriptionAnswers.list(replica.store(), read.getSubscriptionList(),
              config.listLimitDefault(), rev, replica.readTime()), readThreads);
      default -> throw new IllegalArgumentException("not a read: " + read.getBodyCase());
    };
  }

  private CompletableFuture<Long> barrier(Consistency consistency, long minRevision) {
    return replica.readBarrier(consistency, minRevision);
  }

  /**
   * The cluster view, with the state hash when asked. Hashing reads the whole store and holds
   * apply back meanwhile, so it runs on a read thread, never on the calling event loop.
   */
  private CompletableFuture<NodeMessage.Builder> clusterStatus(boolean withStateHash) {
    if (!withStateHash) {
      return CompletableFuture.completedFuture(
          NodeMessage.newBuilder().setClusterStatus(ProtoViews.cluster(replica.cluster())));
    }
    return CompletableFuture.supplyAsync(() -> {
      StateHash hash = replica.stateHash();
      return NodeMessage.newBuilder().setClusterStatus(ProtoViews.cluster(replica.cluster()).toBuilder()
          .setStateHash(hash.sha256Hex())
          .setStateHashAppliedIndex(hash.appliedIndex()));
    }, readThreads);
  }

  private CompletableFuture<NodeMessage.Builder> admin(ClientMessage admin) {
    return switch (admin.getBodyCase()) {
      case CLUSTER_STATUS -> clusterStatus(admin.getClusterStatus().getStateHash());
      case MEMBER_ADD -> replica.addMember(ProtoViews.member(admin.getMemberAdd().getMember()))
          .thenApply(view -> adminBody(view, null));
      case MEMBER_REMOVE -> replica.removeMember(admin.getMemberRemove().getId())
          .thenApply(view -> adminBody(view, null));
      case TRANSFER_LEADER -> replica.transferLeadership(admin.getTransferLeader().getId())
          .thenApply(view -> adminBody(view, null));
      case SETTINGS -> settings(admin.getSettings());
      default -> throw new IllegalArgumentException("not an admin request: " + admin.getBodyCase());
    };
  }

  /** With no field set, answers the settings this node has applied; otherwise changes them through the log. */
  private CompletableFuture<NodeMessage.Builder> settings(SettingsRequest request) {
    StateStore store = replica.store();
    ClusterSettings wanted = AdminChecks.settings(request, store.settings());
    if (wanted == null) {
      return CompletableFuture.completedFuture(adminBody(replica.cluster(), store.settings()));
    }
    return replica.changeSettings(wanted).thenApply(changed -> adminBody(replica.cluster(), changed));
  }

  private static NodeMessage.Builder adminBody(ClusterView view, ClusterSettings settings) {
    AdminResponse.Builder body = AdminResponse.newBuilder().setCluster(ProtoViews.cluster(view));
    if (settings != null) {
      body.setSettingsJson(ProtoViews.settingsJson(settings));
    }
    return NodeMessage.newBuilder().setAdmin(body);
  }

  /** Stops the read threads; reads still queued are dropped. */
  @Override
  public void close() {
    readThreads.shutdownNow();
  }
}
