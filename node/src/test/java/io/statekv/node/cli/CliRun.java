package io.statekv.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the {@code statekv} command line in this JVM: its exit code, stdout and stderr. */
record CliRun(int exit, String out, String err) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Runs {@code args} against the cluster at {@code endpoints}. */
  static CliRun of(String endpoints, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--endpoints";
    all[args.length + 1] = endpoints;
    int exit = StateKvMain.run(new PrintWriter(out, true), new PrintWriter(err, true), all);
    return new CliRun(exit, out.toString().strip(), err.toString().strip());
  }

  /** Stdout as one JSON document. */
  JsonNode json() {
    try {
      return JSON.readTree(out);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + out + " (stderr: " + err + ")", e);
    }
  }
}
