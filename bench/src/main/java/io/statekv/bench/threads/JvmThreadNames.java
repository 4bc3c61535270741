package io.statekv.bench.threads;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The full names of a JVM's threads, by native thread id, from {@code jcmd <pid> Thread.print}.
 * The kernel keeps only the first 15 characters of a name, which merges, for example, all of a
 * Ratis group's threads into one.
 */
public final class JvmThreadNames {
  /** How long jcmd may take to answer. */
  static final long JCMD_TIMEOUT_SECONDS = 30;
  private static final Pattern THREAD_LINE = Pattern.compile("^\"(.+)\" .*\\bnid=(0x[0-9a-f]+)", Pattern.MULTILINE);

  private JvmThreadNames() {}

  /**
   * Thread names of {@code pid} if it is a JVM, else an empty map. Only JVMs are asked: jcmd
   * signals its target with SIGQUIT, which stops most other programs (etcd among them).
   */
  public static Map<Long, String> of(long pid) throws IOException, InterruptedException {
    if (!isJvm(pid)) {
      return Map.of();
    }
    Process jcmd = new ProcessBuilder(jcmdPath(), Long.toString(pid), "Thread.print")
        .redirectErrorStream(true).start();
    byte[] out = jcmd.getInputStream().readAllBytes();
    if (!jcmd.waitFor(JCMD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      jcmd.destroyForcibly();
      throw new IOException("jcmd did not answer for process " + pid);
    }
    return parse(new String(out, StandardCharsets.UTF_8));
  }

  /** Native thread id to name, from a Thread.print dump. */
  static Map<Long, String> parse(String dump) {
    Map<Long, String> names = new HashMap<>();
    Matcher m = THREAD_LINE.matcher(dump);
    while (m.find()) {
      names.put(Long.decode(m.group(2)), m.group(1));
    }
    return names;
  }

  private static boolean isJvm(long pid) throws IOException {
    Path exe = Path.of("/proc", Long.toString(pid), "exe");
    return Files.readSymbolicLink(exe).getFileName().toString().equals("java");
  }

  private static String jcmdPath() {
    Path beside = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    return Files.isExecutable(beside) ? beside.toString() : "jcmd";
  }
}
