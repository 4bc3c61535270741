package io.statekv.chaos.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The folder of one run, {@code <out>/<yyyyMMdd-HHmmss>-<workload>-<nemeses>}: its history,
 * verdicts, summary, report, and each node's files under {@code nodes/}. Stateless.
 */
public final class RunFolder {
  public static final String HISTORY = "history.jsonl";
  public static final String NODES = "nodes";

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private RunFolder() {}

  /** Creates a new, unique run folder. */
  public static Path create(Path outDir, String workload, String nemeses, LocalDateTime now)
      throws IOException {
    Files.createDirectories(outDir);
    String base = STAMP.format(now) + "-" + workload + "-" + nemeses;
    Path dir = outDir.resolve(base);
    for (int i = 2; Files.exists(dir); i++) {
      dir = outDir.resolve(base + "-" + i);
    }
    return Files.createDirectories(dir);
  }
}
