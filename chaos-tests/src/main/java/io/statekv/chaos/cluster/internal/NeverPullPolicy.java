package io.statekv.chaos.cluster.internal;

import org.testcontainers.images.ImagePullPolicy;
import org.testcontainers.utility.DockerImageName;

/**
 * The pull policy named in {@code testcontainers.properties}: never pull. Node images are built
 * locally by {@code deploy/image/build-node.sh}; a missing image must fail at once with Docker's
 * "No such image" rather than contact a registry. Stateless and thread-safe.
 */
public final class NeverPullPolicy implements ImagePullPolicy {
  @Override
  public boolean shouldPull(DockerImageName imageName) {
    return false;
  }
}
