package io.statekv.bench.failover;

import io.statekv.client.ClusterStatus;
import io.statekv.client.Member;
import io.statekv.client.StateKvClient;
import io.statekv.client.StateKvException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One leader kill under write load: how long until another node is leader, and how long writes
 * stopped being acknowledged, both counted from the SIGKILL. The killed node is restarted and the
 * round ends once it is ready again, so every round starts from a whole cluster.
 *
 * @param electionMillis SIGKILL to a new leader seen in the cluster status
 * @param writeOutageMillis SIGKILL to the first write acknowledged after it
 * @param ackGapMillis the whole pause in acknowledgements around the kill
 */
record FailoverRound(int round, String killed, String newLeader, double electionMillis, double writeOutageMillis,
    double ackGapMillis) {
  private static final Duration STEADY = Duration.ofSeconds(3);
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final long POLL_MILLIS = 10;

  static FailoverRound run(int round, StateKvClient client, AckTimeline timeline, Path dataRoot) throws Exception {
    FailoverBench.sleepUntil(System.nanoTime() + STEADY.toNanos()); // steady load before each kill
    ClusterStatus before = client.clusterStatus();
    Member leader = before.leader().orElseThrow(() -> new IllegalStateException("no leader before the kill"));
    NodeProcess process = NodeProcess.find(dataRoot.resolve("dev").resolve(leader.id() + ".yaml"));
    long killedAt = System.nanoTime();
    process.kill();
    String newLeader = awaitNewLeader(client, leader.id());
    long electedAt = System.nanoTime();
    AckTimeline.Gap gap = awaitAckAfter(timeline, killedAt);
    process.restart(dataRoot.resolve("dev").resolve(leader.id() + ".restarts.log"));
    awaitReady(leader.httpAddress());
    return new FailoverRound(round, leader.id(), newLeader, millis(electedAt - killedAt),
        millis(gap.toNanos() - killedAt), millis(gap.toNanos() - gap.fromNanos()));
  }

  private static String awaitNewLeader(StateKvClient client, String old) throws InterruptedException {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        Optional<Member> leader = client.clusterStatus().leader();
        if (leader.isPresent() && !leader.get().id().equals(old)) {
          return leader.get().id();
        }
      } catch (StateKvException e) {
        // the node asked may be the killed one; the client moves on to another
      }
      Thread.sleep(POLL_MILLIS); // polling another process's state
    }
    throw new IllegalStateException("no new leader within " + DEADLINE);
  }

  private static AckTimeline.Gap awaitAckAfter(AckTimeline timeline, long killedAt) throws InterruptedException {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<AckTimeline.Gap> gap = timeline.gapAround(killedAt);
      if (gap.isPresent()) {
        return gap.get();
      }
      Thread.sleep(POLL_MILLIS); // polling the load's progress
    }
    throw new IllegalStateException("writes did not resume within " + DEADLINE);
  }

  private static void awaitReady(String httpAddress) throws InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://" + httpAddress + "/readyz"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // still starting
      }
      Thread.sleep(POLL_MILLIS * 10); // polling a restarting process
    }
    throw new IllegalStateException(httpAddress + " not ready within " + DEADLINE);
  }

  private static double millis(long nanos) {
    return nanos / 1e6;
  }

  static void printSummary(List<FailoverRound> rounds, PrintStream out) {
    double[] election = rounds.stream().mapToDouble(FailoverRound::electionMillis).sorted().toArray();
    double[] outage = rounds.stream().mapToDouble(FailoverRound::writeOutageMillis).sorted().toArray();
    out.printf("RESULT failover rounds=%d election_ms_median=%.0f election_ms_max=%.0f write_outage_ms_median=%.0f "
            + "write_outage_ms_max=%.0f%n", rounds.size(), election[election.length / 2], election[election.length - 1],
        outage[outage.length / 2], outage[outage.length - 1]);
  }
}
