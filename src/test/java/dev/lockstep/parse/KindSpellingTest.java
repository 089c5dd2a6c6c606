package dev.lockstep.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.lockstep.finding.Finding;
import dev.lockstep.finding.Severity;
import dev.lockstep.model.ClusterSource;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 15 item 2: tctl looks a kind up by its exact spelling, so a near miss of a kind Lockstep
 * manages is an error that names the kind meant (the document is not silently dropped), a foreign
 * kind stays a warning, and the one mix-up Teleport itself tolerates is accepted without a word.
 */
class KindSpellingTest {

  static final String FILE = "clusters/prod/a.yaml";
  static final String POLICY_FILE = "policies/p.yaml";

  static Stream<Arguments> misspelt() {
    return Stream.of(
        row("a plural", "autoupdate_configs", "autoupdate_config"),
        row("camel case", "AutoupdateConfig", "autoupdate_config"),
        row("dashes", "autoupdate-version", "autoupdate_version"),
        row("capitals with underscores", "Autoupdate_Version", "autoupdate_version"),
        row("a typo of two letters", "autoupdate_cofnig", "autoupdate_config"),
        row("dashes on Lockstep's own kind", "lockstep-cluster", "lockstep_cluster"),
        row("the camel case of Lockstep's own kind", "LockstepCluster", "lockstep_cluster"),
        row(
            "the maintenance config in the plural",
            "cluster_maintenance_configs",
            "cluster_maintenance_config"),
        row(
            "the maintenance config in capitals",
            "Cluster-Maintenance-Config",
            "cluster_maintenance_config"),
        row("a policy in the plural, in policies/", "lockstep_policies", "lockstep_policy"));
  }

  @ParameterizedTest
  @MethodSource("misspelt")
  void aNearMissOfAManagedKindIsAnErrorNamingTheKindMeant(String written, String meant) {
    String file = meant.equals("lockstep_policy") ? POLICY_FILE : FILE;
    ParseResult result =
        new RepositoryParser()
            .parse(MemoryTree.of(file, "kind: " + written + "\nmetadata: {name: x}\nspec: {}\n"));

    List<Finding> findings = result.findings().items();
    assertThat(findings).as("findings: %s", findings).hasSize(1);
    Finding f = findings.get(0);
    assertThat(f.rule()).isEqualTo(ParseRules.MISSPELT_KIND.id());
    assertThat(f.severity()).isEqualTo(Severity.ERROR);
    assertThat(f.location().file()).isEqualTo(file);
    assertThat(f.location().line()).isEqualTo(1);
    assertThat(f.location().column()).isEqualTo(7);
    assertThat(f.message())
        .contains("\"" + written + "\"")
        .contains("did you mean \"" + meant + "\"?");
    assertThat(result.state().clusters().stream().flatMap(c -> c.resources().stream()))
        .as("the misspelt document is not read as a resource")
        .isEmpty();
  }

  static Stream<Arguments> foreign() {
    return Stream.of(
        arguments(named("a Teleport role", "role")),
        arguments(named("a Kubernetes Deployment", "Deployment")),
        arguments(named("a Kubernetes ConfigMap", "ConfigMap")),
        arguments(named("the operator's custom resource", "TeleportAutoupdateConfigV1")),
        arguments(named("Teleport's system-owned rollout", "autoupdate_agent_rollout")),
        arguments(named("another Teleport singleton", "cluster_networking_config")));
  }

  @ParameterizedTest
  @MethodSource("foreign")
  void aForeignKindStaysAWarning(String written) {
    List<Finding> findings =
        new RepositoryParser()
            .parse(MemoryTree.of(FILE, "kind: " + written + "\nmetadata: {name: x}\n"))
            .findings()
            .items();

    assertThat(findings).as("findings: %s", findings).hasSize(1);
    assertThat(findings.get(0).rule()).isEqualTo(ParseRules.UNKNOWN_KIND.id());
    assertThat(findings.get(0).severity()).isEqualTo(Severity.WARNING);
    assertThat(findings.get(0).message()).doesNotContain("did you mean");
  }

  @org.junit.jupiter.api.Test
  void theDashedMaintenanceConfigKindTeleportToleratesIsAcceptedSilently() {
    ParseResult result =
        new RepositoryParser()
            .parse(
                MemoryTree.of(
                    FILE,
                    "kind: cluster-maintenance-config\nversion: v1\n"
                        + "spec: {agent_upgrades: {utc_start_hour: 2}}\n"));

    assertThat(result.findings().items()).isEmpty();
    ClusterSource cluster = result.state().clusters().get(0);
    assertThat(cluster.resources()).hasSize(1);
  }

  private static Arguments row(String name, String written, String meant) {
    return arguments(named(name, written), meant);
  }
}
