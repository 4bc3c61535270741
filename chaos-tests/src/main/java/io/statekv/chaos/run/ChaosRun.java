package io.statekv.chaos.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.statekv.chaos.cluster.ClusterSpec;
import io.statekv.chaos.cluster.NodeCluster;
import io.statekv.chaos.cluster.NodeImage;
import io.statekv.chaos.history.History;
import io.statekv.chaos.history.HistoryReader;
import io.statekv.chaos.nemesis.ClusterHealer;
import io.statekv.chaos.nemesis.Convergence;
import io.statekv.chaos.nemesis.FaultListener;
import io.statekv.chaos.nemesis.FaultWindow;
import io.statekv.chaos.nemesis.Nemeses;
import io.statekv.chaos.nemesis.NemesisContext;
import io.statekv.chaos.nemesis.NemesisSchedule;
import io.statekv.chaos.nemesis.NetworkRules;
import io.statekv.chaos.report.FaultWindows;
import io.statekv.chaos.report.ReportFiles;
import io.statekv.chaos.report.RunReport;
import io.statekv.chaos.workload.ClientProcesses;
import io.statekv.chaos.workload.FinalPhase;
import io.statekv.chaos.workload.HistoryRecorder;
import io.statekv.chaos.workload.ObserverContext;
import io.statekv.chaos.workload.Workload;
import io.statekv.chaos.workload.Workloads;
import io.statekv.client.StateKvClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One chaos run from start to report: build (or take) the node image, start the cluster, run the
 * workload's client processes and the nemesis schedule for the time limit, heal the cluster, run
 * the final operations, check convergence, collect the logs, check the history and write the
 * report. Used by one thread.
 */
public final class ChaosRun {
  /** How long one client request may take, retries included, before it ends in info. */
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final RunOptions options;
  private final Progress progress;
  private final List<String> problems = new ArrayList<>();

  public ChaosRun(RunOptions options, Progress progress) {
    this.options = options;
    this.progress = progress;
  }

  /** The outcome: the run folder and what its report says. */
  public record Outcome(Path folder, RunReport report) {}

  /** Runs it. */
  public Outcome run() throws IOException, InterruptedException {
    Workload workload = Workloads.create(options.workload(), options.checkTimeLimit());
    Nemeses.parse(String.join(",", options.nemeses()));
    Path folder = RunFolder.create(options.outDir(), options.workload(), options.nemesisLabel(),
        LocalDateTime.now());
    String image = options.image() != null ? options.image()
        : NodeImage.buildNode(NodeImage.repositoryRoot());
    ClusterSpec spec = ClusterSpec.of(options.nodes(), image, folder.resolve(RunFolder.NODES));
    String name = "statekv-chaos-" + folder.getFileName().toString().replaceAll("[^a-z0-9-]", "")
        + "-" + Long.toHexString(new Random().nextInt() & 0xffff);
    Convergence.Result convergence;
    try (NodeCluster cluster = NodeCluster.start(name, spec, new Random(options.seed()))) {
      // Ctrl-C ends the JVM without unwinding this block; the hook removes the containers then.
      Thread cleanup = new Thread(cluster::close, "chaos-cleanup");
      Runtime.getRuntime().addShutdownHook(cleanup);
      try (HistoryRecorder recorder = HistoryRecorder.create(folder.resolve(RunFolder.HISTORY))) {
        convergence = runOn(cluster, workload, recorder, folder);
      } finally {
        Runtime.getRuntime().removeShutdownHook(cleanup);
      }
    }
    History history = HistoryReader.read(folder.resolve(RunFolder.HISTORY));
    RunReport report = new RunReport(folder.getFileName().toString(), parameters(image),
        history, FaultWindows.fromHistory(history), workload.check(history),
        convergence.converged(), convergence.note(), problems);
    ReportFiles.write(report, folder);
    return new Outcome(folder, report);
  }

  private Convergence.Result runOn(NodeCluster cluster, Workload workload,
      HistoryRecorder recorder, Path folder) throws IOException, InterruptedException {
    try (StateKvClient admin = client(cluster, "chaos-admin")) {
      NemesisContext context = new NemesisContext(cluster, new NetworkRules(), admin.admin(),
          new Random(options.seed()), options.settleTimeout());
      NemesisSchedule schedule = new NemesisSchedule(Nemeses.parse(String.join(",",
          options.nemeses())), context, options.intervals(), listener(recorder), recorder::now);
      ClientProcesses processes = new ClientProcesses(workload, recorder,
          i -> client(cluster, "chaos-p" + i), options.concurrency(), options.rate(),
          options.seed());
      workload.startObservers(new ObserverContext(i -> client(cluster, "chaos-w" + i),
          recorder::now, options.timeLimit(), folder));
      boolean observersStopped = false;
      try {
        processes.start();
        schedule.start();
        watch(recorder, schedule);
        schedule.stop(options.settleTimeout());
        processes.stop(REQUEST_TIMEOUT.multipliedBy(3));
        problems.addAll(schedule.errors());
        settle(context, recorder);
        problems.addAll(FinalPhase.run(workload, processes, admin, options.settleTimeout()));
        problems.addAll(workload.stopObservers(admin, options.settleTimeout()));
        observersStopped = true;
        return Convergence.await(cluster, options.settleTimeout());
      } finally {
        if (!observersStopped) {
          stopObserversAfterFailure(workload, admin);
        }
      }
    }
  }

  /** Closes the watchers' clients of a run that failed, without hiding why it failed. */
  private void stopObserversAfterFailure(Workload workload, StateKvClient admin) {
    try {
      workload.stopObservers(admin, Duration.ZERO);
    } catch (RuntimeException e) {
      problems.add("stopping the observers: " + e.getMessage());
    }
  }

  private void settle(NemesisContext context, HistoryRecorder recorder) {
    try {
      List<String> actions = ClusterHealer.healAll(context);
      recorder.nemesis(FaultWindows.HEAL, JSON.valueToTree(actions));
    } catch (IOException | RuntimeException e) {
      problems.add("final heal: " + e.getMessage());
    }
  }

  private void watch(HistoryRecorder recorder, NemesisSchedule schedule)
      throws InterruptedException {
    long start = System.nanoTime();
    Duration limit = options.timeLimit();
    Duration elapsed;
    do {
      Thread.sleep(Math.min(1000, Math.max(1, limit.toMillis() - elapsedMillis(start))));
      elapsed = Duration.ofMillis(elapsedMillis(start));
      progress.show(elapsed, limit, recorder.counts(), schedule.currentWindow());
    } while (elapsed.compareTo(limit) < 0);
    progress.finish();
  }

  private static long elapsedMillis(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static FaultListener listener(HistoryRecorder recorder) {
    return new FaultListener() {
      @Override
      public void started(FaultWindow window) {
        recorder.nemesis(FaultWindows.START, FaultWindows.value(window));
      }

      @Override
      public void ended(FaultWindow window) {
        recorder.nemesis(FaultWindows.END, FaultWindows.value(window));
      }
    };
  }

  private static StateKvClient client(NodeCluster cluster, String name) {
    return StateKvClient.builder().endpoints(cluster.clientEndpoints())
        .requestTimeout(REQUEST_TIMEOUT).clientName(name).build();
  }

  private Map<String, String> parameters(String image) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("workload", options.workload());
    p.put("nemesis", options.nemesisLabel());
    p.put("nodes", Integer.toString(options.nodes()));
    p.put("time limit", options.timeLimit().toSeconds() + " s");
    p.put("rate", options.rate() + " ops/s");
    p.put("concurrency", Integer.toString(options.concurrency()));
    p.put("seed", Long.toString(options.seed()));
    p.put("image", image);
    NemesisSchedule.Intervals i = options.intervals();
    p.put("fault intervals", "faults last " + i.faultMin().toSeconds() + "-"
        + i.faultMax().toSeconds() + " s, " + i.quietMin().toSeconds() + "-"
        + i.quietMax().toSeconds() + " s apart");
    return p;
  }
}
