package io.statekv.node.cli;

import io.statekv.client.DeleteResult;
import io.statekv.client.StateKvClient;
import io.statekv.client.WriteOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The write commands: {@code set}, {@code update}, {@code patch}, {@code append} and {@code delete}. */
final class WriteCommands {
  private WriteCommands() {}

  /** Conditions and TTL shared by the write commands. */
  static final class WriteFlags {
    @Option(names = "--if-revision", paramLabel = "REV",
        description = "Only if the key's revision is REV (0: only if the key does not exist); exit code 4 otherwise.")
    Long ifRevision;

    @Option(names = "--ttl", paramLabel = "SECONDS", description = "Expire the entry this many seconds after the write.")
    Long ttlSeconds;

    WriteOptions options() {
      return new WriteOptions(ttlSeconds == null ? 0 : ttlSeconds, ifRevision == null ? WriteOptions.ANY_REVISION : ifRevision);
    }
  }

  @Command(name = "set", description = "Store a JSON value.")
  static final class Set extends ClientCommand {
    @Parameters(index = "0", paramLabel = "SCOPE") String scope;
    @Parameters(index = "1", paramLabel = "KEY") String key;
    @Parameters(index = "2", paramLabel = "JSON", description = "The value as JSON ('\"text\"', 42, '{...}'), @FILE, or - for stdin.")
    String value;
    @Mixin WriteFlags write;

    @Override
    Outcome run(StateKvClient c) {
      return Outcome.ok(CliJson.write(c.set(scope, key, JsonArgs.parse("the value", value), write.options())));
    }
  }

  @Command(name = "update", description = "Apply iii's update ops, best-effort (docs/api-update-ops.md).")
  static final class Update extends ClientCommand {
    @Parameters(index = "0", paramLabel = "SCOPE") String scope;
    @Parameters(index = "1", paramLabel = "KEY") String key;
    @Parameters(index = "2", paramLabel = "OPS", description = "The ops array as JSON, @FILE, or - for stdin.") String ops;
    @Mixin WriteFlags write;

    @Override
    Outcome run(StateKvClient c) {
      var parsed = ClientRequests.ops(JsonArgs.parse("the ops", ops));
      return Outcome.ok(CliJson.write(c.update(scope, key, parsed, write.options())));
    }
  }

  @Command(name = "patch", description = "Apply an RFC 7396 merge patch.")
  static final class Patch extends ClientCommand {
    @Parameters(index = "0", paramLabel = "SCOPE") String scope;
    @Parameters(index = "1", paramLabel = "KEY") String key;
    @Parameters(index = "2", paramLabel = "PATCH", description = "The patch as JSON, @FILE, or - for stdin.") String patch;
    @Mixin WriteFlags write;

    @Override
    Outcome run(StateKvClient c) {
      return Outcome.ok(CliJson.write(c.patch(scope, key, JsonArgs.parse("the patch", patch), write.options())));
    }
  }

  @Command(name = "append", description = "Append an item to an array value (a missing key becomes [item]).")
  static final class Append extends ClientCommand {
    @Parameters(index = "0", paramLabel = "SCOPE") String scope;
    @Parameters(index = "1", paramLabel = "KEY") String key;
    @Parameters(index = "2", paramLabel = "ITEM", description = "The item as JSON, @FILE, or - for stdin.") String item;
    @Mixin WriteFlags write;

    @Override
    Outcome run(StateKvClient c) {
      return Outcome.ok(CliJson.write(c.append(scope, key, JsonArgs.parse("the item", item), write.options())));
    }
  }

  @Command(name = "delete", description = "Delete a key and print its old value (exit code 3 when it was missing).")
  static final class Delete extends ClientCommand {
    @Parameters(index = "0", paramLabel = "SCOPE") String scope;
    @Parameters(index = "1", paramLabel = "KEY") String key;
    @Option(names = "--if-revision", paramLabel = "REV", description = "Only if the key's revision is REV; exit code 4 otherwise.")
    Long ifRevision;

    @Override
    Outcome run(StateKvClient c) {
      DeleteResult d = c.delete(scope, key, ifRevision == null ? WriteOptions.NONE : WriteOptions.ifRevision(ifRevision));
      if (!d.deleted()) {
        return notFound(scope + "/" + key);
      }
      return Outcome.ok(CliJson.deleted(d));
    }
  }
}
