package dev.lockstep.validate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.finding.Finding;
import dev.lockstep.model.ClusterSource;
import dev.lockstep.model.DesiredState;
import dev.lockstep.model.Resource;
import dev.lockstep.validate.ValidationContext;
import dev.lockstep.validate.policy.CelEnvironment.ContextRead;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rules run once per distinct input (document, field, and what they read of {@code cluster}, {@code
 * resources} and {@code base}): clusters that share a document but differ in what a rule reads must
 * still get their own verdicts, at their own files.
 */
class SharedEvaluationTest {
  private static final String VERSION_YAML =
      """
      kind: autoupdate_version
      metadata:
        name: autoupdate-version
      spec:
        agents:
          start_version: 17.2.1
          target_version: 17.2.3
          schedule: regular
          mode: enabled
      """;
  private static final String CONFIG_YAML =
      """
      kind: autoupdate_config
      metadata:
        name: autoupdate-config
      spec:
        agents:
          mode: enabled
          strategy: halt-on-error
          schedules:
            regular:
              - {name: dev, days: [Mon], start_hour: 4}
      """;

  static Stream<Arguments> reads() {
    return Stream.of(
        Arguments.of("object.spec.agents.mode == 'enabled'", Set.of()),
        Arguments.of("self == 'x' && index >= 0 && channels.size() > 0", Set.of()),
        Arguments.of(
            "semver(cluster.control_plane_version).major() >= 17",
            Set.of(new ContextRead("cluster", "control_plane_version"))),
        Arguments.of(
            "has(cluster.channels) && cluster.proxy != ''",
            Set.of(new ContextRead("cluster", "channels"), new ContextRead("cluster", "proxy"))),
        Arguments.of("cluster['name'] != ''", Set.of(new ContextRead("cluster", null))),
        Arguments.of("resources.all(r, r.kind != 'x')", Set.of(new ContextRead("resources", null))),
        Arguments.of(
            "base == null || base.spec.agents.mode == 'enabled'",
            Set.of(new ContextRead("base", null), new ContextRead("base", "spec"))),
        // a comprehension variable named like a per-cluster variable: every use counts as whole
        Arguments.of(
            "[1].all(cluster, cluster > 0) && cluster.name != ''",
            Set.of(new ContextRead("cluster", null))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void reads(String expression, Set<ContextRead> expected) throws Exception {
    CelEnvironment cel = new CelEnvironment(PolicyLimits.DEFAULT);
    assertThat(cel.condition(expression).reads()).containsExactlyInAnyOrderElementsOf(expected);
  }

  @ParameterizedTest(name = "{0} reads the document: {1}")
  @org.junit.jupiter.params.provider.CsvSource(
      delimiter = '|',
      value = {
        "cluster.proxy != ''                      | false",
        "resources.size() > 0 && channels.size() > 0 | false",
        "object.kind != ''                        | true",
        "self != null                             | true",
        "index >= 0                               | true",
        "[1].all(self, self > 0)                  | true",
      })
  void readsDocument(String expression, boolean expected) throws Exception {
    assertThat(new CelEnvironment(PolicyLimits.DEFAULT).condition(expression).readsDocument())
        .isEqualTo(expected);
  }

  /**
   * Clusters c0..c5 with equal documents from their own files; {@code vary} gives each its
   * descriptor.
   */
  private static DesiredState fleet(
      java.util.function.IntFunction<String> descriptorSpec, boolean secondResourceOnOdd) {
    List<ClusterSource> clusters = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String dir = "clusters/c" + i + "/";
      Resource descriptor =
          Docs.resource(
              dir + "cluster.yaml",
              """
          kind: lockstep_cluster
          metadata:
            name: c%d
          spec:
          %s"""
                  .formatted(i, descriptorSpec.apply(i).indent(2)));
      List<Resource> resources =
          new ArrayList<>(List.of(Docs.resource(dir + "autoupdate_version.yaml", VERSION_YAML)));
      if (secondResourceOnOdd && i % 2 == 1) {
        resources.add(Docs.resource(dir + "autoupdate_config.yaml", CONFIG_YAML));
      }
      clusters.add(Docs.cluster("c" + i, descriptor, resources.toArray(Resource[]::new)));
    }
    return Docs.state(clusters);
  }

  /**
   * The clusters the rule flags, checked twice: with a message built from {@code object} (the rule
   * reads the document) and with a fixed message (it may not), which must agree.
   */
  private static List<String> flagged(
      DesiredState state, Optional<DesiredState> base, String expression) {
    List<String> readingDocument =
        flagged(
            state, base, expression, "messageExpression: \"'flagged in ' + object.metadata.name\"");
    List<String> fixedMessage = flagged(state, base, expression, "message: flagged");
    assertThat(fixedMessage).as("with a fixed message").isEqualTo(readingDocument);
    return readingDocument;
  }

  private static List<String> flagged(
      DesiredState state, Optional<DesiredState> base, String expression, String message) {
    LoadedPolicies loaded =
        new PolicyEngine()
            .load(
                List.of(
                    Docs.policy(
                        "p",
                        """
        - name: r
          match: {kinds: [autoupdate_version]}
          field: spec.agents.target_version
          expression: "%s"
          %s
        """
                            .formatted(expression.replace("\"", "\\\""), message))));
    assertThat(loaded.findings().items()).isEmpty();
    List<Finding> findings = loaded.evaluate(state, base, ValidationContext.OFFLINE).items();
    assertThat(findings)
        .allSatisfy(
            f -> {
              assertThat(f.rule()).as(f.message()).isEqualTo("policy/p/r");
              assertThat(f.location().file()).matches("clusters/c\\d/autoupdate_version.yaml");
              assertThat(f.location().line()).isEqualTo(7);
            });
    return findings.stream().map(f -> f.location().file().split("/")[1]).sorted().toList();
  }

  @Test
  void fieldOfClusterThatDiffers() {
    DesiredState state = fleet(i -> "auth_version: " + (i % 3 == 0 ? "17.2.1" : "17.4.0"), false);
    assertThat(
            flagged(
                state,
                Optional.empty(),
                "semver(self).compare(semver(cluster.control_plane_version)) <= 0"))
        .containsExactly("c0", "c3");
  }

  @Test
  void wholeCluster() {
    DesiredState state = fleet(i -> "auth_version: 17.4.0", false);
    assertThat(flagged(state, Optional.empty(), "cluster['name'] != 'c4'")).containsExactly("c4");
  }

  @Test
  void resourcesThatDiffer() {
    DesiredState state = fleet(i -> "auth_version: 17.4.0", true);
    assertThat(flagged(state, Optional.empty(), "resources.size() == 2"))
        .containsExactly("c0", "c2", "c4");
  }

  @Test
  void baseThatDiffers() {
    DesiredState state = fleet(i -> "auth_version: 17.4.0", false);
    List<ClusterSource> baseClusters = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      // c1 and c5 had a different target before: a change; the others are unchanged
      String yaml =
          VERSION_YAML.replace(
              "target_version: 17.2.3",
              "target_version: " + (i == 1 || i == 5 ? "17.2.2" : "17.2.3"));
      baseClusters.add(
          Docs.cluster(
              "c" + i, null, Docs.resource("clusters/c" + i + "/autoupdate_version.yaml", yaml)));
    }
    DesiredState base = Docs.state(baseClusters);
    assertThat(flagged(state, Optional.of(base), "base.spec.agents.target_version == self"))
        .containsExactly("c1", "c5");
    assertThat(flagged(state, Optional.empty(), "base == null")).isEmpty();
  }

  @Test
  void equalInputsGiveEqualVerdictsEverywhere() {
    DesiredState state = fleet(i -> "auth_version: 17.2.1", false);
    assertThat(
            flagged(
                state,
                Optional.empty(),
                "semver(self).compare(semver(cluster.control_plane_version)) <= 0"))
        .containsExactlyElementsOf(Arrays.asList("c0", "c1", "c2", "c3", "c4", "c5"));
  }
}
