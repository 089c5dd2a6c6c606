package dev.lockstep.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import dev.lockstep.finding.Finding;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Field names and types per kind: what tctl/protojson would reject, said so a person can fix it.
 */
class SchemaTest {

  static String config(String spec) {
    return "kind: autoupdate_config\nmetadata: {name: autoupdate-config}\nspec: " + spec + "\n";
  }

  static String group(String fields) {
    return config(
        "{agents: {mode: enabled, strategy: halt-on-error, schedules: {regular: [{"
            + fields
            + "}]}}}");
  }

  static String version(String spec) {
    return "kind: autoupdate_version\nmetadata: {name: autoupdate-version}\nspec: " + spec + "\n";
  }

  static String cmc(String spec) {
    return "kind: cluster_maintenance_config\nversion: v1\nmetadata: {name: cluster-maintenance-config}\nspec: "
        + spec
        + "\n";
  }

  static String cluster(String spec) {
    return "kind: lockstep_cluster\nmetadata: {name: prod}\nspec: " + spec + "\n";
  }

  static final String GROUP = "spec.agents.schedules.regular[0]";

  static Stream<Arguments> rejected() {
    return Stream.of(
        row(
            "start_hours -> did you mean start_hour",
            group("name: a, days: [Mon], start_hours: 1"),
            "schema/unknown-field",
            GROUP + ".start_hours",
            "did you mean \"start_hour\"?"),
        row(
            "startHour (camel case) -> start_hour",
            group("name: a, days: [Mon], startHour: 1"),
            "schema/unknown-field",
            GROUP + ".startHour",
            "did you mean \"start_hour\"?"),
        row(
            "stratgy -> strategy",
            config("{agents: {mode: enabled, stratgy: time-based}}"),
            "schema/unknown-field",
            "spec.agents.stratgy",
            "did you mean \"strategy\"?"),
        row(
            "wait_days is a removed field (teleport-semantics §2.1)",
            group("name: a, days: [Mon], wait_days: 1"),
            "schema/unknown-field",
            GROUP + ".wait_days",
            "wait_days was removed from Teleport; use wait_hours"),
        row(
            "agents.agent_schedules is a removed field",
            config("{agents: {agent_schedules: {}}}"),
            "schema/unknown-field",
            "spec.agents.agent_schedules",
            "was removed from Teleport; use spec.agents.schedules.regular"),
        row(
            "spec.tools_autoupdate is a removed field",
            config("{tools_autoupdate: true}"),
            "schema/unknown-field",
            "spec.tools_autoupdate",
            "use spec.tools.mode"),
        row(
            "spec.tools_version is a removed field (teleport-semantics §3.1)",
            version("{tools_version: 17.2.1}"),
            "schema/unknown-field",
            "spec.tools_version",
            "use spec.tools.target_version"),
        row(
            "canary_count one level too high -> where it belongs",
            config("{agents: {mode: enabled, canary_count: 1}}"),
            "schema/unknown-field",
            "spec.agents.canary_count",
            "belongs in spec.agents.schedules.regular[]"),
        row(
            "an unrelated top-level field lists the known ones",
            config("{}") + "status: {}\n",
            "schema/unknown-field",
            "status",
            "(known: kind, sub_kind, version, metadata, spec)"),
        row(
            "utc_start_hours in cluster_maintenance_config",
            cmc("{agent_upgrades: {utc_start_hours: 2}}"),
            "schema/unknown-field",
            "spec.agent_upgrades.utc_start_hours",
            "did you mean \"utc_start_hour\"?"),
        row(
            "auth-version in lockstep_cluster",
            cluster("{auth-version: 17.2.1}"),
            "schema/unknown-field",
            "spec.auth-version",
            "did you mean \"auth_version\"?"),
        row(
            "a misspelt kind",
            "kind: autoupdate_configs\nspec: {}\n",
            "parse/misspelt-kind",
            "kind",
            "did you mean \"autoupdate_config\"?"),
        row(
            "a float where a version is expected -> the full version",
            version("{tools: {target_version: 17.2}}"),
            "schema/wrong-type",
            "spec.tools.target_version",
            "YAML reads 17.2 as a number; write target_version: 17.2.0"),
        row(
            "an integer where a version is expected",
            version("{tools: {target_version: 17}}"),
            "schema/wrong-type",
            "spec.tools.target_version",
            "write target_version: 17.0.0"),
        row(
            "a boolean where a mode is expected -> the allowed modes",
            config("{tools: {mode: true}}"),
            "schema/wrong-type",
            "spec.tools.mode",
            "must be one of enabled, disabled, but tctl reads true as a boolean;"
                + " write mode: enabled (or disabled)"),
        row(
            "plain on is a YAML 1.1 boolean for tctl",
            version("{agents: {schedule: on}}"),
            "schema/wrong-type",
            "spec.agents.schedule",
            "must be one of regular, immediate, but tctl reads on as a boolean (YAML 1.1);"
                + " write schedule: regular (or immediate)"),
        row(
            "a word where an integer is expected",
            group("name: a, days: [Mon], start_hour: four"),
            "schema/wrong-type",
            GROUP + ".start_hour",
            "must be a whole number, not \"four\""),
        row(
            "a fraction where an integer is expected",
            group("name: a, days: [Mon], start_hour: 4.5"),
            "schema/wrong-type",
            GROUP + ".start_hour",
            "(write a whole number)"),
        row(
            "int32 overflow",
            group("name: a, days: [Mon], wait_hours: 2147483648"),
            "schema/wrong-type",
            GROUP + ".wait_hours",
            "outside the range of a protobuf int32"),
        row(
            "a negative uint32 (teleport-semantics §12)",
            cmc("{agent_upgrades: {utc_start_hour: -1}}"),
            "schema/wrong-type",
            "spec.agent_upgrades.utc_start_hour",
            "outside the range of a protobuf uint32"),
        row(
            "one day instead of a list",
            group("name: a, days: Mon"),
            "schema/wrong-type",
            GROUP + ".days",
            "must be a list, not \"Mon\""),
        row(
            "a number inside a list of strings",
            group("name: a, days: [Mon, 1]"),
            "schema/wrong-type",
            GROUP + ".days[1]",
            "quote it: \"1\""),
        row(
            "a null list item",
            group("name: a, days: [~]"),
            "schema/wrong-type",
            GROUP + ".days[0]",
            "must be a string, not null"),
        row(
            "a duration without a unit",
            config("{agents: {maintenance_window_duration: 3600}}"),
            "schema/wrong-type",
            "spec.agents.maintenance_window_duration",
            "(a duration needs a unit)"),
        row(
            "a duration in words",
            config("{agents: {maintenance_window_duration: 1 hour}}"),
            "schema/wrong-type",
            "spec.agents.maintenance_window_duration",
            "not \"1 hour\""),
        row(
            "a quoted boolean",
            cluster("{cloud: \"true\"}"),
            "schema/wrong-type",
            "spec.cloud",
            "must be true or false (unquoted), not \"true\""),
        row(
            "yes for a boolean of lockstep_cluster",
            cluster("{cloud: yes}"),
            "schema/wrong-type",
            "spec.cloud",
            "must be true or false"),
        row(
            "a number as a label value",
            config("{}").replace("{name: autoupdate-config}", "{labels: {team: 7}}"),
            "schema/wrong-type",
            "metadata.labels.team",
            "quote it: \"7\""),
        row(
            "expires that is not RFC 3339",
            config("{}").replace("{name: autoupdate-config}", "{expires: tomorrow}"),
            "schema/wrong-type",
            "metadata.expires",
            "must be an RFC 3339 time"),
        row(
            "a list where a mapping is expected",
            config("{agents: [enabled]}"),
            "schema/wrong-type",
            "spec.agents",
            "must be a mapping, not a list"),
        row(
            "a mapping where a list of groups is expected",
            config("{agents: {schedules: {regular: {name: a}}}}"),
            "schema/wrong-type",
            "spec.agents.schedules.regular",
            "must be a list of mappings, not a mapping"),
        row(
            "a string as the spec",
            config("hello"),
            "schema/wrong-type",
            "spec",
            "must be a mapping, not \"hello\""));
  }

  static Stream<Arguments> accepted() {
    return Stream.of(
        Arguments.of(
            named(
                "integers as quoted decimal strings (protojson accepts them)",
                group(
                    "name: a, days: [Mon], start_hour: \"4\", wait_hours: \"0\", canary_count: \"2\""))),
        Arguments.of(
            named(
                "a YAML merge key (SnakeYAML merges it, as tctl's YAML 1.1 parser does)",
                config("{tools: &t {mode: enabled}, agents: {<<: *t, strategy: halt-on-error}}"))),
        Arguments.of(
            named(
                "a Go duration",
                config("{agents: {strategy: time-based, maintenance_window_duration: 1h30m}}"))),
        Arguments.of(
            named(
                "a protobuf JSON duration",
                config("{agents: {maintenance_window_duration: \"3600s\"}}"))),
        Arguments.of(
            named(
                "null values (protojson reads them as unset)",
                config("{tools: ~, agents: {mode: ~, schedules: {regular: ~}}}"))),
        Arguments.of(
            named(
                "a quoted \"on\" and a version with v prefix as text",
                version(
                    "{agents: {schedule: \"on\", start_version: v17.2.0, target_version: '17.2.1'}}"))),
        Arguments.of(
            named(
                "every field of cluster_maintenance_config, with nonce and namespace",
                cmc("{agent_upgrades: {utc_start_hour: 2, weekdays: [Mon, Wed]}}")
                        .replace(
                            "name: cluster-maintenance-config",
                            "name: cluster-maintenance-config, namespace: default")
                    + "nonce: 3\n")),
        Arguments.of(
            named(
                "every field of lockstep_cluster",
                cluster(
                    "{proxy: teleport.example.com:443, auth_version: 17.2.1, cloud: true, channels: [stable/rolling]}"))),
        Arguments.of(
            named(
                "sub_kind, version, description and a 0o/0x integer",
                group("name: a, days: ['*'], start_hour: 0x4, wait_hours: 0o0")
                    .replace(
                        "kind: autoupdate_config",
                        "kind: autoupdate_config\nsub_kind: ''\nversion: v1")
                    .replace(
                        "{name: autoupdate-config}",
                        "{name: autoupdate-config, description: \"the config\", revision: abc}"))));
  }

  @ParameterizedTest
  @MethodSource("rejected")
  void rejectsWhatTeleportWouldRejectAndSaysHowToFixIt(
      String yaml, String rule, String path, String message) {
    List<Finding> findings =
        new RepositoryParser().parse(MemoryTree.of("r.yaml", yaml)).findings().items();
    assertThat(findings).as("findings: %s", findings).hasSize(1);
    Finding f = findings.get(0);
    assertThat(f.rule()).isEqualTo(rule);
    assertThat(f.path()).isEqualTo(path);
    assertThat(f.message()).contains(message);
    assertThat(f.location().hasLine()).isTrue();
  }

  @ParameterizedTest
  @MethodSource("accepted")
  void acceptsWhatTeleportAccepts(String yaml) {
    assertThat(new RepositoryParser().parse(MemoryTree.of("r.yaml", yaml)).findings().items())
        .isEmpty();
  }

  private static Arguments row(String name, String yaml, String rule, String path, String message) {
    return Arguments.of(named(name, yaml), rule, path, message);
  }
}
