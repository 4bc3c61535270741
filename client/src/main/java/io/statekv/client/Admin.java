package io.statekv.client;

import java.util.concurrent.CompletableFuture;

/**
 * Cluster administration: membership, leadership and settings. Every call goes to the leader.
 * Thread-safe. The same exceptions as {@link StateKvClient} apply.
 */
public interface Admin {

  /** Adds a member; it must already run with an empty data directory. Answers the new view. */
  CompletableFuture<ClusterStatus> addMemberAsync(Member member);

  ClusterStatus addMember(Member member);

  /** Removes a member. Answers the new view. */
  CompletableFuture<ClusterStatus> removeMemberAsync(String id);

  ClusterStatus removeMember(String id);

  /** Hands leadership to {@code id}, or to any other member when it is empty. */
  CompletableFuture<ClusterStatus> transferLeaderAsync(String id);

  ClusterStatus transferLeader(String id);

  /** The current cluster settings, as the leader has applied them. */
  CompletableFuture<ClusterSettings> settingsAsync();

  ClusterSettings settings();

  /** Changes cluster settings through the log. Answers the settings now in force. */
  CompletableFuture<ClusterSettings> changeSettingsAsync(SettingsChange change);

  ClusterSettings changeSettings(SettingsChange change);
}
