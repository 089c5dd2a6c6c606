package dev.lockstep.cluster;

import static dev.lockstep.model.TestResources.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.lockstep.cluster.ApplyReport.Outcome;
import dev.lockstep.cluster.ApplyReport.ResourceResult;
import dev.lockstep.cluster.ApplyReport.Status;
import dev.lockstep.finding.Finding;
import dev.lockstep.finding.Findings;
import dev.lockstep.finding.Rule;
import dev.lockstep.finding.Severity;
import dev.lockstep.model.Resource;
import dev.lockstep.model.ResourceId;
import dev.lockstep.model.ResourceKind;
import dev.lockstep.model.SourceLocation;
import dev.lockstep.model.TestResources;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApplierTest {
  static final ResourceId CMC = ResourceId.singleton(ResourceKind.CLUSTER_MAINTENANCE_CONFIG);
  static final ResourceId CONFIG = ResourceId.singleton(ResourceKind.AUTOUPDATE_CONFIG);
  static final ResourceId VERSION = ResourceId.singleton(ResourceKind.AUTOUPDATE_VERSION);

  final FakeClusterTarget cluster = new FakeClusterTarget();
  final Applier applier = new Applier(cluster, TargetKind.TCTL);

  static Resource cmc(long hour) {
    return TestResources.of(
        ResourceKind.CLUSTER_MAINTENANCE_CONFIG,
        map("agent_upgrades", map("utc_start_hour", hour)));
  }

  static Resource config(String mode) {
    return TestResources.of(
        ResourceKind.AUTOUPDATE_CONFIG,
        map("agents", map("mode", mode, "strategy", "halt-on-error")));
  }

  static Resource version(String target) {
    return TestResources.of(
        ResourceKind.AUTOUPDATE_VERSION,
        map(
            "agents",
            map(
                "start_version",
                "17.2.0",
                "target_version",
                target,
                "schedule",
                "regular",
                "mode",
                "enabled")));
  }

  @Test
  void writesInResourceKindOrderWhateverTheInputOrder() {
    ApplyReport report =
        applier.apply(
            "main@1",
            List.of(version("17.3.0"), config("enabled"), cmc(2)),
            Findings.NONE,
            false,
            false);

    assertThat(report.status()).isEqualTo(Status.APPLIED);
    assertThat(cluster.calls)
        .containsExactly(
            "apply cluster_maintenance_config/cluster-maintenance-config",
            "apply autoupdate_config/autoupdate-config",
            "apply autoupdate_version/autoupdate-version");
  }

  @Test
  void anyErrorFindingAppliesNothingAndDoesNotTouchTheCluster() {
    cluster.setUnreachable(true); // proves the cluster is not even read
    Finding error =
        Finding.error(
            new Rule("teleport/example", Severity.ERROR, "x"),
            "bad",
            new SourceLocation("version.yaml", 3, 5),
            "spec");
    Finding warning =
        Finding.warning(
            new Rule("teleport/other", Severity.WARNING, "x"),
            "meh",
            new SourceLocation("config.yaml", 1, 1),
            "");

    ApplyReport report =
        applier.apply(
            "main@2",
            List.of(config("enabled"), version("17.3.0")),
            Findings.of(error, warning),
            false,
            false);

    assertThat(report.status()).isEqualTo(Status.BLOCKED);
    assertThat(report.blocking().items()).containsExactly(error);
    assertThat(report.results()).isEmpty();
    assertThat(report.message())
        .isEqualTo("Revision main@2 has 1 error finding(s): nothing was applied");
    assertThat(cluster.calls).isEmpty();
  }

  @Test
  void maintenanceConfigOnTheOperatorBlocksTheWholeRevision() {
    FakeClusterTarget operator = new FakeClusterTarget();
    ApplyReport report =
        new Applier(operator, TargetKind.KUBERNETES)
            .apply("main@3", List.of(cmc(2), config("enabled")), Findings.NONE, false, false);

    assertThat(report.status()).isEqualTo(Status.BLOCKED);
    assertThat(report.blocking().items())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.rule()).isEqualTo("cluster/unsupported-kind");
              assertThat(f.location().file()).isEqualTo("cluster_maintenance_config.yaml");
              assertThat(f.message()).contains("use --target tctl");
            });
    assertThat(operator.calls).isEmpty();
  }

  @Test
  void onlyWhatDiffersIsWritten() {
    cluster.put(cmc(2));
    cluster.put(config("enabled"));

    ApplyReport report =
        applier.apply(
            "main@4",
            List.of(cmc(2), config("suspended"), version("17.3.0")),
            Findings.NONE,
            false,
            false);

    assertThat(cluster.calls)
        .containsExactly(
            "apply autoupdate_config/autoupdate-config",
            "apply autoupdate_version/autoupdate-version");
    assertThat(report.results())
        .extracting(ResourceResult::id, ResourceResult::change, ResourceResult::outcome)
        .containsExactly(
            tuple(CMC, ChangeKind.NOOP, Outcome.UNCHANGED),
            tuple(CONFIG, ChangeKind.UPDATE, Outcome.APPLIED),
            tuple(VERSION, ChangeKind.CREATE, Outcome.APPLIED));
    assertThat(report.results().get(1).fields())
        .containsExactly(new FieldChange("spec.agents.mode", "suspended", "enabled"));
  }

  @Test
  void secondRunOfTheSameRevisionIsUnchanged() {
    List<Resource> desired = List.of(config("enabled"), version("17.3.0"));
    applier.apply("main@5", desired, Findings.NONE, false, false);
    cluster.calls.clear();

    ApplyReport again = applier.apply("main@5", desired, Findings.NONE, false, false);

    assertThat(again.status()).isEqualTo(Status.UNCHANGED);
    assertThat(again.message()).isEqualTo("Revision main@5 is already applied");
    assertThat(cluster.calls).isEmpty();
  }

  @Test
  void failureStopsLaterWritesWhichAreReportedAndRetriedNextRun() {
    cluster.failWrites(CONFIG, 1);
    List<Resource> desired = List.of(cmc(2), config("enabled"), version("17.3.0"));

    ApplyReport first = applier.apply("main@6", desired, Findings.NONE, false, false);

    assertThat(first.status()).isEqualTo(Status.FAILED);
    assertThat(first.results())
        .extracting(ResourceResult::id, ResourceResult::outcome)
        .containsExactly(
            tuple(CMC, Outcome.APPLIED),
            tuple(CONFIG, Outcome.FAILED),
            tuple(VERSION, Outcome.SKIPPED));
    assertThat(first.results().get(2).message())
        .contains("autoupdate_config/autoupdate-config failed");
    assertThat(cluster.get(VERSION)).isNull();

    ApplyReport retry = applier.apply("main@6", desired, Findings.NONE, false, false);

    assertThat(retry.status()).isEqualTo(Status.APPLIED);
    assertThat(retry.results())
        .extracting(ResourceResult::outcome)
        .containsExactly(Outcome.UNCHANGED, Outcome.APPLIED, Outcome.APPLIED);
  }

  @Test
  void resourceRemovedFromGitIsLeftAndReportedWithoutPrune() {
    cluster.put(cmc(2));

    ApplyReport report =
        applier.apply("main@7", List.of(config("enabled")), Findings.NONE, false, false);

    assertThat(report.results())
        .extracting(ResourceResult::id, ResourceResult::change, ResourceResult::outcome)
        .containsExactly(
            tuple(CONFIG, ChangeKind.CREATE, Outcome.APPLIED),
            tuple(CMC, ChangeKind.DELETE, Outcome.LEFT));
    assertThat(cluster.get(CMC)).isNotNull();
  }

  @Test
  void pruneDeletesInReverseApplyOrderAfterTheWrites() {
    cluster.put(cmc(2));
    cluster.put(version("17.3.0"));

    ApplyReport report =
        applier.apply("main@8", List.of(config("enabled")), Findings.NONE, false, true);

    assertThat(report.status()).isEqualTo(Status.APPLIED);
    assertThat(cluster.calls)
        .containsExactly(
            "apply autoupdate_config/autoupdate-config",
            "delete autoupdate_version/autoupdate-version",
            "delete cluster_maintenance_config/cluster-maintenance-config");
  }

  @Test
  void dryRunReportsEveryChangeAndWritesNothing() {
    cluster.put(cmc(2));

    ApplyReport report =
        applier.apply("main@9", List.of(config("enabled")), Findings.NONE, true, true);

    assertThat(report.status()).isEqualTo(Status.DRY_RUN);
    assertThat(report.results())
        .extracting(ResourceResult::outcome)
        .containsExactly(Outcome.WOULD_APPLY, Outcome.WOULD_APPLY);
    assertThat(cluster.calls).isEmpty();
  }

  @Test
  void unreachableClusterIsAFailedReportNotAnException() {
    cluster.setUnreachable(true);

    ApplyReport report =
        applier.apply("main@10", List.of(config("enabled")), Findings.NONE, false, false);

    assertThat(report.status()).isEqualTo(Status.FAILED);
    assertThat(report.message()).isEqualTo("Cannot read the fake target: fake cluster is down");
  }
}
