package io.statekv.client.internal;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.statekv.client.CancelledException;
import io.statekv.client.InternalException;
import io.statekv.client.OutcomeUnknownException;
import io.statekv.client.StateKvException;
import io.statekv.client.UnavailableException;
import io.statekv.protocol.v1.ClientMessage;
import io.statekv.protocol.v1.Error;
import io.statekv.protocol.v1.ErrorCode;
import io.statekv.protocol.v1.NodeMessage;
import io.statekv.protocol.v1.SessionInfo;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One operation, from the first attempt to its answer: routing, retries with backoff, leader hints,
 * and the rule that decides between "did not happen" and "may have happened".
 *
 * <p>A write keeps its session number across attempts, so a retry of a write that did apply is
 * answered from the cluster's session instead of being applied again. Retries stop at the
 * deadline or after {@code maxAttempts}. The outcome is unknown when an attempt was sent and never
 * answered (a lost connection, a node timeout, or the deadline striking while it was in flight);
 * otherwise the last definite error is reported.
 *
 * <p>All state is confined to one event loop ({@code loop}); every callback hops onto it.
 */
final class Call<T> {

  /** What the call needs from its client. */
  interface Context {
    Cluster cluster();

    Session session();

    int maxAttempts();

    /** The call has its answer: release its in-flight slot. */
    void finished(Call<?> call);
  }

  private final Context context;
  private final EventExecutor loop;
  private final ClientMessage request;
  private final boolean write;
  private final boolean anyNode;
  private final long seq;
  private final Function<NodeMessage, T> decode;
  private final long deadlineNanos;
  private final long timeoutMillis;
  final CompletableFuture<T> result = new CompletableFuture<>();

  private boolean done;
  private int attempts;
  private boolean unanswered;
  private boolean inFlight;
  private StateKvException lastError;
  private HostPort lastAddress;
  private CompletableFuture<NodeMessage> current;
  private ScheduledFuture<?> deadlineTimer;

  /**
   * @param write whether the request changes state (then a lost answer makes the outcome unknown)
   * @param anyNode whether any member may serve it, rather than the leader
   * @param seq the write's session number, or 0 for a request without a session
   */
  Call(Context context, EventExecutor loop, ClientMessage request, boolean write, boolean anyNode, long seq,
      Function<NodeMessage, T> decode, long deadlineNanos) {
    this.context = context;
    this.loop = loop;
    this.request = request;
    this.write = write;
    this.anyNode = anyNode;
    this.seq = seq;
    this.decode = decode;
    this.deadlineNanos = deadlineNanos;
    this.timeoutMillis = Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
  }

  void start() {
    run(() -> {
      deadlineTimer = loop.schedule(this::onDeadline, deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
      attempt();
    });
  }

  /** The client is closing: fail the call unless it already has its answer. */
  void cancel() {
    run(() -> {
      if (current != null) {
        current.cancel(false);
      }
      fail(cancelled());
    });
  }

  private StateKvException cancelled() {
    return write && (unanswered || inFlight)
        ? new OutcomeUnknownException(ErrorCode.CANCELLED, "the client closed after sending the write; it may or may not have been applied")
        : new CancelledException("the client closed before the request was answered");
  }

  /** Runs on the call's event loop; if the loop is gone (the client closed), the call is cancelled. */
  private void run(Runnable step) {
    try {
      loop.execute(step);
    } catch (RejectedExecutionException e) {
      // Read without the loop: the client is closed and the loop will not touch this call again.
      finishOutside(cancelled());
    }
  }

  private void attempt() {
    if (done) {
      return;
    }
    if (System.nanoTime() >= deadlineNanos || attempts >= context.maxAttempts()) {
      giveUp();
      return;
    }
    attempts++;
    connectAndSend(route(), true);
  }

  /**
   * Sends over the connection to {@code address}. A fresh connection's Hello may teach the client
   * the leader; a call meant for the leader then goes there instead, once.
   */
  private void connectAndSend(HostPort address, boolean mayReroute) {
    lastAddress = address;
    context.cluster().connection(address).whenComplete((connection, failure) -> run(() -> {
      if (done) {
        return;
      }
      if (failure != null) {
        onFailure(address, failure);
        return;
      }
      HostPort leader = context.cluster().leader();
      if (mayReroute && !anyNode && leader != null && !leader.equals(address)) {
        connectAndSend(leader, false);
      } else {
        send(connection, address);
      }
    }));
  }

  private HostPort route() {
    HostPort leader = context.cluster().leader();
    if (anyNode || leader == null) {
      return context.cluster().anyNode(leader == null ? lastAddress : null);
    }
    return leader;
  }

  private void send(NodeConnection connection, HostPort address) {
    if (done) {
      return;
    }
    long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    if (remainingMillis <= 0) {
      giveUp();
      return;
    }
    ClientMessage.Builder message = request.toBuilder().setTimeoutMs((int) Math.min(remainingMillis, Integer.MAX_VALUE));
    if (seq != 0) {
      message.setSession(SessionInfo.newBuilder().setSeq(seq).setAckedBelow(context.session().ackedBelow()));
    }
    inFlight = true;
    CompletableFuture<NodeMessage> answer = connection.send(message);
    current = answer;
    answer.whenComplete((reply, failure) -> run(() -> onAnswer(address, answer, reply, failure)));
  }

  private void onAnswer(HostPort address, CompletableFuture<NodeMessage> answer, NodeMessage reply, Throwable failure) {
    if (done || answer != current) {
      return;
    }
    inFlight = false;
    current = null;
    if (failure != null) {
      onFailure(address, failure);
    } else if (!reply.hasError()) {
      complete(reply);
    } else {
      onError(address, reply.getError());
    }
  }

  private void onFailure(HostPort address, Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof CancellationException) {
      return;
    }
    if (cause instanceof ConnectionFailure lost) {
      unanswered |= lost.sent();
      lastError = new UnavailableException(lost.getMessage());
      context.cluster().leaderLost(address);
      retryLater();
    } else if (cause instanceof StateKvException refused) {
      // The node refused the Hello: retry only what may pass on another node or later.
      lastError = refused;
      if (refused.retryable()) {
        retryLater();
      } else {
        fail(refused);
      }
    } else {
      fail(new InternalException("the client failed: " + cause, -1, cause));
    }
  }

  private void onError(HostPort address, Error error) {
    StateKvException mapped = Errors.of(error);
    switch (error.getCode()) {
      case NOT_LEADER -> {
        lastError = mapped;
        if (!error.getLeaderAddress().isEmpty()) {
          context.cluster().leaderHint(error.getLeaderId(), error.getLeaderAddress());
          attempt();
        } else {
          context.cluster().leaderLost(address);
          context.cluster().refresh();
          retryLater();
        }
      }
      case UNAVAILABLE -> {
        lastError = mapped;
        retryLater();
      }
      case TIMEOUT -> {
        // The write may have applied: only its session number makes the retry safe. A node that
        // saw leadership move names the new leader; go there at once.
        unanswered = true;
        lastError = mapped;
        if (!error.getLeaderAddress().isEmpty()) {
          context.cluster().leaderHint(error.getLeaderId(), error.getLeaderAddress());
          attempt();
        } else {
          retryLater();
        }
      }
      default -> fail(mapped);
    }
  }

  private void retryLater() {
    long delayMillis = Backoff.delayMillis(attempts);
    long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    if (remainingMillis <= 0) {
      giveUp();
    } else {
      loop.schedule(this::attempt, Math.min(delayMillis, remainingMillis), TimeUnit.MILLISECONDS);
    }
  }

  private void onDeadline() {
    if (done) {
      return;
    }
    if (current != null) {
      current.cancel(false);
    }
    giveUp();
  }

  private void giveUp() {
    String spent = attempts + " attempt(s) in " + timeoutMillis + " ms";
    if (unanswered || inFlight) {
      fail(new OutcomeUnknownException(ErrorCode.TIMEOUT, write
          ? "no answer after " + spent + ": the write may or may not have been applied"
          : "no answer after " + spent));
    } else if (lastError != null) {
      fail(lastError);
    } else {
      fail(new UnavailableException("no node could be reached after " + spent));
    }
  }

  private void complete(NodeMessage reply) {
    T value;
    try {
      value = decode.apply(reply);
    } catch (RuntimeException e) {
      fail(new InternalException("a node sent an answer the client cannot read: " + e.getMessage(), -1, e));
      return;
    }
    if (finish()) {
      result.complete(value);
    }
  }

  private void fail(StateKvException failure) {
    if (finish()) {
      result.completeExceptionally(failure);
    }
  }

  private void finishOutside(StateKvException failure) {
    if (!result.isDone()) {
      done = true;
      if (seq != 0) {
        context.session().end(seq);
      }
      context.finished(this);
      result.completeExceptionally(failure);
    }
  }

  /** Marks the call done and releases what it holds; false when it was already done. */
  private boolean finish() {
    if (done) {
      return false;
    }
    done = true;
    if (deadlineTimer != null) {
      deadlineTimer.cancel(false);
    }
    if (seq != 0) {
      context.session().end(seq);
    }
    context.finished(this);
    return true;
  }
}
