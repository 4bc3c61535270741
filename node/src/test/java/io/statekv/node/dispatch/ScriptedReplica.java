package io.statekv.node.dispatch;

import io.statekv.protocol.v1.ClientCommand;
import io.statekv.protocol.v1.CommandResult;
import io.statekv.protocol.v1.Consistency;
import io.statekv.raft.ApplyListener;
import io.statekv.raft.ClusterView;
import io.statekv.raft.Member;
import io.statekv.raft.Replica;
import io.statekv.raft.StateHash;
import io.statekv.storage.ClusterSettings;
import io.statekv.storage.Entry;
import io.statekv.storage.Json;
import io.statekv.storage.StateStore;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A replica for the dispatcher's own tests: writes are answered by a script, reads pass at once,
 * and the store holds one entry ({@code s/k} = {@code "v"} at revision 7). It records the commands
 * it was given, so tests can check what would have entered the log.
 */
final class ScriptedReplica implements Replica {
  static final long APPLIED = 7;

  final List<ClientCommand> submitted = new CopyOnWriteArrayList<>();
  volatile Function<ClientCommand, CompletableFuture<CommandResult>> onSubmit =
      command -> CompletableFuture.completedFuture(CommandResult.getDefaultInstance());
  volatile Function<Consistency, CompletableFuture<Long>> onBarrier =
      consistency -> CompletableFuture.completedFuture(APPLIED);

  private final StateStore store = (StateStore) Proxy.newProxyInstance(
      StateStore.class.getClassLoader(), new Class<?>[] {StateStore.class}, (proxy, method, args) ->
          switch (method.getName()) {
            case "settings" -> ClusterSettings.DEFAULTS;
            case "appliedRevision" -> APPLIED;
            case "get" -> "s".equals(args[0]) && "k".equals(args[1])
                ? new Entry("s", "k", Json.parse("\"v\""), 5, 3, 2, 1000, 2000, Entry.NO_EXPIRY)
                : null;
            default -> throw new UnsupportedOperationException(method.getName());
          });

  @Override
  public CompletableFuture<CommandResult> submit(ClientCommand command) {
    submitted.add(command);
    return onSubmit.apply(command);
  }

  @Override
  public CompletableFuture<Long> readBarrier(Consistency consistency, long minRevision) {
    return onBarrier.apply(consistency);
  }

  @Override
  public StateStore store() {
    return store;
  }

  /** A fixed digest, so that tests can see it passed through unchanged. */
  static final String STATE_HASH = "5ca1ab1e";

  @Override
  public StateHash stateHash() {
    return new StateHash(APPLIED, STATE_HASH);
  }

  @Override
  public long readTime() {
    return 5000;
  }

  @Override
  public ClusterView cluster() {
    return new ClusterView("n1", "n2", 4, 9, APPLIED,
        List.of(new Member("n1", "h:1", "h:2", "h:3"), new Member("n2", "h:4", "h:5", "h:6")), false);
  }

  @Override
  public CompletableFuture<ClusterView> addMember(Member member) {
    return CompletableFuture.completedFuture(cluster());
  }

  @Override
  public CompletableFuture<ClusterView> removeMember(String id) {
    return CompletableFuture.completedFuture(cluster());
  }

  @Override
  public CompletableFuture<ClusterView> transferLeadership(String id) {
    return CompletableFuture.completedFuture(cluster());
  }

  @Override
  public CompletableFuture<ClusterSettings> changeSettings(ClusterSettings settings) {
    return CompletableFuture.completedFuture(settings);
  }

  @Override
  public void addApplyListener(ApplyListener listener) {}

  @Override
  public void start() {}

  @Override
  public java.util.concurrent.CompletableFuture<String> shutDownByRaft() {
    return new java.util.concurrent.CompletableFuture<>();
  }

  @Override
  public void close() {}
}
