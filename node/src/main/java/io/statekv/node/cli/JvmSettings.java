package io.statekv.node.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/** JVM-wide settings the node needs before any library class loads. */
public final class JvmSettings {
  private JvmSettings() {}

  /**
   * Switches off Chronicle's telemetry and start-up banner unless the caller set them: the
   * analytics exclusion in the build keeps the code out, these keep the attempts quiet.
   */
  public static void apply() {
    setIfAbsent("chronicle.analytics.disable", "true");
    setIfAbsent("chronicle.announcer.disable", "true");
  }

  private static void setIfAbsent(String name, String value) {
    if (System.getProperty(name) == null) {
      System.setProperty(name, value);
    }
  }

  /** The flags a node's JVM needs ({@code --add-exports}, {@code --add-opens}, ...), from the build. */
  public static List<String> nodeJvmFlags() {
    Properties p = new Properties();
    try (InputStream in = JvmSettings.class.getResourceAsStream("/statekv-jvm.properties")) {
      if (in == null) {
        throw new IllegalStateException("statekv-jvm.properties is missing from the class path");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String flags = p.getProperty("jvm.flags", "").strip();
    if (flags.isEmpty() || flags.contains("${")) {
      throw new IllegalStateException("statekv-jvm.properties was not filled in by the build: '" + flags + "'");
    }
    return Arrays.stream(flags.split("\\s+")).toList();
  }
}
