package io.statekv.client.internal;

import com.google.protobuf.ByteString;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.statekv.client.Admin;
import io.statekv.client.CancelledException;
import io.statekv.client.ClusterStatus;
import io.statekv.client.Consistency;
import io.statekv.client.DeleteResult;
import io.statekv.client.Entry;
import io.statekv.client.ListOptions;
import io.statekv.client.ListPage;
import io.statekv.client.ReadOptions;
import io.statekv.client.RequestTooLargeException;
import io.statekv.client.Scope;
import io.statekv.client.Subscriptions;
import io.statekv.client.Watch;
import io.statekv.client.WatchFilter;
import io.statekv.client.WatchListener;
import io.statekv.client.StateKvClient;
import io.statekv.client.Txn;
import io.statekv.client.TxnResult;
import io.statekv.client.UnavailableException;
import io.statekv.client.UpdateOp;
import io.statekv.client.WriteOptions;
import io.statekv.client.WriteResult;
import io.statekv.protocol.v1.ClientMessage;
import io.statekv.protocol.v1.ClusterStatusRequest;
import io.statekv.protocol.v1.Hello;
import io.statekv.protocol.v1.NodeMessage;
import io.statekv.protocol.v1.TxnRequest;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Stream;

/** The client; see {@link StateKvClient} for its contract. */
public final class ClientCore implements StateKvClient, Call.Context {
  /** The protocol version this client speaks. */
  static final int PROTOCOL_VERSION = 1;
  /** Bytes the envelope adds to a request body at most: request id, timeout and session numbers. */
  static final int ENVELOPE_BYTES_MAX = 48;

  /** What an operation does when the client already has {@code maxInFlight} requests in flight. */
  enum Admission {
    FAIL_FAST,
    WAIT
  }

  private final ClientOptions options;
  private final UUID clientId = UUID.randomUUID();
  private final Session session = new Session();
  private final EventLoopGroup group;
  private final Cluster cluster;
  private final Semaphore permits;
  private final Set<Call<?>> calls = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Admin admin = new AdminClient(this);
  private final Subscriptions subscriptions = new SubscriptionsClient(this);
  private final Set<WatchStream> streams = ConcurrentHashMap.newKeySet();

  private ClientCore(ClientOptions options) {
    this.options = options;
    this.permits = new Semaphore(options.maxInFlight());
    this.group = new MultiThreadIoEventLoopGroup(
        options.ioThreads(), new DefaultThreadFactory("statekv-client", true), NioIoHandler.newFactory());
    Bootstrap bootstrap = new Bootstrap()
        .group(group)
        .channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.SO_KEEPALIVE, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.connectTimeout().toMillis());
    this.cluster = new Cluster(options, bootstrap, hello());
  }

  /** Creates a client and starts learning the cluster from its first endpoint, in the background. */
  public static StateKvClient start(ClientOptions options) {
    ClientCore client = new ClientCore(options);
    client.cluster.connection(options.endpoints().get(0));
    return client;
  }

  private Hello hello() {
    ByteBuffer id = ByteBuffer.allocate(16).putLong(clientId.getMostSignificantBits()).putLong(clientId.getLeastSignificantBits());
    return Hello.newBuilder()
        .setProtocolVersion(PROTOCOL_VERSION)
        .setClientId(ByteString.copyFrom(id.array()))
        .setClientName(options.clientName())
        .setBearerToken(options.bearerToken())
        .build();
  }

  // ------------------------------------------------------------------ the engine

  /**
   * Starts an operation. Argument errors were thrown by the caller already; everything else fails
   * the returned future.
   */
  <T> CompletableFuture<T> submit(
      ClientMessage request, boolean write, boolean anyNode, Function<NodeMessage, T> decode, Admission admission) {
    long deadline = System.nanoTime() + options.requestTimeout().toNanos();
    if (closed.get()) {
      return CompletableFuture.failedFuture(new CancelledException("the client is closed"));
    }
    int size = request.getSerializedSize() + ENVELOPE_BYTES_MAX;
    if (size > options.requestBytesMax()) {
      return CompletableFuture.failedFuture(new RequestTooLargeException(
          "the request is about " + size + " bytes, more than requestBytesMax " + options.requestBytesMax()));
    }
    if (!admit(admission)) {
      return CompletableFuture.failedFuture(new UnavailableException(
          "the client already has " + options.maxInFlight() + " requests in flight (maxInFlight)"));
    }
    long seq = write ? session.begin() : 0;
    Call<T> call = new Call<>(this, group.next(), request, write, anyNode, seq, decode, deadline);
    calls.add(call);
    if (closed.get()) {
      call.cancel();
    } else {
      call.start();
    }
    return call.result;
  }

  private boolean admit(Admission admission) {
    if (admission == Admission.FAIL_FAST) {
      return permits.tryAcquire();
    }
    try {
      return permits.tryAcquire(options.requestTimeout().toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancelledException("interrupted while waiting for a free in-flight slot", -1, e);
    }
  }

  @Override
  public Cluster cluster() {
    return cluster;
  }

  @Override
  public Session session() {
    return session;
  }

  @Override
  public int maxAttempts() {
    return options.maxAttempts();
  }

  @Override
  public void finished(Call<?> call) {
    if (calls.remove(call)) {
      permits.release();
    }
  }

  private boolean anyNode(ReadOptions read) {
    return options.readFromFollowers() && read.consistency() != Consistency.LEASE;
  }

  private <T> CompletableFuture<T> read(ClientMessage request, ReadOptions read, Function<NodeMessage, T> decode, Admission admission) {
    return submit(request, false, anyNode(read), decode, admission);
  }

  private <T> CompletableFuture<T> write(ClientMessage request, Function<NodeMessage, T> decode, Admission admission) {
    return submit(request, true, false, decode, admission);
  }

  CompletableFuture<TxnResult> txnAsync(TxnRequest txn, Admission admission) {
    return write(ClientMessage.newBuilder().setTxn(txn).build(), Responses::txn, admission);
  }

  // ------------------------------------------------------------------ the API

  @Override
  public UUID clientId() {
    return clientId;
  }

  @Override
  public Scope scope(String scope) {
    return new Scope(this, scope);
  }

  private CompletableFuture<Optional<Entry>> get(String scope, String key, ReadOptions options, Admission admission) {
    return read(ClientMessage.newBuilder().setGet(Requests.get(scope, key, options)).build(), options, Responses::get, admission);
  }

  @Override
  public CompletableFuture<Optional<Entry>> getAsync(String scope, String key, ReadOptions options) {
    return get(scope, key, options, Admission.FAIL_FAST);
  }

  @Override
  public Optional<Entry> get(String scope, String key, ReadOptions options) {
    return Futures.await(get(scope, key, options, Admission.WAIT), false);
  }

  private CompletableFuture<ListPage> list(String scope, ListOptions options, Admission admission) {
    return read(ClientMessage.newBuilder().setList(Requests.list(scope, options)).build(), options.read(), Responses::list, admission);
  }

  @Override
  public CompletableFuture<ListPage> listAsync(String scope, ListOptions options) {
    return list(scope, options, Admission.FAIL_FAST);
  }

  @Override
  public ListPage list(String scope, ListOptions options) {
    return Futures.await(list(scope, options, Admission.WAIT), false);
  }

  @Override
  public Stream<Entry> listAll(String scope, ListOptions options) {
    Requests.list(scope, options);
    return ListStream.of(page -> list(scope, page), options);
  }

  private CompletableFuture<List<String>> listGroups(ReadOptions options, Admission admission) {
    return read(ClientMessage.newBuilder().setListGroups(Requests.listGroups(options)).build(), options, Responses::listGroups, admission);
  }

  @Override
  public CompletableFuture<List<String>> listGroupsAsync(ReadOptions options) {
    return listGroups(options, Admission.FAIL_FAST);
  }

  @Override
  public List<String> listGroups(ReadOptions options) {
    return Futures.await(listGroups(options, Admission.WAIT), false);
  }

  @Override
  public CompletableFuture<WriteResult> setAsync(String scope, String key, Object value, WriteOptions options) {
    return write(ClientMessage.newBuilder().setSet(Requests.set(scope, key, value, options)).build(), Responses::write, Admission.FAIL_FAST);
  }

  @Override
  public WriteResult set(String scope, String key, Object value, WriteOptions options) {
    return Futures.await(write(ClientMessage.newBuilder().setSet(Requests.set(scope, key, value, options)).build(),
        Responses::write, Admission.WAIT), true);
  }

  @Override
  public CompletableFuture<WriteResult> updateAsync(String scope, String key, List<UpdateOp> ops, WriteOptions options) {
    return write(ClientMessage.newBuilder().setUpdate(Requests.update(scope, key, ops, options)).build(),
        Responses::write, Admission.FAIL_FAST);
  }

  @Override
  public WriteResult update(String scope, String key, List<UpdateOp> ops, WriteOptions options) {
    return Futures.await(write(ClientMessage.newBuilder().setUpdate(Requests.update(scope, key, ops, options)).build(),
        Responses::write, Admission.WAIT), true);
  }

  @Override
  public CompletableFuture<WriteResult> patchAsync(String scope, String key, Object patch, WriteOptions options) {
    return write(ClientMessage.newBuilder().setPatch(Requests.patch(scope, key, patch, options)).build(),
        Responses::write, Admission.FAIL_FAST);
  }

  @Override
  public WriteResult patch(String scope, String key, Object patch, WriteOptions options) {
    return Futures.await(write(ClientMessage.newBuilder().setPatch(Requests.patch(scope, key, patch, options)).build(),
        Responses::write, Admission.WAIT), true);
  }

  @Override
  public CompletableFuture<WriteResult> appendAsync(String scope, String key, Object item, WriteOptions options) {
    return write(ClientMessage.newBuilder().setAppend(Requests.append(scope, key, item, options)).build(),
        Responses::write, Admission.FAIL_FAST);
  }

  @Override
  public WriteResult append(String scope, String key, Object item, WriteOptions options) {
    return Futures.await(write(ClientMessage.newBuilder().setAppend(Requests.append(scope, key, item, options)).build(),
        Responses::write, Admission.WAIT), true);
  }

  @Override
  public CompletableFuture<DeleteResult> deleteAsync(String scope, String key, WriteOptions options) {
    return write(ClientMessage.newBuilder().setDelete(Requests.delete(scope, key, options)).build(),
        Responses::delete, Admission.FAIL_FAST);
  }

  @Override
  public DeleteResult delete(String scope, String key, WriteOptions options) {
    return Futures.await(write(ClientMessage.newBuilder().setDelete(Requests.delete(scope, key, options)).build(),
        Responses::delete, Admission.WAIT), true);
  }

  @Override
  public Txn txn() {
    return new TxnBuilder(this);
  }

  private CompletableFuture<ClusterStatus> clusterStatus(Admission admission) {
    ClientMessage request = ClientMessage.newBuilder().setClusterStatus(ClusterStatusRequest.getDefaultInstance()).build();
    return submit(request, false, false, answer -> {
      cluster.learn(answer.getClusterStatus());
      return Responses.clusterStatus(answer);
    }, admission);
  }

  @Override
  public CompletableFuture<ClusterStatus> clusterStatusAsync() {
    return clusterStatus(Admission.FAIL_FAST);
  }

  @Override
  public ClusterStatus clusterStatus() {
    return Futures.await(clusterStatus(Admission.WAIT), false);
  }

  @Override
  public Admin admin() {
    return admin;
  }

  @Override
  public Watch watch(WatchFilter filter, long fromRevision, WatchListener listener, boolean progressNotify) {
    io.statekv.protocol.v1.WatchFilter wire = WatchMessages.filter(filter);
    if (fromRevision < 0) {
      throw new IllegalArgumentException("fromRevision must not be negative: " + fromRevision);
    }
    return openStream(StreamOpening.watch(wire, progressNotify), listener, fromRevision);
  }

  WatchStream openStream(StreamOpening opening, WatchListener listener, long from) {
    Objects.requireNonNull(listener, "listener");
    if (closed.get()) {
      throw new CancelledException("the client is closed");
    }
    long openTimeout = options.connectTimeout().plus(options.requestTimeout()).toMillis();
    WatchStream[] self = new WatchStream[1];
    WatchStream stream = new WatchStream(cluster, group, opening, listener, from, openTimeout, () -> streams.remove(self[0]));
    self[0] = stream;
    streams.add(stream);
    stream.start();
    if (closed.get()) {
      stream.cancel();
    }
    return stream;
  }

  @Override
  public Subscriptions subscriptions() {
    return subscriptions;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (Call<?> call : calls) {
      call.cancel();
    }
    for (WatchStream stream : streams) {
      stream.cancel();
    }
    cluster.close();
    // The loops run the cancellations queued above before they stop.
    group.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
  }
}
