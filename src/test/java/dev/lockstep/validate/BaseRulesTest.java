package dev.lockstep.validate;

import static dev.lockstep.model.TestResources.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import dev.lockstep.finding.Finding;
import dev.lockstep.finding.Findings;
import dev.lockstep.finding.Severity;
import dev.lockstep.model.ClusterSource;
import dev.lockstep.model.DesiredState;
import dev.lockstep.model.ResourceKind;
import dev.lockstep.model.TestResources;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BaseRulesTest {

  static DesiredState state(String revision, String agentsTarget, String toolsTarget) {
    var spec =
        map(
            "tools", map("target_version", toolsTarget),
            "agents",
                map(
                    "start_version",
                    agentsTarget,
                    "target_version",
                    agentsTarget,
                    "schedule",
                    "regular",
                    "mode",
                    "enabled"));
    var version =
        TestResources.of(ResourceKind.AUTOUPDATE_VERSION, spec, "clusters/prod/autoupdate.yaml");
    return new DesiredState(
        revision,
        List.of(new ClusterSource("prod", "clusters/prod", null, List.of(version))),
        List.of(),
        List.of());
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            named(
                "same major -> no finding", new String[] {"17.2.1", "17.2.1", "17.0.0", "17.0.0"}),
            List.of()),
        Arguments.of(
            named(
                "one major up -> no finding",
                new String[] {"18.0.0", "18.0.0", "17.4.2", "17.4.2"}),
            List.of()),
        Arguments.of(
            named(
                "downgrade -> not this rule",
                new String[] {"16.0.0", "16.0.0", "17.4.2", "17.4.2"}),
            List.of()),
        Arguments.of(
            named(
                "agents skip a major -> error at agents.target_version",
                new String[] {"19.0.1", "18.0.0", "17.4.2", "18.0.0"}),
            List.of("spec.agents.target_version")),
        Arguments.of(
            named("both skip -> two errors", new String[] {"19.0.1", "19.0.1", "17.4.2", "17.4.2"}),
            List.of("spec.agents.target_version", "spec.tools.target_version")),
        Arguments.of(
            named(
                "unparsable base -> left to the version rules",
                new String[] {"19.0.1", "19.0.1", "latest", "latest"}),
            List.of()));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void majorSkip(String[] v, List<String> paths) {
    Findings f = BaseRules.check(state("pr", v[0], v[1]), state("main@1a2b3c4d", v[2], v[3]));
    assertThat(f.items()).extracting(Finding::path).containsExactlyElementsOf(paths);
    assertThat(f.items())
        .allSatisfy(
            x -> {
              assertThat(x.rule()).isEqualTo("compat/major-skip");
              assertThat(x.severity()).isEqualTo(Severity.ERROR);
              assertThat(x.location().file()).isEqualTo("clusters/prod/autoupdate.yaml");
              assertThat(x.message()).contains("main@1a2b3c4d").contains("skips a major version");
            });
  }

  @ParameterizedTest
  @MethodSource("cases")
  void aClusterNewInThisRevisionIsNotCompared(String[] v, List<String> ignored) {
    DesiredState base = new DesiredState("main@1", List.of(), List.of(), List.of());
    assertThat(BaseRules.check(state("pr", v[0], v[1]), base).isEmpty()).isTrue();
  }
}
