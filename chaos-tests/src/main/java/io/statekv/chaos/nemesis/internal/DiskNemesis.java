package io.statekv.chaos.nemesis.internal;

import io.statekv.chaos.cluster.ClusterNode;
import io.statekv.chaos.cluster.internal.HostDirs;
import io.statekv.chaos.nemesis.Fault;
import io.statekv.chaos.nemesis.Nemesis;
import io.statekv.chaos.nemesis.NemesisContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Damages a stopped node's data dir, then starts it again when the fault heals: wipe everything
 * (the node must rejoin by snapshot install), cut the tail of the newest Raft log segment, or
 * corrupt bytes of the newest snapshot. The node must refuse a damaged file and recover from its
 * peers; the harness only injects, and the checkers and the final convergence check judge.
 */
public final class DiskNemesis implements Nemesis {
  /** At most this many bytes are cut from a log segment. */
  public static final int TRUNCATE_BYTES_MAX = 4096;
  /** Bytes flipped in a snapshot file. */
  public static final int CORRUPT_BYTES = 16;

  private enum Damage { WIPE, TRUNCATE_LOG, CORRUPT_SNAPSHOT }

  private final String name;
  private final Damage damage;

  private DiskNemesis(String name, Damage damage) {
    this.name = name;
    this.damage = damage;
  }

  public static Nemesis wipe() {
    return new DiskNemesis("wipe", Damage.WIPE);
  }

  public static Nemesis truncateLog() {
    return new DiskNemesis("truncate-log", Damage.TRUNCATE_LOG);
  }

  public static Nemesis corruptSnapshot() {
    return new DiskNemesis("corrupt-snapshot", Damage.CORRUPT_SNAPSHOT);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Fault inject(NemesisContext context) throws IOException {
    ClusterNode node = context.anyNode();
    node.stop();
    String what = switch (damage) {
      case WIPE -> wipe(node);
      case TRUNCATE_LOG -> truncate(node.stateDir(), context.random());
      case CORRUPT_SNAPSHOT -> corrupt(node.stateDir(), context.random());
    };
    return new Fault(name, List.of(node.id()), "stop " + node.id() + ", " + what,
        node::start);
  }

  private static String wipe(ClusterNode node) throws IOException {
    HostDirs.empty(node.stateDir());
    return "wipe its data dir";
  }

  static String truncate(Path stateDir, Random random) throws IOException {
    Optional<Path> segment = DataFiles.newestLogSegment(stateDir);
    if (segment.isEmpty()) {
      return "no log segment to truncate";
    }
    try (FileChannel file = FileChannel.open(segment.get(), StandardOpenOption.WRITE)) {
      long size = file.size();
      long cut = 1 + random.nextInt((int) Math.max(1, Math.min(TRUNCATE_BYTES_MAX, size / 2)));
      file.truncate(size - cut);
      file.force(true);
      return "cut " + cut + " of " + size + " bytes from " + stateDir.relativize(segment.get());
    }
  }

  static String corrupt(Path stateDir, Random random) throws IOException {
    Optional<Path> snapshot = DataFiles.newestSnapshot(stateDir);
    if (snapshot.isEmpty()) {
      return "no snapshot to corrupt";
    }
    try (FileChannel file = FileChannel.open(snapshot.get(), StandardOpenOption.READ,
        StandardOpenOption.WRITE)) {
      long size = file.size();
      for (int i = 0; i < CORRUPT_BYTES; i++) {
        long at = (long) (random.nextDouble() * size);
        ByteBuffer one = ByteBuffer.allocate(1);
        file.read(one, at);
        one.flip();
        byte flipped = (byte) ~one.get(0);
        file.write(ByteBuffer.wrap(new byte[] {flipped}), at);
      }
      file.force(true);
      return "flip " + CORRUPT_BYTES + " bytes of " + stateDir.relativize(snapshot.get());
    }
  }
}
