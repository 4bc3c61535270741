package io.statekv.chaos.cli;

/**
 * Exit codes of the {@code chaos} commands. A verdict is 0, 1 or 2; anything else means no
 * verdict was reached, and then no verdict is printed.
 */
public final class ExitCodes {
  /** The history is linearizable. */
  public static final int LINEARIZABLE = 0;
  /** The history is not linearizable. */
  public static final int NOT_LINEARIZABLE = 1;
  /** The check ran out of time or was cancelled. */
  public static final int UNKNOWN = 2;
  /** Bad command line: unknown option or model, missing file argument (sysexits EX_USAGE). */
  public static final int USAGE = 64;
  /** The history is malformed (sysexits EX_DATAERR). */
  public static final int MALFORMED_INPUT = 65;
  /** The history file cannot be read (sysexits EX_NOINPUT). */
  public static final int NO_INPUT = 66;
  /** A bug in the checker (sysexits EX_SOFTWARE). */
  public static final int SOFTWARE = 70;

  private ExitCodes() {}
}
