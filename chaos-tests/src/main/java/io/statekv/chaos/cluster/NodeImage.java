package io.statekv.chaos.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds the node image locally with {@code deploy/image/build-node.sh}, which prints the image
 * reference as its only stdout line and skips the build when an image of the same content exists.
 * Nothing is pulled. Stateless and thread-safe.
 */
public final class NodeImage {
  /** The script, relative to the repository root. */
  public static final String BUILD_SCRIPT = "deploy/image/build-node.sh";
  /** The system property naming the node jar to build the image from. */
  public static final String NODE_JAR_PROPERTY = "statekv.node.jar";
  /** A cold build (base image and node) took up to 30 s; leave room on a loaded machine. */
  public static final long BUILD_TIMEOUT_SECONDS = 600;

  private NodeImage() {}

  /**
   * The repository root: the {@code statekv.root} system property, or the first parent of the
   * working directory that holds {@link #BUILD_SCRIPT}.
   */
  public static Path repositoryRoot() {
    String configured = System.getProperty("statekv.root");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(BUILD_SCRIPT))) {
        return dir;
      }
    }
    throw new IllegalStateException("cannot find " + BUILD_SCRIPT + " above "
        + Path.of("").toAbsolutePath() + "; set -Dstatekv.root=<repository root>");
  }

  /**
   * The node's shaded jar: the {@code statekv.node.jar} system property (the build sets it to the
   * jar it has just built), else the one {@code node/target/statekv-node-*-all.jar}.
   *
   * @throws IllegalStateException if there is none, with the command that builds it
   */
  public static Path nodeJar(Path root) throws IOException {
    String configured = System.getProperty(NODE_JAR_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      Path jar = Path.of(configured).toAbsolutePath().normalize();
      if (!Files.isRegularFile(jar)) {
        throw new IllegalStateException(NODE_JAR_PROPERTY + " names " + jar
            + ", which does not exist; build it with: mvn -B -ntp -pl node -am package -DskipTests");
      }
      return jar;
    }
    List<Path> jars = new ArrayList<>();
    Path target = root.resolve("node/target");
    if (Files.isDirectory(target)) {
      try (DirectoryStream<Path> found = Files.newDirectoryStream(target, "statekv-node-*-all.jar")) {
        found.forEach(jars::add);
      }
    }
    if (jars.size() != 1) {
      throw new IllegalStateException("expected one node/target/statekv-node-*-all.jar, found "
          + jars + "; build it with: mvn -B -ntp -pl node -am package -DskipTests");
    }
    return jars.get(0);
  }

  /** Builds (or finds) the image of the node's shaded jar and returns its reference. */
  public static String buildNode(Path root) throws IOException {
    return build(root, "statekv/node", nodeJar(root));
  }

  /**
   * Builds (or finds) image {@code name:<content hash>} running {@code jar} on the base image.
   *
   * @throws IOException if the script fails; its stderr is in the message
   */
  public static String build(Path root, String name, Path jar) throws IOException {
    Path log = Files.createTempFile("statekv-image-build", ".log");
    try {
      Process process = new ProcessBuilder(root.resolve(BUILD_SCRIPT).toString(), "--name", name,
          jar.toAbsolutePath().toString()).directory(root.toFile())
          .redirectError(log.toFile()).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(BUILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(BUILD_SCRIPT + " ran longer than " + BUILD_TIMEOUT_SECONDS + " s");
      }
      String ref = out.strip();
      if (process.exitValue() != 0 || ref.isEmpty() || ref.contains("\n")) {
        throw new IOException(BUILD_SCRIPT + " exited with " + process.exitValue()
            + " and printed '" + ref + "': " + Files.readString(log).strip());
      }
      return ref;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while building the image", e);
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
