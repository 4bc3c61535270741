package io.statekv.chaos.cluster.internal;

import com.github.dockerjava.api.model.Network.Ipam;
import java.util.Map;
import java.util.Random;
import org.testcontainers.containers.Network;

/**
 * Creates the user-defined bridge network of one test cluster with an explicit /24 subnet, so
 * that every node's IPv4 address can be pinned. Another cluster on the same daemon may hold a
 * subnet already; then another one is tried.
 */
public final class ClusterNetwork {
  /** Subnets are 10.123.N.0/24 and 10.124.N.0/24, which Docker's default pools do not use. */
  private static final int[] SECOND_OCTETS = {123, 124};
  /** How many subnets are tried before giving up. */
  public static final int ATTEMPTS_MAX = 20;

  private ClusterNetwork() {}

  /** A created network and its subnet prefix, such as {@code 10.123.7}. */
  public record Created(Network network, String prefix) {
    /** The address of host {@code host} (1 to 254) in the subnet. */
    public String ip(int host) {
      return prefix + "." + host;
    }
  }

  /** Creates a network named {@code name}, labelled with {@code labels}. */
  public static Created create(String name, Map<String, String> labels, Random random) {
    RuntimeException last = null;
    for (int attempt = 0; attempt < ATTEMPTS_MAX; attempt++) {
      String prefix = "10." + SECOND_OCTETS[random.nextInt(SECOND_OCTETS.length)] + "."
          + random.nextInt(256);
      Network network = Network.builder().createNetworkCmdModifier(cmd -> cmd
          .withName(name).withLabels(labels).withCheckDuplicate(true)
          .withIpam(new Ipam().withConfig(new Ipam.Config().withSubnet(prefix + ".0/24")))).build();
      try {
        network.getId();
        return new Created(network, prefix);
      } catch (RuntimeException e) {
        // Most often "Pool overlaps with other one on this address space": try another subnet.
        last = e;
      }
    }
    throw new IllegalStateException("could not create network " + name + " after "
        + ATTEMPTS_MAX + " subnets", last);
  }
}
