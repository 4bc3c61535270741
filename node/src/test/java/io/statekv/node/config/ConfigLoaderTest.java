package io.statekv.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  private static final Path BASE = Path.of("/srv/statekv");

  private static final String MINIMAL = """
      node_id: n1
      data_dir: data/n1
      listen: {raft: 127.0.0.1:7201, client: 127.0.0.1:7001, http: 127.0.0.1:7101}
      initial_members:
        - {id: n1, raft: 127.0.0.1:7201, client: 127.0.0.1:7001, http: 127.0.0.1:7101}
        - {id: n2, raft: 127.0.0.1:7202, client: 127.0.0.1:7002, http: 127.0.0.1:7102}
      """;

  private static NodeConfig parse(String yaml) {
    return ConfigLoader.parse("test.yaml", yaml, BASE);
  }

  private static List<String> problems(String yaml) {
    try {
      parse(yaml);
    } catch (ConfigException e) {
      return e.problems();
    }
    throw new AssertionError("expected the config to be refused");
  }

  @Test
  void minimalConfigGetsEveryDefault() {
    NodeConfig c = parse(MINIMAL);
    assertThat(c.nodeId()).isEqualTo("n1");
    assertThat(c.dataDir()).isEqualTo(Path.of("/srv/statekv/data/n1"));
    assertThat(c.advertise()).isEqualTo(c.listen());
    assertThat(c.listen().client()).isEqualTo(new HostPort("127.0.0.1", 7001));
    assertThat(c.initialMembers()).extracting(MemberConfig::id).containsExactly("n1", "n2");
    assertThat(c.raft()).isEqualTo(new RaftSettings(Duration.ofMillis(1000), Duration.ofMillis(2000), 100_000));
    assertThat(c.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.batch()).isEqualTo(new BatchSettings(512, 4, 8));
    assertThat(c.requestBytesMax()).isEqualTo(4 << 20);
    assertThat(c.listPageSizeDefault()).isEqualTo(1000);
    assertThat(c.watchHistoryEventsMax()).isEqualTo(100_000);
    assertThat(c.logLevel()).isEqualTo("info");
    assertThat(c.security().anyEnabled()).isFalse();
  }

  @Test
  void theExampleFileSpellsOutTheDefaults() {
    Path example = Path.of("..", "deploy", "config", "node.example.yaml");
    NodeConfig fromExample = ConfigLoader.load(example);
    String required = """
        node_id: n1
        data_dir: /var/lib/statekv/n1
        listen: {raft: 0.0.0.0:7201, client: 0.0.0.0:7001, http: 0.0.0.0:7101}
        advertise: {raft: 10.0.0.1:7201, client: 10.0.0.1:7001, http: 10.0.0.1:7101}
        initial_members:
          - {id: n1, raft: 10.0.0.1:7201, client: 10.0.0.1:7001, http: 10.0.0.1:7101}
          - {id: n2, raft: 10.0.0.2:7201, client: 10.0.0.2:7001, http: 10.0.0.2:7101}
          - {id: n3, raft: 10.0.0.3:7201, client: 10.0.0.3:7001, http: 10.0.0.3:7101}
        """;
    assertThat(fromExample).isEqualTo(parse(required));
  }

  @Test
  void unknownFieldIsNamedWithItsPath() {
    assertThat(problems(MINIMAL + "raft: {election_timeout_ms: 5}\n"))
        .singleElement().asString()
        .startsWith("raft.election_timeout_ms: unknown field")
        .contains("election_timeout_min_ms");
    assertThat(problems(MINIMAL + "request_timeout: 5\n")).singleElement().asString()
        .startsWith("request_timeout: unknown field");
  }

  @Test
  void everyUnknownFieldIsReportedWithTheRuleProblems() {
    String yaml = MINIMAL.replace("node_id: n1", "node_id: N1")
        + "bogus: {deep: [1, 2]}\nbatch: {commands_max: 0, size: 3}\ninitial_members_extra: []\n";
    assertThat(problems(yaml)).satisfiesExactlyInAnyOrder(
        p -> assertThat(p).startsWith("bogus: unknown field"),
        p -> assertThat(p).startsWith("batch.size: unknown field (known here: commands_max, pipeline_commands_min, proposals_in_flight_max)"),
        p -> assertThat(p).startsWith("initial_members_extra: unknown field"),
        p -> assertThat(p).startsWith("node_id: 'N1' must match"),
        p -> assertThat(p).isEqualTo("batch.commands_max: 0 is outside [1, 10000]"));
  }

  @Test
  void anUnknownFieldInsideAListNamesItsIndex() {
    String yaml = MINIMAL.replace("- {id: n2, raft", "- {id: n2, rafts: x, raft");
    assertThat(problems(yaml)).singleElement().asString().startsWith("initial_members[1].rafts: unknown field");
  }

  @Test
  void wrongTypeIsNamed() {
    assertThat(problems(MINIMAL + "request_timeout_ms: soon\n"))
        .singleElement().asString().startsWith("request_timeout_ms: expected an integer");
    assertThat(problems(MINIMAL + "request_bytes_max: \"5000000\"\n"))
        .singleElement().asString().startsWith("request_bytes_max: expected an integer");
    assertThat(problems(MINIMAL + "security: {tls: {enabled: maybe}}\n"))
        .singleElement().asString().startsWith("security.tls.enabled: expected true or false");
  }

  @Test
  void aFieldGivenTwiceIsRefused() {
    assertThat(problems(MINIMAL + "log_level: info\nlog_level: debug\n"))
        .singleElement().asString().contains("Duplicate field 'log_level'");
  }

  @Test
  void badAddressesAreNamed() {
    String yaml = MINIMAL.replace("listen: {raft: 127.0.0.1:7201", "listen: {raft: 127.0.0.1")
        .replace("http: 127.0.0.1:7102", "http: 127.0.0.1:99999");
    assertThat(problems(yaml)).anySatisfy(p -> assertThat(p).startsWith("listen.raft: '127.0.0.1' is not host:port"))
        .anySatisfy(p -> assertThat(p).startsWith("initial_members[1].http: port 99999 is outside"));
  }

  @Test
  void ipv6NeedsBrackets() {
    assertThat(HostPort.parse("[::1]:7001")).isEqualTo(new HostPort("::1", 7001));
    assertThat(HostPort.parse("[::1]:7001").toString()).isEqualTo("[::1]:7001");
    assertThatThrownBy(() -> HostPort.parse("::1:7001")).hasMessageContaining("brackets");
    assertThatThrownBy(() -> HostPort.parse("host:")).hasMessageContaining("not host:port");
    assertThatThrownBy(() -> HostPort.parse("host:7x")).hasMessageContaining("not a number");
  }

  @Test
  void missingMembersAndRequiredFieldsAreAllReported() {
    assertThat(problems("log_level: loud\n"))
        .contains("node_id: is required", "data_dir: is required",
            "listen: is required, with raft, client and http addresses",
            "initial_members: is required: list every member of a new cluster, this node included",
            "log_level: 'loud' is not one of [trace, debug, info, warn, error]");
    assertThatThrownBy(() -> parse("")).isInstanceOf(ConfigException.class).hasMessageContaining("empty");
  }

  @Test
  void thisNodeMustBeAMemberAtItsAdvertisedAddresses() {
    assertThat(problems(MINIMAL.replace("node_id: n1", "node_id: n9")))
        .contains("initial_members: does not list this node 'n9'");
    String moved = MINIMAL.replace("{id: n1, raft: 127.0.0.1:7201", "{id: n1, raft: 127.0.0.1:7299");
    assertThat(problems(moved)).singleElement().asString().contains("lists 'n1' at");
  }

  @Test
  void duplicateMembersAreRefused() {
    String dup = MINIMAL.replace("{id: n2, raft: 127.0.0.1:7202", "{id: n1, raft: 127.0.0.1:7201");
    assertThat(problems(dup)).contains("initial_members[1].id: 'n1' appears twice")
        .anySatisfy(p -> assertThat(p).contains("address 127.0.0.1:7201 is used twice"));
  }

  @Test
  void wildcardListenNeedsAnAdvertisedAddress() {
    String wild = MINIMAL.replace("listen: {raft: 127.0.0.1:7201", "listen: {raft: 0.0.0.0:7201");
    assertThat(problems(wild)).contains("advertise.raft: is required because listen.raft is the wildcard 0.0.0.0:7201");
    NodeConfig ok = parse(wild + "advertise: {raft: 127.0.0.1:7201}\n");
    assertThat(ok.advertise().raft()).isEqualTo(new HostPort("127.0.0.1", 7201));
    assertThat(ok.advertise().client()).isEqualTo(ok.listen().client());
    assertThat(problems(wild + "advertise: {raft: 127.0.0.1:7299}\n")).contains(
        "advertise.raft: port 7299 differs from listen.raft's 7201; Raft binds its advertised address, so the ports must match");
  }

  @Test
  void rangesAreChecked() {
    String yaml = MINIMAL + """
        raft: {election_timeout_min_ms: 3000, election_timeout_max_ms: 2000}
        request_bytes_max: 1000
        list_page_size_default: 0
        batch: {commands_max: 0}
        """;
    assertThat(problems(yaml)).containsExactlyInAnyOrder(
        "raft.election_timeout_max_ms: 2000 must be above election_timeout_min_ms 3000",
        "request_bytes_max: 1000 is outside [1114112, 33554432]",
        "list_page_size_default: 0 is outside [1, 10000]",
        "batch.commands_max: 0 is outside [1, 10000]");
  }

  @Test
  void securityIsParsed() {
    String digest = "a".repeat(64);
    NodeConfig c = parse(MINIMAL + "security: {tokens: [{name: ci, sha256: " + digest + ", roles: [admin]}]}\n");
    assertThat(c.security().tokens()).containsExactly(new SecuritySettings.Token("ci", digest, List.of("admin")));
    assertThat(c.security().anyEnabled()).isTrue();
    assertThat(problems(MINIMAL + "security: {tls: {enabled: true}, tokens: [{name: ci, sha256: secret}]}\n"))
        .containsExactlyInAnyOrder("security.tls: enabled needs cert_file and key_file",
            "security.tokens[0].sha256: must be the 64 lower-case hex digits of the token's SHA-256, never the token");
  }

  @Test
  void mapsToTheReplicaConfig(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("n1.yaml");
    Files.writeString(file, MINIMAL);
    var replica = ConfigLoader.load(file).toReplicaConfig();
    assertThat(replica.self().id()).isEqualTo("n1");
    assertThat(replica.self().clientAddress()).isEqualTo("127.0.0.1:7001");
    assertThat(replica.dataDir()).isEqualTo(dir.resolve("data/n1"));
    assertThat(replica.initialMembers()).hasSize(2);
    assertThat(replica.electionTimeoutMin()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void missingFileIsNamed(@TempDir Path dir) {
    assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.yaml")))
        .isInstanceOf(ConfigException.class).hasMessageEndingWith("nope.yaml: no such file");
  }
}
