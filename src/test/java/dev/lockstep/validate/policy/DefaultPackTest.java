package dev.lockstep.validate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import dev.lockstep.finding.Finding;
import dev.lockstep.finding.Findings;
import dev.lockstep.model.DesiredState;
import dev.lockstep.parse.DirectoryTree;
import dev.lockstep.parse.MemoryTree;
import dev.lockstep.parse.ParseResult;
import dev.lockstep.parse.RepositoryParser;
import dev.lockstep.validate.ValidationContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The default pack in the project's {@code policies/} folder (tests run from the project root): its
 * own test cases pass and cover every rule, a compliant cluster passes, and a copy changed to break
 * each rule fails with that rule's id at the line of the offending field.
 */
class DefaultPackTest {
  static final Path PACK = Path.of("policies");

  static final String CONFIG =
      """
      kind: autoupdate_config
      version: v1
      metadata:
        name: autoupdate-config
      spec:
        agents:
          mode: enabled
          strategy: halt-on-error
          schedules:
            regular:
              - name: dev
                days: [Mon, Tue, Wed, Thu]
                start_hour: 4
              - name: staging
                days: [Mon, Tue, Wed, Thu]
                start_hour: 4
                wait_hours: 24
              - name: prod
                days: [Mon, Tue, Wed, Thu]
                start_hour: 4
                wait_hours: 24
                canary_count: 3
      """;

  static final String VERSION =
      """
      kind: autoupdate_version
      version: v1
      metadata:
        name: autoupdate-version
      spec:
        agents:
          start_version: 17.2.1
          target_version: 17.2.3
          schedule: regular
          mode: enabled
      """;

  static final String MAINTENANCE =
      """
      kind: cluster_maintenance_config
      version: v1
      metadata:
        name: cluster-maintenance-config
      spec:
        agent_upgrades:
          utc_start_hour: 2
          weekdays: [Mon, Wed]
      """;

  static LoadedPolicies pack;

  @BeforeAll
  static void loadPack() throws IOException {
    PolicyDirectory dir =
        PolicyDirectory.read(new DirectoryTree(PACK, "policies/", "working tree"));
    assertThat(dir.findings().items()).isEmpty();
    pack = new PolicyEngine().load(dir.policies());
    assertThat(pack.findings().items()).isEmpty();
  }

  @Test
  void theCasesBesideThePackPass() throws IOException {
    PolicyTestSuite.Report report =
        PolicyTestSuite.run(
            PolicyDirectory.read(new DirectoryTree(PACK, "policies/", "working tree")),
            new PolicyEngine());
    assertThat(report.cases())
        .allSatisfy(
            c ->
                assertThat(c.passed())
                    .as(c.location() + " " + c.name() + ": " + c.actual())
                    .isTrue());
    assertThat(report.passed()).isTrue();
  }

  @Test
  void everyRuleHasAFailingCase() throws IOException {
    PolicyTestSuite.Report report =
        PolicyTestSuite.run(
            PolicyDirectory.read(new DirectoryTree(PACK, "policies/", "working tree")),
            new PolicyEngine());
    Set<String> covered = new TreeSet<>();
    report.cases().forEach(c -> c.expected().forEach(e -> covered.add(e.split(" at ")[0])));
    assertThat(covered).containsExactlyInAnyOrderElementsOf(pack.ruleIds());
  }

  @Test
  void aCompliantClusterPasses() {
    assertThat(
            evaluate(
                    UnaryOperator.identity(),
                    UnaryOperator.identity(),
                    UnaryOperator.identity(),
                    "17.2.5",
                    "yes")
                .items())
        .isEmpty();
  }

  static Stream<Arguments> violations() {
    UnaryOperator<String> same = UnaryOperator.identity();
    return Stream.of(
        Arguments.of(
            named(
                "prod without canaries",
                (UnaryOperator<String>) c -> c.replace("canary_count: 3", "canary_count: 0")),
            same,
            same,
            "17.2.5",
            "policy/recommended/prod-groups-have-canaries",
            "clusters/prod/autoupdate_config.yaml",
            18),
        Arguments.of(
            named(
                "staging waits 6 hours",
                (UnaryOperator<String>) c -> c.replaceFirst("wait_hours: 24", "wait_hours: 6")),
            same,
            same,
            "17.2.5",
            "policy/recommended/wait-a-day-between-groups",
            "clusters/prod/autoupdate_config.yaml",
            14),
        Arguments.of(
            named(
                "staging on Saturday",
                (UnaryOperator<String>)
                    c ->
                        c.replaceFirst(
                            "(?s)(staging\\n\\s+days: )\\[Mon, Tue, Wed, Thu\\]", "$1[Mon, Sat]")),
            same,
            same,
            "17.2.5",
            "policy/recommended/no-weekend-windows",
            "clusters/prod/autoupdate_config.yaml",
            15),
        Arguments.of(
            named(
                "a 30-minute time-based window",
                (UnaryOperator<String>)
                    c ->
                        c.replace(
                            "strategy: halt-on-error",
                            "strategy: time-based\n    maintenance_window_duration: 30m")),
            same,
            same,
            "17.2.5",
            "policy/recommended/time-based-windows-last-an-hour",
            "clusters/prod/autoupdate_config.yaml",
            9),
        Arguments.of(
            named("an immediate schedule", same),
            (UnaryOperator<String>) v -> v.replace("schedule: regular", "schedule: immediate"),
            same,
            "17.2.5",
            "policy/recommended/no-immediate-schedule",
            "clusters/prod/autoupdate_version.yaml",
            9),
        Arguments.of(
            named("a v1 window on Sunday", same),
            same,
            (UnaryOperator<String>) m -> m.replace("[Mon, Wed]", "[Mon, Sun]"),
            "17.2.5",
            "policy/recommended/no-weekend-maintenance-windows",
            "clusters/prod/cluster_maintenance_config.yaml",
            6),
        Arguments.of(
            named("critical on a minor release", same),
            same,
            same,
            "17.3.0",
            "policy/recommended/critical-only-for-patch-bumps",
            "channels/stable/rolling/critical",
            1));
  }

  @ParameterizedTest
  @MethodSource
  void violations(
      UnaryOperator<String> config,
      UnaryOperator<String> version,
      UnaryOperator<String> maintenance,
      String channelVersion,
      String rule,
      String file,
      int line) {
    Findings findings = evaluate(config, version, maintenance, channelVersion, "yes");
    assertThat(findings.items())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.rule()).isEqualTo(rule);
              assertThat(f.location().file()).isEqualTo(file);
              assertThat(f.location().line()).isEqualTo(line);
            });
  }

  /**
   * One cluster named prod and a channel, read by the repository parser, compared with a base whose
   * channel serves 17.2.3.
   */
  private static Findings evaluate(
      UnaryOperator<String> config,
      UnaryOperator<String> version,
      UnaryOperator<String> maintenance,
      String channelVersion,
      String critical) {
    MemoryTree tree =
        MemoryTree.of(
            "clusters/prod/autoupdate_config.yaml", config.apply(CONFIG),
            "clusters/prod/autoupdate_version.yaml", version.apply(VERSION),
            "clusters/prod/cluster_maintenance_config.yaml", maintenance.apply(MAINTENANCE),
            "channels/stable/rolling/version", channelVersion + "\n",
            "channels/stable/rolling/critical", critical + "\n");
    ParseResult parsed = new RepositoryParser().parse(tree);
    assertThat(parsed.findings().items()).as("the parser accepts the fixture").isEmpty();
    DesiredState base =
        Docs.state(parsed.state().clusters(), Docs.channel("stable/rolling", "17.2.3", "no"));
    Findings findings = pack.evaluate(parsed.state(), Optional.of(base), ValidationContext.OFFLINE);
    assertThat(findings.stream().map(Finding::rule))
        .allMatch(r -> r.startsWith("policy/recommended/"));
    return findings;
  }
}
