package io.statekv.node.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;

/**
 * The {@code statekv} command: {@code node} and {@code dev} run servers; the other subcommands
 * are a client of a running cluster. See docs/operations.md for the exit codes.
 */
@Command(name = "statekv", mixinStandardHelpOptions = true, versionProvider = StateKvMain.Version.class,
    description = "A clustered key-value store of scoped JSON state, replicated with Raft.",
    subcommands = {NodeCommand.class, DevCommand.class, ReadCommands.Get.class, WriteCommands.Set.class,
        WriteCommands.Update.class, WriteCommands.Patch.class, WriteCommands.Append.class, WriteCommands.Delete.class,
        ReadCommands.Page.class, ReadCommands.Scopes.class, TxnCommand.class, ClusterCommand.class, WatchCommand.class})
public final class StateKvMain implements Runnable {

  @Override
  public void run() {
    throw new ParameterException(new CommandLine(this), "a command is required");
  }

  public static void main(String[] args) {
    JvmSettings.apply();
    System.exit(run(args));
  }

  /** Runs a command line and returns its exit code, without exiting. */
  public static int run(String... args) {
    return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /** Runs a command line with the given stdout and stderr, and returns its exit code. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new StateKvMain());
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler(StateKvMain::usageError);
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println("statekv " + cmd.getCommandName() + ": " + e);
      return ExitCodes.FAILURE;
    });
    return cli.execute(args);
  }

  private static int usageError(ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("statekv: " + e.getMessage());
    cmd.usage(err);
    return ExitCodes.USAGE;
  }

  /** The version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = StateKvMain.class.getPackage().getImplementationVersion();
      return new String[] {"statekv " + (v == null ? "(development build)" : v)};
    }
  }
}
