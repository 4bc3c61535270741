package io.statekv.chaos.cluster.probe;

import io.statekv.chaos.cluster.NodeImage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Packs {@link ProbeNode} into a runnable jar and builds it into an image like the node's. */
public final class ProbeImage {
  /** The image name; the tag is the content hash that build-node.sh computes. */
  public static final String NAME = "statekv/chaos-probe";

  private static String built;

  private ProbeImage() {}

  /** The image reference, built once per JVM. */
  public static synchronized String reference() throws IOException {
    if (built == null) {
      Path jar = Files.createTempFile("statekv-chaos-probe", ".jar");
      try {
        writeJar(jar);
        built = NodeImage.build(NodeImage.repositoryRoot(), NAME, jar);
      } finally {
        Files.deleteIfExists(jar);
      }
    }
    return built;
  }

  private static void writeJar(Path jar) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, ProbeNode.class.getName());
    String entry = ProbeNode.class.getName().replace('.', '/') + ".class";
    Path classFile = classesDir().resolve(entry);
    // Fixed entry times keep the jar, and so the image tag, the same from build to build, so an
    // existing image is reused instead of piling up a new one per test run.
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file)) {
      out.putNextEntry(fixedTime(new JarEntry(JarFile.MANIFEST_NAME)));
      manifest.write(out);
      out.closeEntry();
      out.putNextEntry(fixedTime(new JarEntry(entry)));
      out.write(Files.readAllBytes(classFile));
      out.closeEntry();
    }
  }

  private static JarEntry fixedTime(JarEntry entry) {
    entry.setTime(0);
    return entry;
  }

  private static Path classesDir() {
    try {
      return Path.of(ProbeNode.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
