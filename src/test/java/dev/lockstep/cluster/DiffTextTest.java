package dev.lockstep.cluster;

import static dev.lockstep.model.TestResources.list;
import static dev.lockstep.model.TestResources.map;

import dev.lockstep.finding.Findings;
import dev.lockstep.model.Resource;
import dev.lockstep.model.ResourceKind;
import dev.lockstep.model.TestResources;
import dev.lockstep.testing.Golden;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiffTextTest {
  final FakeClusterTarget cluster = new FakeClusterTarget();

  static Resource config(long startHour) {
    return TestResources.of(
        ResourceKind.AUTOUPDATE_CONFIG,
        map(
            "agents",
            map(
                "mode",
                "enabled",
                "strategy",
                "halt-on-error",
                "schedules",
                map(
                    "regular",
                    list(map("name", "dev", "days", list("Mon"), "start_hour", startHour))))),
        "clusters/prod/config.yaml");
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
                "enabled")),
        "clusters/prod/version.yaml");
  }

  @Test
  void diffWithCreateUpdateUnchangedAndLeft() throws Exception {
    cluster.put(config(4));
    cluster.put(
        TestResources.of(
            ResourceKind.CLUSTER_MAINTENANCE_CONFIG,
            map("agent_upgrades", map("utc_start_hour", 2L))));
    ClusterDiff diff =
        new Applier(cluster, TargetKind.TCTL).diff(List.of(config(5), version("17.3.0")), false);

    Golden.assertMatches(DiffTextTest.class, "diff", DiffText.render(diff));
  }

  @Test
  void noChanges() throws Exception {
    cluster.put(version("17.3.0"));
    ClusterDiff diff =
        new Applier(cluster, TargetKind.TCTL).diff(List.of(version("17.3.0")), false);

    Golden.assertMatches(DiffTextTest.class, "no-changes", DiffText.render(diff));
  }

  @Test
  void applyReportWithFailureAndSkip() {
    cluster.failWrites(dev.lockstep.model.ResourceId.singleton(ResourceKind.AUTOUPDATE_CONFIG), 1);
    ApplyReport report =
        new Applier(cluster, TargetKind.TCTL)
            .apply(
                "main@abc1234", List.of(config(5), version("17.3.0")), Findings.NONE, false, false);

    Golden.assertMatches(DiffTextTest.class, "apply-failed", DiffText.render(report));
  }
}
