package io.statekv.chaos.cli;

import io.statekv.chaos.run.RunCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code chaos} command: tools of the chaos suite. Exit codes follow sysexits where they
 * apply: see {@link ExitCodes}.
 */
@Command(
    name = "chaos",
    mixinStandardHelpOptions = true,
    version = "statekv chaos 0.1.0",
    description = "Tools of the statekv chaos suite.",
    subcommands = {CheckCommand.class, RunCommand.class},
    exitCodeOnInvalidInput = ExitCodes.USAGE,
    exitCodeOnExecutionException = ExitCodes.SOFTWARE)
public final class ChaosMain implements Runnable {
  @Spec
  private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing subcommand (try 'check' or 'run')");
  }

  /** A fresh command line; tests set its output streams. */
  public static CommandLine commandLine() {
    return new CommandLine(new ChaosMain());
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
