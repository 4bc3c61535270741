package io.statekv.chaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CheckCommandTest {
  private static final List<String> VERDICTS =
      List.of("linearizable", "not-linearizable", "unknown");

  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = ChaosMain.commandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    return commandLine.execute(args);
  }

  private String lastLine() {
    String[] lines = out.toString().strip().split("\n");
    return lines[lines.length - 1];
  }

  private Path recorded(String name) throws IOException {
    Path file = dir.resolve(name);
    try (InputStream in = getClass().getResourceAsStream("/linearizability/" + name)) {
      Files.copy(in, file);
    }
    return file;
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void printsLinearizableLastAndExitsZero() throws IOException {
    int code = run("check", "--model", "cas-register", recorded("etcd_018.jsonl").toString());

    assertThat(code).isEqualTo(ExitCodes.LINEARIZABLE);
    assertThat(lastLine()).isEqualTo("linearizable");
    assertThat(out.toString()).startsWith("checking 83 operations (166 ops) of ");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void printsNotLinearizableWithAnExplanationAndExitsOne() throws IOException {
    int code = run("check", "--model", "cas-register", recorded("etcd_000.jsonl").toString());

    assertThat(code).isEqualTo(ExitCodes.NOT_LINEARIZABLE);
    assertThat(lastLine()).isEqualTo("not-linearizable");
    assertThat(out.toString()).contains("longest linearizable prefix", "must take effect");
  }

  @Test
  void printsUnknownWhenTheTimeLimitRunsOutAndExitsTwo() throws IOException {
    int code = run("check", "--model", "cas-register", "--time-limit", "0",
        recorded("etcd_057.jsonl").toString());

    assertThat(code).isEqualTo(ExitCodes.UNKNOWN);
    assertThat(lastLine()).isEqualTo("unknown");
  }

  @Test
  void checksKeyedRegisters() throws IOException {
    Path file = write("keyed.jsonl", """
        {"process":0,"type":"invoke","f":"write","value":["a",1]}
        {"process":0,"type":"ok","f":"write","value":["a",1]}
        {"process":1,"type":"invoke","f":"read","value":["a",null]}
        {"process":1,"type":"ok","f":"read","value":["a",2]}
        """);

    assertThat(run("check", "--model", "keyed-cas-register", file.toString()))
        .isEqualTo(ExitCodes.NOT_LINEARIZABLE);
    assertThat(out.toString()).contains("key \"a\": invalid");
  }

  @Test
  void anUnknownModelIsAUsageErrorWithoutVerdict() throws IOException {
    int code = run("check", "--model", "bank", recorded("etcd_018.jsonl").toString());

    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("unknown model 'bank'; known models: cas-register,"
        + " keyed-cas-register");
    assertThat(out.toString().lines()).noneMatch(VERDICTS::contains);
  }

  @Test
  void otherUsageErrorsExitWith64() throws IOException {
    String file = recorded("etcd_018.jsonl").toString();

    assertThat(run("check", file)).as("missing --model").isEqualTo(ExitCodes.USAGE);
    assertThat(run("check", "--model", "cas-register")).as("missing file")
        .isEqualTo(ExitCodes.USAGE);
    assertThat(run("check", "--model", "cas-register", "--time-limit", "-1", file))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(run("check", "--model", "cas-register", "--time-limit", "soon", file))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(run()).as("no subcommand").isEqualTo(ExitCodes.USAGE);
    assertThat(out.toString().lines()).noneMatch(VERDICTS::contains);
  }

  @Test
  void aMalformedHistoryExitsWith65AndNamesTheLine() throws IOException {
    Path file = write("bad.jsonl", """
        {"process":0,"type":"invoke","f":"read","value":null}
        {"process":0,"type":"invoke","f":"read","value":null}
        """);

    int code = run("check", "--model", "cas-register", file.toString());

    assertThat(code).isEqualTo(ExitCodes.MALFORMED_INPUT);
    assertThat(err.toString()).contains("line 2: process 0 invokes 'read' while its 'read'");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void aHistoryTheModelCannotReadExitsWith65() throws IOException {
    Path file = write("other.jsonl", """
        {"process":0,"type":"invoke","f":"add","value":1}
        {"process":0,"type":"ok","f":"add","value":1}
        """);

    int code = run("check", "--model", "cas-register", file.toString());

    assertThat(code).isEqualTo(ExitCodes.MALFORMED_INPUT);
    assertThat(err.toString()).contains("has no function 'add'");
    assertThat(out.toString().lines()).noneMatch(VERDICTS::contains);
  }

  @Test
  void aMissingFileExitsWith66() {
    int code = run("check", "--model", "cas-register", dir.resolve("absent.jsonl").toString());

    assertThat(code).isEqualTo(ExitCodes.NO_INPUT);
    assertThat(err.toString()).contains("no such file");
  }
}
