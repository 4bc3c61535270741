package io.statekv.node.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.statekv.client.Consistency;
import io.statekv.client.Entry;
import io.statekv.client.ListOptions;
import io.statekv.client.ReadOptions;
import io.statekv.client.StateKvClient;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The read commands: {@code get}, {@code list} and {@code scopes}. */
final class ReadCommands {
  private ReadCommands() {}

  /** Read options shared by the read commands. */
  static final class ReadFlags {
    @Option(names = "--consistency", defaultValue = "linearizable", paramLabel = "LEVEL",
        description = "linearizable (default), lease or serializable.")
    String consistency;

    @Option(names = "--min-revision", defaultValue = "0", paramLabel = "REV",
        description = "With serializable: wait until this revision is applied.")
    long minRevision;

    ReadOptions options() {
      Consistency c = switch (consistency) {
        case "linearizable" -> Consistency.LINEARIZABLE;
        case "lease" -> Consistency.LEASE;
        case "serializable" -> Consistency.SERIALIZABLE;
        default -> throw new IllegalArgumentException("--consistency must be linearizable, lease or serializable: " + consistency);
      };
      return new ReadOptions(c, minRevision);
    }
  }

  @Command(name = "get", description = "Print a key's value (exit code 3 when it is missing).")
  static final class Get extends ClientCommand {
    @Parameters(index = "0", paramLabel = "SCOPE") String scope;
    @Parameters(index = "1", paramLabel = "KEY") String key;
    @Option(names = "--entry", description = "Print the entry with its revision, version and times.") boolean entry;
    @picocli.CommandLine.Mixin ReadFlags read;

    @Override
    Outcome run(StateKvClient c) {
      Optional<Entry> found = c.get(scope, key, read.options());
      if (found.isEmpty()) {
        return notFound(scope + "/" + key);
      }
      return Outcome.ok(entry ? CliJson.entry(found.get(), true) : found.get().value());
    }
  }

  @Command(name = "list", description = "Print one page of a scope's entries in key order, with the cursor of the next.")
  static final class Page extends ClientCommand {
    @Parameters(index = "0", paramLabel = "SCOPE") String scope;
    @Option(names = "--prefix", defaultValue = "", description = "Only keys starting with it.") String prefix;
    @Option(names = "--limit", defaultValue = "0", description = "Entries per page, 1 to 10000 (default: the node's, 1000).") int limit;
    @Option(names = "--after", defaultValue = "", description = "Only keys after it: the next_after of the previous page.") String after;
    @Option(names = "--keys-only", description = "Leave the values out.") boolean keysOnly;
    @picocli.CommandLine.Mixin ReadFlags read;

    @Override
    Outcome run(StateKvClient c) {
      return Outcome.ok(CliJson.page(c.list(scope, new ListOptions(prefix, limit, after, keysOnly, read.options()))));
    }
  }

  @Command(name = "scopes", description = "Print the scopes that hold at least one key (iii's list_groups).")
  static final class Scopes extends ClientCommand {
    @picocli.CommandLine.Mixin ReadFlags read;

    @Override
    Outcome run(StateKvClient c) {
      var groups = JsonNodeFactory.instance.objectNode();
      c.listGroups(read.options()).forEach(groups.putArray("groups")::add);
      return Outcome.ok(groups);
    }
  }
}
