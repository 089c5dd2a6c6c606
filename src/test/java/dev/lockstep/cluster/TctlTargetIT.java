package dev.lockstep.cluster;

import static dev.lockstep.model.TestResources.list;
import static dev.lockstep.model.TestResources.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.cluster.ApplyReport.Outcome;
import dev.lockstep.cluster.tctl.FakeTctlInstall;
import dev.lockstep.finding.Findings;
import dev.lockstep.model.Resource;
import dev.lockstep.model.ResourceId;
import dev.lockstep.model.ResourceKind;
import dev.lockstep.model.TestResources;
import dev.lockstep.observe.Observation;
import dev.lockstep.observe.ObservedReport;
import dev.lockstep.rollout.GroupState;
import dev.lockstep.rollout.GroupStatus;
import dev.lockstep.rollout.Rollout;
import dev.lockstep.rollout.RolloutState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TctlTarget} running a fake {@code tctl} executable over a state directory. */
class TctlTargetIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "-----BEGIN RSA PRIVATE KEY-----\nMIIsecretkeymaterial\n";

  @TempDir Path tmp;
  Path state;
  Path identity;
  Path tctl;
  TctlTarget target;

  @BeforeEach
  void setUp() throws IOException {
    state = tmp.resolve("state");
    tctl = FakeTctlInstall.install(tmp, state);
    identity = tmp.resolve("identity");
    Files.writeString(identity, SECRET);
    target = target(Duration.ofSeconds(30));
  }

  TctlTarget target(Duration timeout) {
    return new TctlTarget(
        new TctlSettings(
            tctl.toString(),
            Optional.of("127.0.0.1:3025"),
            Optional.of(identity),
            Optional.empty(),
            timeout),
        new ProcessCommandRunner());
  }

  static Resource config() {
    return TestResources.of(
        ResourceKind.AUTOUPDATE_CONFIG,
        map(
            "agents",
            map(
                "mode",
                "enabled",
                "strategy",
                "halt-on-error",
                "maintenance_window_duration",
                "1h",
                "schedules",
                map(
                    "regular",
                    list(
                        map(
                            "name",
                            "dev",
                            "days",
                            list("Mon"),
                            "start_hour",
                            4L,
                            "wait_hours",
                            0L,
                            "canary_count",
                            2L),
                        map(
                            "name",
                            "prod",
                            "days",
                            list("Tue"),
                            "start_hour",
                            4L,
                            "wait_hours",
                            24L))))));
  }

  static Resource version(String schedule) {
    return TestResources.of(
        ResourceKind.AUTOUPDATE_VERSION,
        map(
            "agents",
            map(
                "start_version",
                "17.2.0",
                "target_version",
                "17.3.0",
                "schedule",
                schedule,
                "mode",
                "enabled")));
  }

  static Resource maintenance() {
    return TestResources.of(
        ResourceKind.CLUSTER_MAINTENANCE_CONFIG,
        map("agent_upgrades", map("utc_start_hour", 3L, "weekdays", list("Sun"))));
  }

  List<List<String>> argv() throws IOException {
    List<List<String>> out = new java.util.ArrayList<>();
    for (String line : Files.readAllLines(state.resolve("argv.log"))) {
      out.add(List.of(JSON.readValue(line, String[].class)));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> stored(String kind) throws IOException {
    return JSON.readValue(state.resolve(kind + ".json").toFile(), Map.class);
  }

  @Test
  void createsThroughStdinWithIdentityPassedAsAPath() throws Exception {
    ApplyOutcome outcome = target.apply(config(), false);

    assertThat(outcome.change()).isEqualTo(ChangeKind.CREATE);
    assertThat(outcome.written()).isTrue();
    assertThat(stored("autoupdate_config"))
        .containsEntry("kind", "autoupdate_config")
        .containsEntry("version", "v1");
    assertThat(argv())
        .containsExactly(
            List.of(
                "--auth-server",
                "127.0.0.1:3025",
                "--identity",
                identity.toString(),
                "get",
                "autoupdate_config/autoupdate-config",
                "--format=json"),
            List.of(
                "--auth-server",
                "127.0.0.1:3025",
                "--identity",
                identity.toString(),
                "create",
                "--force"));
    assertThat(Files.readString(state.resolve("argv.log")))
        .doesNotContain("secretkeymaterial")
        .doesNotContain("PRIVATE KEY");
  }

  @Test
  void secondApplyReadsTeleportsStoredFormAsEqualAndWritesNothing() throws Exception {
    target.apply(config(), false);
    // tctl stored 3600s, canary_count as a protojson string, and dropped wait_hours: 0
    assertThat(stored("autoupdate_config").toString())
        .contains("maintenance_window_duration=3600s")
        .contains("canary_count=2");

    ApplyOutcome again = target.apply(config(), false);

    assertThat(again.change()).isEqualTo(ChangeKind.NOOP);
    assertThat(argv()).hasSize(3).last().asList().contains("get");
  }

  @Test
  void appliesClusterMaintenanceConfig() throws Exception {
    target.apply(maintenance(), false);

    assertThat(stored("cluster_maintenance_config").get("spec"))
        .isEqualTo(map("agent_upgrades", map("utc_start_hour", 3, "weekdays", list("Sun"))));
  }

  @Test
  void invalidResourceIsRejectedWithTeleportsMessage() {
    assertThatThrownBy(() -> target.apply(version("weekly"), false))
        .isInstanceOfSatisfying(
            TargetException.class,
            e -> assertThat(e.reason()).isEqualTo(TargetException.Reason.REJECTED))
        .hasMessage(
            "tctl create autoupdate_version/autoupdate-version failed (exit 1): unsupported schedule type: \"weekly\"");
  }

  @Test
  void unreachableAuthServerIsReportedAsUnreachable() throws IOException {
    Files.writeString(state.resolve("unreachable"), "");

    assertThatThrownBy(() -> target.observe(TargetKind.TCTL.managedIds()))
        .isInstanceOfSatisfying(
            TargetException.class,
            e -> assertThat(e.reason()).isEqualTo(TargetException.Reason.UNREACHABLE))
        .hasMessageContaining("cannot connect to the auth server");
  }

  @Test
  void slowTctlIsKilledAtTheTimeout() throws IOException {
    Files.writeString(state.resolve("delay-ms"), "20000");
    long start = System.nanoTime();

    assertThatThrownBy(
            () ->
                target(Duration.ofSeconds(2))
                    .observe(Set.of(ResourceId.singleton(ResourceKind.AUTOUPDATE_VERSION))))
        .isInstanceOfSatisfying(
            TargetException.class,
            e -> assertThat(e.reason()).isEqualTo(TargetException.Reason.UNREACHABLE))
        .hasMessageContaining("did not finish within 2000 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void missingIdentityFileIsNamedByPathNeverByContent() throws IOException {
    Files.delete(identity);

    assertThatThrownBy(
            () -> target.observe(Set.of(ResourceId.singleton(ResourceKind.AUTOUPDATE_CONFIG))))
        .isInstanceOf(TargetException.class)
        .hasMessageContaining(identity.toString());
  }

  @Test
  void liveEditIsReportedByDiffAndUndoneByApply() throws Exception {
    Applier applier = new Applier(target, TargetKind.TCTL);
    List<Resource> desired = List.of(version("regular"));
    applier.apply("main@1", desired, Findings.NONE, false, false);
    // someone runs `tctl edit autoupdate_version` and changes the target
    String edited =
        Files.readString(state.resolve("autoupdate_version.json")).replace("17.3.0", "18.0.0");
    Files.writeString(state.resolve("autoupdate_version.json"), edited);

    ClusterDiff drift = applier.diff(desired, false);
    assertThat(drift.hasChanges()).isTrue();
    assertThat(drift.resources().get(0).fields())
        .containsExactly(new FieldChange("spec.agents.target_version", "17.3.0", "18.0.0"));

    ApplyReport healed = applier.apply("main@1", desired, Findings.NONE, false, false);
    assertThat(healed.status()).isEqualTo(ApplyReport.Status.APPLIED);
    assertThat(applier.diff(desired, false).hasChanges()).isFalse();
  }

  @Test
  void failedSecondWriteIsReportedAndRetriedOnTheNextRun() throws Exception {
    Files.writeString(state.resolve("fail-create-autoupdate_version"), "1");
    Applier applier = new Applier(target, TargetKind.TCTL);
    List<Resource> desired = List.of(version("regular"), config());

    ApplyReport first = applier.apply("main@2", desired, Findings.NONE, false, false);

    assertThat(first.status()).isEqualTo(ApplyReport.Status.FAILED);
    assertThat(first.results())
        .extracting(ApplyReport.ResourceResult::id, ApplyReport.ResourceResult::outcome)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                ResourceId.singleton(ResourceKind.AUTOUPDATE_CONFIG), Outcome.APPLIED),
            org.assertj.core.groups.Tuple.tuple(
                ResourceId.singleton(ResourceKind.AUTOUPDATE_VERSION), Outcome.FAILED));
    assertThat(first.failures().get(0).message()).contains("backend write failed");

    ApplyReport second = applier.apply("main@2", desired, Findings.NONE, false, false);

    assertThat(second.status()).isEqualTo(ApplyReport.Status.APPLIED);
    assertThat(second.results())
        .extracting(ApplyReport.ResourceResult::outcome)
        .containsExactly(Outcome.UNCHANGED, Outcome.APPLIED);
  }

  @Test
  void observesTheLiveRolloutAndReportsWhateverTheEnumForm() throws Exception {
    Instant at = Instant.parse("2026-11-20T10:00:30Z");
    Observation none = target.observeRollout(at, List.of()).orElseThrow();
    assertThat(none.rollout()).isEmpty();
    assertThat(none.reports().read()).isTrue();
    assertThat(none.reports().fresh()).isEmpty();
    Files.writeString(
        state.resolve("autoupdate_agent_rollout.json"),
        """
        {"kind":"autoupdate_agent_rollout","version":"v1","metadata":{"name":"autoupdate-agent-rollout"},
         "spec":{"start_version":"17.2.0","target_version":"17.3.0","schedule":"regular","autoupdate_mode":"enabled","strategy":"halt-on-error"},
         "status":{"state":"AUTO_UPDATE_AGENT_ROLLOUT_STATE_ACTIVE","groups":[
           {"name":"dev","state":"AUTO_UPDATE_AGENT_GROUP_STATE_DONE","start_time":"2026-11-20T04:00:00Z","last_update_reason":"update_complete","initial_count":"10","present_count":"10","up_to_date_count":"10"},
           {"name":"prod","state":2,"last_update_reason":"can_start"}]}}
        """);
    Files.writeString(
        state.resolve("autoupdate_agent_report.json"),
        """
        [{"kind":"autoupdate_agent_report","version":"v1","metadata":{"name":"auth-1"},
          "spec":{"timestamp":"2026-11-20T10:00:00Z","groups":{"dev":{"versions":{"17.3.0":{"count":10}}},
                  "qa":{"versions":{"17.2.0":{"count":2}}}},
                  "omitted":[{"count":"1","reason":"agent has no updater"}]}},
         {"kind":"autoupdate_agent_report","version":"v1","metadata":{"name":"auth-2"},
          "spec":{"timestamp":"2026-11-20T09:50:00Z","groups":{"prod":{"versions":{"17.2.0":{"count":5}}}}}}]
        """);

    Observation o = target.observeRollout(at, List.of()).orElseThrow();

    Rollout rollout = o.rollout().orElseThrow();
    assertThat(rollout.status().state()).isEqualTo(RolloutState.ACTIVE);
    assertThat(rollout.spec().targetVersion()).isEqualTo("17.3.0");
    assertThat(rollout.status().groups())
        .extracting(GroupStatus::name, GroupStatus::state, GroupStatus::presentCount)
        .containsExactly(tuple("dev", GroupState.DONE, 10L), tuple("prod", GroupState.ACTIVE, 0L));
    assertThat(o.reports().fresh()).extracting(ObservedReport::name).containsExactly("auth-1");
    assertThat(o.reports().expired()).extracting(ObservedReport::name).containsExactly("auth-2");
    assertThat(o.undefinedGroups()).containsExactly(entry("qa", 2L));
    assertThat(argv())
        .contains(
            List.of(
                "--auth-server",
                "127.0.0.1:3025",
                "--identity",
                identity.toString(),
                "get",
                "autoupdate_agent_report",
                "--format=json"));
  }

  @Test
  void servesARecordedRolloutSampleBySampleAsARealProcess() throws Exception {
    Path recording = Path.of("src/test/resources/replay/canaries-stuck");
    Files.writeString(state.resolve("series"), recording.toAbsolutePath().toString());

    Files.writeString(state.resolve("sample"), "0");
    Observation first =
        target.observeRollout(Instant.parse("2026-11-23T09:55:00Z"), List.of()).orElseThrow();
    Files.writeString(state.resolve("sample"), "40");
    Observation later =
        target.observeRollout(Instant.parse("2026-11-23T13:15:00Z"), List.of()).orElseThrow();

    assertThat(first.rollout().orElseThrow().status().groups())
        .extracting(GroupStatus::state)
        .containsExactly(GroupState.UNSTARTED, GroupState.UNSTARTED);
    assertThat(later.rollout().orElseThrow().status().group("prod").state())
        .isEqualTo(GroupState.CANARY);
    assertThat(later.reports().fresh()).hasSize(2);
  }

  @Test
  void aRecordedApiErrorIsAnUnreachableTarget() throws Exception {
    Path recording = Path.of("src/test/resources/replay/api-errors");
    Files.writeString(state.resolve("series"), recording.toAbsolutePath().toString());
    Files.writeString(state.resolve("sample"), "7");

    assertThatThrownBy(() -> target.observeRollout(Instant.EPOCH, List.of()))
        .isInstanceOf(TargetException.class)
        .hasMessageContaining("connection refused")
        .extracting(e -> ((TargetException) e).reason())
        .isEqualTo(TargetException.Reason.UNREACHABLE);
  }

  @Test
  void anUnreachableClusterIsATargetFailureWhenObserving() throws Exception {
    Files.writeString(state.resolve("unreachable"), "");

    assertThatThrownBy(() -> target.observeRollout(Instant.EPOCH, List.of()))
        .isInstanceOf(TargetException.class)
        .hasMessageContaining("connection refused")
        .extracting(e -> ((TargetException) e).reason())
        .isEqualTo(TargetException.Reason.UNREACHABLE);
  }

  @Test
  void deleteRemovesAndToleratesAbsence() throws Exception {
    target.apply(maintenance(), false);
    ResourceId id = ResourceId.singleton(ResourceKind.CLUSTER_MAINTENANCE_CONFIG);

    target.delete(id);
    target.delete(id);

    assertThat(target.observe(Set.of(id))).isEmpty();
  }
}
