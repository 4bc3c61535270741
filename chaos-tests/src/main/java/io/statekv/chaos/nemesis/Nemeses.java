package io.statekv.chaos.nemesis;

import io.statekv.chaos.nemesis.internal.DiskNemesis;
import io.statekv.chaos.nemesis.internal.LeaderTransferNemesis;
import io.statekv.chaos.nemesis.internal.MembershipNemesis;
import io.statekv.chaos.nemesis.internal.PartitionNemesis;
import io.statekv.chaos.nemesis.internal.ProcessNemesis;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Every nemesis the harness knows, by name. Stateless and thread-safe. */
public final class Nemeses {
  private static final List<Nemesis> ALL = List.of(
      ProcessNemesis.kill(), ProcessNemesis.killLeader(),
      ProcessNemesis.pause(), ProcessNemesis.pauseLeader(),
      PartitionNemesis.halves(), PartitionNemesis.isolateLeader(),
      PartitionNemesis.majoritiesRing(), PartitionNemesis.bridge(),
      new LeaderTransferNemesis(), new MembershipNemesis(),
      DiskNemesis.wipe(), DiskNemesis.truncateLog(), DiskNemesis.corruptSnapshot());

  /** The name that runs no fault at all. */
  public static final String NONE = "none";

  private Nemeses() {}

  /** The nemesis with this name. */
  public static Optional<Nemesis> byName(String name) {
    return ALL.stream().filter(n -> n.name().equals(name)).findFirst();
  }

  /** Every name, in a stable order. */
  public static List<String> names() {
    return ALL.stream().map(Nemesis::name).toList();
  }

  /**
   * The nemeses a comma-separated list names; {@code none} gives an empty list.
   *
   * @throws IllegalArgumentException naming an unknown nemesis and listing the known ones
   */
  public static List<Nemesis> parse(String list) {
    List<Nemesis> result = new ArrayList<>();
    for (String name : list.split(",")) {
      String trimmed = name.strip();
      if (trimmed.equals(NONE)) {
        continue;
      }
      result.add(byName(trimmed).orElseThrow(() -> new IllegalArgumentException(
          "unknown nemesis '" + trimmed + "'; known: none, " + String.join(", ", names()))));
    }
    return List.copyOf(result);
  }
}
