package io.statekv.bench.report.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** What a report says about where it ran: the machine, and the settings the run script recorded. */
public final class Environment {
  private Environment() {}

  /** The machine's facts, then every entry of {@code run.properties} in {@code dir}, if present. */
  public static Map<String, String> describe(Path dir) throws IOException {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("CPU", cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores");
    env.put("kernel", firstLine(Path.of("/proc/sys/kernel/osrelease")));
    env.put("Java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    Path props = dir.resolve("run.properties");
    if (Files.exists(props)) {
      Properties p = new Properties();
      try (Reader in = Files.newBufferedReader(props)) {
        p.load(in);
      }
      p.stringPropertyNames().stream().sorted().forEach(k -> env.put(k, p.getProperty(k)));
    }
    return env;
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst().orElse("unknown CPU");
    } catch (IOException e) {
      return "unknown CPU";
    }
  }

  private static String firstLine(Path file) {
    try {
      return Files.readAllLines(file).get(0).trim();
    } catch (IOException | IndexOutOfBoundsException e) {
      return "unknown";
    }
  }
}
