package io.statekv.node.cli;

import io.statekv.client.Member;
import io.statekv.client.StateKvClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code statekv cluster status|add|remove|transfer-leader}. */
@Command(name = "cluster", description = "Look at and change the cluster's membership.",
    subcommands = {ClusterCommand.Status.class, ClusterCommand.Add.class, ClusterCommand.Remove.class,
        ClusterCommand.TransferLeader.class})
final class ClusterCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a cluster command is required");
  }

  @Command(name = "status", description = "Print the members, the leader, the term and the indexes.")
  static final class Status extends ClientCommand {
    @Override
    Outcome run(StateKvClient c) {
      return Outcome.ok(CliJson.cluster(c.clusterStatus()));
    }
  }

  @Command(name = "add", description = "Add a member: start it first with an empty data dir, then add it here.")
  static final class Add extends ClientCommand {
    @Parameters(index = "0", paramLabel = "ID") String id;
    @Option(names = "--raft", required = true, paramLabel = "HOST:PORT") String raft;
    @Option(names = "--client", required = true, paramLabel = "HOST:PORT") String clientAddress;
    @Option(names = "--http", required = true, paramLabel = "HOST:PORT") String http;

    @Override
    Outcome run(StateKvClient c) {
      return Outcome.ok(CliJson.cluster(c.admin().addMember(Member.of(id, raft, clientAddress, http))));
    }
  }

  @Command(name = "remove", description = "Remove a member.")
  static final class Remove extends ClientCommand {
    @Parameters(index = "0", paramLabel = "ID") String id;

    @Override
    Outcome run(StateKvClient c) {
      return Outcome.ok(CliJson.cluster(c.admin().removeMember(id)));
    }
  }

  @Command(name = "transfer-leader", description = "Hand leadership to a member (or to any other when no ID is given).")
  static final class TransferLeader extends ClientCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "ID") String id;

    @Override
    Outcome run(StateKvClient c) {
      return Outcome.ok(CliJson.cluster(c.admin().transferLeader(id == null ? "" : id)));
    }
  }
}
