package io.statekv.raft.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftConfiguration;
import org.apache.ratis.server.leader.FollowerInfo;
import org.apache.ratis.server.leader.LeaderState;
import org.apache.ratis.server.leader.LogAppender;
import org.apache.ratis.util.Timestamp;
import org.junit.jupiter.api.Test;

/**
 * The majority arithmetic behind linearizable reads and the lease. Ratis' appender, follower info
 * and configuration are interfaces; the stubs below answer only what {@link PeerContacts} asks.
 */
class PeerContactsTest {
  private static final RaftPeerId SELF = RaftPeerId.valueOf("n1");

  private final AtomicReference<Collection<RaftPeer>> current = new AtomicReference<>(peers("n1", "n2", "n3"));
  private final AtomicReference<Collection<RaftPeer>> previous = new AtomicReference<>(List.of());
  private final List<Runnable> repairs = new ArrayList<>();
  private final PeerContacts contacts = new PeerContacts(SELF, this::conf, repairs::add);

  private static Collection<RaftPeer> peers(String... ids) {
    List<RaftPeer> peers = new ArrayList<>();
    for (String id : ids) {
      peers.add(RaftPeer.newBuilder().setId(id).setAddress("127.0.0.1:1").build());
    }
    return peers;
  }

  private RaftConfiguration conf() {
    return (RaftConfiguration) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {RaftConfiguration.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "getCurrentPeers" -> current.get();
          case "getPreviousPeers" -> previous.get();
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }

  /** A follower's appender whose last answered request was sent at {@code sent}. */
  private static final class Follower {
    final RaftPeerId id;
    final AtomicReference<Timestamp> sent = new AtomicReference<>();
    final AtomicInteger heartbeats = new AtomicInteger();
    final LogAppender appender;

    Follower(String name) {
      id = RaftPeerId.valueOf(name);
      FollowerInfo info = (FollowerInfo) Proxy.newProxyInstance(FollowerInfo.class.getClassLoader(),
          new Class<?>[] {FollowerInfo.class}, (p, m, a) -> switch (m.getName()) {
            case "getId" -> id;
            case "getLastRespondedAppendEntriesSendTime" -> sent.get();
            case "getMatchIndex" -> 10L;
            default -> throw new UnsupportedOperationException(m.getName());
          });
      appender = (LogAppender) Proxy.newProxyInstance(LogAppender.class.getClassLoader(),
          new Class<?>[] {LogAppender.class}, (p, m, a) -> switch (m.getName()) {
            case "getFollowerId" -> id;
            case "getFollower" -> info;
            case "isRunning" -> true;
            case "triggerHeartbeat" -> {
              heartbeats.incrementAndGet();
              yield null;
            }
            case "hashCode" -> System.identityHashCode(p);
            case "equals" -> p == a[0];
            default -> throw new UnsupportedOperationException(m.getName());
          });
    }
  }

  private static LeaderState leaderState() {
    return (LeaderState) Proxy.newProxyInstance(LeaderState.class.getClassLoader(), new Class<?>[] {LeaderState.class},
        (p, m, a) -> switch (m.getName()) {
          case "hashCode" -> System.identityHashCode(p);
          case "equals" -> p == a[0];
          default -> null;
        });
  }

  private static void answer(PeerContacts contacts, LeaderState leader, Follower f, Timestamp sent) {
    f.sent.set(sent);
    contacts.accepted(leader, f.appender);
  }

  @Test
  void aMajorityNeedsOneFollowerOfThreeAndTwoOfFive() {
    LeaderState leader = leaderState();
    Follower n2 = new Follower("n2");
    Follower n3 = new Follower("n3");
    contacts.appenderCreated(leader, n2.appender);
    contacts.appenderCreated(leader, n3.appender);
    Timestamp since = Timestamp.currentTime();
    assertThat(contacts.contactSince(since)).isFalse();
    answer(contacts, leader, n2, since.addTimeMs(1));
    assertThat(contacts.contactSince(since)).isTrue();
    assertThat(contacts.majorityContact()).isEqualTo(since.addTimeMs(1));

    current.set(peers("n1", "n2", "n3", "n4", "n5"));
    assertThat(contacts.contactSince(since)).isFalse();
    answer(contacts, leader, n3, since.addTimeMs(2));
    assertThat(contacts.contactSince(since)).isTrue();
    assertThat(contacts.majorityContact()).as("the older of the two needed answers").isEqualTo(since.addTimeMs(1));
  }

  @Test
  void answersToRequestsSentBeforeTheRoundDoNotCount() {
    LeaderState leader = leaderState();
    Follower n2 = new Follower("n2");
    contacts.appenderCreated(leader, n2.appender);
    Timestamp since = Timestamp.currentTime();
    answer(contacts, leader, n2, since.addTimeMs(-5));
    assertThat(contacts.contactSince(since)).isFalse();
  }

  @Test
  void aJointConfigurationNeedsAMajorityOfBothVoterSets() {
    LeaderState leader = leaderState();
    Follower n2 = new Follower("n2");
    Follower n4 = new Follower("n4");
    contacts.appenderCreated(leader, n2.appender);
    contacts.appenderCreated(leader, n4.appender);
    previous.set(peers("n1", "n2", "n3"));
    current.set(peers("n1", "n4", "n5"));
    Timestamp since = Timestamp.currentTime();
    answer(contacts, leader, n2, since.addTimeMs(1));
    assertThat(contacts.contactSince(since)).isFalse();
    answer(contacts, leader, n4, since.addTimeMs(1));
    assertThat(contacts.contactSince(since)).isTrue();
  }

  @Test
  void waitersAreReleasedByAnswersAndFailedWhenLeadershipEnds() {
    LeaderState leader = leaderState();
    Follower n2 = new Follower("n2");
    contacts.appenderCreated(leader, n2.appender);
    Timestamp since = Timestamp.currentTime();
    CompletableFuture<Void> first = contacts.awaitContactSince(since);
    assertThat(n2.heartbeats).hasValue(1);
    assertThat(first).isNotDone();
    answer(contacts, leader, n2, since.addTimeMs(1));
    assertThat(first).isCompleted();

    CompletableFuture<Void> second = contacts.awaitContactSince(since.addTimeMs(100));
    contacts.leadershipEnded();
    repairs.forEach(Runnable::run);
    assertThat(second).isCompletedExceptionally();
    assertThat(contacts.majorityContact()).isNull();
  }

  @Test
  void aLaterLeadershipIgnoresAnswersToAnEarlierOne() {
    LeaderState old = leaderState();
    LeaderState fresh = leaderState();
    Follower n2 = new Follower("n2");
    Follower n2again = new Follower("n2");
    contacts.appenderCreated(old, n2.appender);
    contacts.appenderCreated(fresh, n2again.appender);
    Timestamp since = Timestamp.currentTime();
    answer(contacts, old, n2, since.addTimeMs(1));
    assertThat(contacts.contactSince(since)).isFalse();
    answer(contacts, fresh, n2again, since.addTimeMs(1));
    assertThat(contacts.contactSince(since)).isTrue();
  }

  @Test
  void aFollowerThatLostEntriesGetsItsAppenderRestartedOnce() {
    AtomicInteger restarts = new AtomicInteger();
    LeaderState leader = (LeaderState) Proxy.newProxyInstance(LeaderState.class.getClassLoader(),
        new Class<?>[] {LeaderState.class}, (p, m, a) -> {
          if (m.getName().equals("restart")) {
            restarts.incrementAndGet();
          }
          return m.getName().equals("hashCode") ? System.identityHashCode(p) : null;
        });
    Follower n2 = new Follower("n2");
    contacts.followerLostEntries(leader, n2.appender, 5);
    contacts.followerLostEntries(leader, n2.appender, 5);
    repairs.forEach(Runnable::run);
    assertThat(restarts).hasValue(1);
  }
}
