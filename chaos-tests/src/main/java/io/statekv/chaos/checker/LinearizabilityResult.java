package io.statekv.chaos.checker;

import io.statekv.chaos.history.Operation;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What the {@link LinearizabilityChecker} concluded, per partition and overall. Immutable.
 *
 * @param model the model's name
 * @param verdict not linearizable if any partition is not; otherwise unknown if any partition ran
 *     out of budget; otherwise linearizable
 * @param partitions one result per partition, in the model's order
 * @param elapsed how long the check took
 */
public record LinearizabilityResult(
    String model, Verdict verdict, List<PartitionResult> partitions, Duration elapsed) {

  /** How many steps of the longest linearizable prefix {@link #report()} prints. */
  public static final int REPORT_PREFIX_STEPS_MAX = 20;

  public LinearizabilityResult {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(verdict, "verdict");
    partitions = List.copyOf(partitions);
  }

  /** The verdict as the command line prints it: linearizable, not-linearizable or unknown. */
  public String verdictWord() {
    return switch (verdict) {
      case VALID -> "linearizable";
      case INVALID -> "not-linearizable";
      case UNKNOWN -> "unknown";
    };
  }

  /**
   * The result of one partition.
   *
   * @param label the partition, such as {@code key 3}
   * @param operations how many operations it held after the model dropped irrelevant ones
   * @param verdict its verdict
   * @param statesExplored distinct (linearized set, state) pairs the search visited
   * @param explanation why it is not linearizable, or null when it is or is unknown
   */
  public record PartitionResult(
      String label, int operations, Verdict verdict, long statesExplored,
      Explanation explanation) {}

  /**
   * Why a partition is not linearizable, like Porcupine's partial linearizations: the longest
   * prefix of operations the search could linearize, and the operation that had to take effect
   * next (its return came) but could not.
   *
   * @param longestPrefix the longest linearizable sequence found, in linearization order
   * @param stateAfterPrefix the model state after that sequence
   * @param unplaceable the operation whose return was reached before it could be linearized
   * @param candidates the operations pending at that point, each with why it could not go next
   */
  public record Explanation(
      List<Step> longestPrefix, String stateAfterPrefix, Operation unplaceable,
      List<Candidate> candidates) {
    public Explanation {
      longestPrefix = List.copyOf(longestPrefix);
      candidates = List.copyOf(candidates);
    }
  }

  /** One linearized operation and the state after it. */
  public record Step(Operation operation, String stateAfter) {}

  /** A pending operation and why the search could not linearize it next. */
  public record Candidate(Operation operation, String reason) {}

  /** A human-readable report: one line per partition, and an explanation of each failure. */
  public String report() {
    StringBuilder out = new StringBuilder();
    out.append(model).append(": ").append(verdictWord()).append(" (").append(partitions.size())
        .append(" partition(s), ").append(elapsed.toMillis()).append(" ms)\n");
    for (PartitionResult partition : partitions) {
      out.append("  ").append(partition.label()).append(": ")
          .append(partition.verdict().name().toLowerCase(Locale.ROOT)).append(", ")
          .append(partition.operations()).append(" operations, ")
          .append(partition.statesExplored()).append(" states explored\n");
      if (partition.explanation() != null) {
        appendExplanation(out, partition.explanation());
      }
    }
    return out.toString();
  }

  private static void appendExplanation(StringBuilder out, Explanation explanation) {
    List<Step> prefix = explanation.longestPrefix();
    int from = Math.max(0, prefix.size() - REPORT_PREFIX_STEPS_MAX);
    out.append("    longest linearizable prefix: ").append(prefix.size()).append(" operations");
    out.append(from > 0 ? ", the last " + (prefix.size() - from) + " shown:\n" : ":\n");
    for (int i = from; i < prefix.size(); i++) {
      out.append("      ").append(i + 1).append(". ").append(prefix.get(i).operation())
          .append("  => ").append(prefix.get(i).stateAfter()).append('\n');
    }
    out.append("    then, in state ").append(explanation.stateAfterPrefix())
        .append(", this operation must take effect before it returns but cannot:\n      ")
        .append(explanation.unplaceable()).append('\n');
    out.append("    pending operations at that point:\n");
    for (Candidate candidate : explanation.candidates()) {
      out.append("      ").append(candidate.operation()).append(": ").append(candidate.reason())
          .append('\n');
    }
  }
}
