package dev.lockstep.validate;

import static dev.lockstep.validate.Fixtures.set;
import static dev.lockstep.validate.RuleCase.fails;
import static dev.lockstep.validate.RuleCase.passes;
import static dev.lockstep.validate.ValidatorRulesTest.CLUSTER_YAML;
import static dev.lockstep.validate.ValidatorRulesTest.withClusterYaml;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.finding.Finding;
import dev.lockstep.finding.Rule;
import dev.lockstep.model.HaltAction;
import dev.lockstep.model.HaltSpec;
import dev.lockstep.parse.RepositoryParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code spec.halt} rules ({@link HaltRules}): each row changes one thing in a valid cluster. */
class HaltRulesTest {

  static Named<RuleCase> row(String name, RuleCase c) {
    return Named.named(name, c);
  }

  static Stream<Named<RuleCase>> rows() {
    return Stream.of(
        row(
            "action: pause -> error",
            fails(
                HaltRules.ACTION,
                CLUSTER_YAML,
                "spec.halt.action",
                withClusterYaml(set("halt", Map.of("action", "pause"))))),
        row(
            "a check's action: halt -> error",
            fails(
                HaltRules.ACTION,
                CLUSTER_YAML,
                "spec.halt.stalled.action",
                withClusterYaml(set("halt", Map.of("stalled", Map.of("action", "halt")))))),
        row(
            "a custom check's action: stop -> error",
            fails(
                HaltRules.ACTION,
                CLUSTER_YAML,
                "spec.halt.custom[0].action",
                withClusterYaml(
                    set(
                        "halt",
                        Map.of(
                            "custom",
                            List.of(
                                Map.of("name", "x", "expression", "true", "action", "stop"))))))),
        row(
            "action: notify -> fine",
            passes(HaltRules.ACTION, withClusterYaml(set("halt", Map.of("action", "notify"))))),
        row(
            "failure_limit: 0 -> error",
            fails(
                HaltRules.VALUE,
                CLUSTER_YAML,
                "spec.halt.failure_limit",
                withClusterYaml(set("halt", Map.of("failure_limit", 0L))))),
        row(
            "reconciler_error.samples: 2000 -> error",
            fails(
                HaltRules.VALUE,
                CLUSTER_YAML,
                "spec.halt.reconciler_error.samples",
                withClusterYaml(
                    set("halt", Map.of("reconciler_error", Map.of("samples", 2000L)))))),
        row(
            "canary_timeout.after: 0s -> error",
            fails(
                HaltRules.VALUE,
                CLUSTER_YAML,
                "spec.halt.canary_timeout.after",
                withClusterYaml(set("halt", Map.of("canary_timeout", Map.of("after", "0s")))))),
        row(
            "stalled.window: -5m -> error",
            fails(
                HaltRules.VALUE,
                CLUSTER_YAML,
                "spec.halt.stalled.window",
                withClusterYaml(set("halt", Map.of("stalled", Map.of("window", "-5m")))))),
        row(
            "stalled.min_gain: -1 -> error",
            fails(
                HaltRules.VALUE,
                CLUSTER_YAML,
                "spec.halt.stalled.min_gain",
                withClusterYaml(set("halt", Map.of("stalled", Map.of("min_gain", -1L)))))),
        row(
            "attrition.min_present_ratio: 85 (a percent) -> error",
            fails(
                HaltRules.VALUE,
                CLUSTER_YAML,
                "spec.halt.attrition.min_present_ratio",
                withClusterYaml(
                    set("halt", Map.of("attrition", Map.of("min_present_ratio", 85L)))))),
        row(
            "every threshold in range -> fine",
            passes(
                HaltRules.VALUE,
                withClusterYaml(
                    set(
                        "halt",
                        Map.of(
                            "failure_limit",
                            5L,
                            "canary_timeout",
                            Map.of("after", "2h"),
                            "stalled",
                            Map.of("window", "45m", "min_gain", 0L),
                            "attrition",
                            Map.of("min_present_ratio", 1L),
                            "reconciler_error",
                            Map.of("samples", 1L)))))),
        row(
            "a custom check without a name -> error",
            fails(
                HaltRules.CUSTOM_NAME,
                CLUSTER_YAML,
                "spec.halt.custom[0]",
                withClusterYaml(
                    set("halt", Map.of("custom", List.of(Map.of("expression", "true"))))))),
        row(
            "a custom check named Min_Agents -> error",
            fails(
                HaltRules.CUSTOM_NAME,
                CLUSTER_YAML,
                "spec.halt.custom[0].name",
                withClusterYaml(
                    set(
                        "halt",
                        Map.of(
                            "custom",
                            List.of(Map.of("name", "Min_Agents", "expression", "true"))))))),
        row(
            "two custom checks named alike -> error on the second",
            fails(
                HaltRules.CUSTOM_NAME,
                CLUSTER_YAML,
                "spec.halt.custom[1].name",
                withClusterYaml(
                    set(
                        "halt",
                        Map.of(
                            "custom",
                            List.of(
                                Map.of("name", "a", "expression", "true"),
                                Map.of("name", "a", "expression", "false"))))))),
        row(
            "custom checks with distinct names -> fine",
            passes(
                HaltRules.CUSTOM_NAME,
                withClusterYaml(
                    set(
                        "halt",
                        Map.of(
                            "custom",
                            List.of(
                                Map.of("name", "a", "expression", "true"),
                                Map.of("name", "min-agents-2", "expression", "true"))))))),
        row(
            "a custom expression that does not compile -> error",
            fails(
                HaltRules.CUSTOM_EXPRESSION,
                CLUSTER_YAML,
                "spec.halt.custom[0].expression",
                withClusterYaml(
                    set(
                        "halt",
                        Map.of(
                            "custom",
                            List.of(Map.of("name", "a", "expression", "group.present >="))))))),
        row(
            "a custom expression naming an unknown variable -> error",
            fails(
                HaltRules.CUSTOM_EXPRESSION,
                CLUSTER_YAML,
                "spec.halt.custom[0].expression",
                withClusterYaml(
                    set(
                        "halt",
                        Map.of(
                            "custom",
                            List.of(Map.of("name", "a", "expression", "object.spec == 1"))))))),
        row(
            "a custom check without an expression -> error",
            fails(
                HaltRules.CUSTOM_EXPRESSION,
                CLUSTER_YAML,
                "spec.halt.custom[0]",
                withClusterYaml(set("halt", Map.of("custom", List.of(Map.of("name", "a"))))))),
        row(
            "a custom expression over every variable -> fine",
            passes(
                HaltRules.CUSTOM_EXPRESSION,
                withClusterYaml(
                    set(
                        "halt",
                        Map.of(
                            "custom",
                            List.of(
                                Map.of(
                                    "name",
                                    "a",
                                    "expression",
                                    "group.present >= 3 || rollout.strategy == 'time-based'"
                                        + " || size(history) < 2 || reports.agents > 0"))))))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void rule(RuleCase c) {
    new ValidatorRulesTest().rule(c);
  }

  @Test
  void everyHaltRuleHasAFailingAndAPassingRow() {
    Set<String> failing = new HashSet<>();
    Set<String> passing = new HashSet<>();
    rows().map(Named::getPayload).forEach(c -> (c.isFailing() ? failing : passing).add(c.rule()));
    Set<String> all = new HashSet<>(HaltRules.ALL.stream().map(Rule::id).toList());

    assertThat(failing).isEqualTo(all);
    assertThat(passing).isEqualTo(all);
    assertThat(Rules.all()).containsAll(HaltRules.ALL);
  }

  @Test
  void aCompleteHaltBlockInYamlParsesValidatesAndReadsBack(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("cluster.yaml"),
        """
        kind: lockstep_cluster
        metadata:
          name: prod
        spec:
          auth_version: 17.2.1
          halt:
            action: suspend
            failure_limit: 4
            canary_timeout:
              after: 90m
            stalled:
              window: 45m
              min_gain: 2
            attrition:
              min_present_ratio: 0.8
            reconciler_error:
              samples: 5
            undefined_groups:
              action: notify
            custom:
              - name: min-agents
                expression: group.present >= 3 || group.state != 'active'
                message: fewer than 3 agents left in the group
                action: notify
        """);

    var parsed = new RepositoryParser().parsePath(dir.resolve("cluster.yaml"));
    List<Finding> findings =
        parsed
            .findings()
            .plus(new Validator().validate(parsed.state(), ValidationContext.OFFLINE))
            .items();
    HaltSpec halt = parsed.state().clusters().get(0).haltSpec();

    assertThat(findings).isEmpty();
    assertThat(halt.action()).contains(HaltAction.SUSPEND);
    assertThat(halt.failureLimit()).isEqualTo(4);
    assertThat(halt.canaryTimeout().after()).isEqualTo(Duration.ofMinutes(90));
    assertThat(halt.stalled().window()).isEqualTo(Duration.ofMinutes(45));
    assertThat(halt.stalled().minGain()).isEqualTo(2);
    assertThat(halt.attrition().minPresentRatio()).isEqualTo(0.8);
    assertThat(halt.reconcilerError().samples()).isEqualTo(5);
    assertThat(halt.undefinedGroups().action()).contains(HaltAction.NOTIFY);
    assertThat(halt.custom())
        .singleElement()
        .satisfies(c -> assertThat(c.common().action()).contains(HaltAction.NOTIFY));
  }

  @Test
  void aMisspeltHaltKeyIsAParseErrorWithAHint(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("cluster.yaml"),
        """
        kind: lockstep_cluster
        spec:
          halt:
            failure_limt: 4
            attrition:
              min_present_ratio: "0.8"
        """);

    var parsed = new RepositoryParser().parsePath(dir.resolve("cluster.yaml"));

    assertThat(parsed.findings().items())
        .extracting(f -> f.location().line() + " " + f.rule() + " " + f.message())
        .anySatisfy(m -> assertThat(m).startsWith("4 ").contains("failure_limit"))
        .anySatisfy(m -> assertThat(m).startsWith("6 ").contains("a number such as 0.85"));
  }
}
