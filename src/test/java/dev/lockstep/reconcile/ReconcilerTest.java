package dev.lockstep.reconcile;

import static dev.lockstep.model.TestResources.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.cluster.FakeClusterTarget;
import dev.lockstep.cluster.TargetKind;
import dev.lockstep.finding.Findings;
import dev.lockstep.model.DesiredState;
import dev.lockstep.model.ResourceId;
import dev.lockstep.model.ResourceKind;
import dev.lockstep.model.TestResources;
import dev.lockstep.reconcile.ReconcileReport.Result;
import dev.lockstep.source.GitSettings;
import dev.lockstep.source.GitSource;
import dev.lockstep.source.GitStatusWriter;
import dev.lockstep.source.StatusSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reconcile loop over a real Git repository on disk (the sample repository) and a fake cluster:
 * apply, status write-back, invalid revisions, drift, suspend, Git outages, status-only commits and
 * the write gate of leader election.
 */
class ReconcilerTest {
  static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");
  static final ResourceId CONFIG = ResourceId.singleton(ResourceKind.AUTOUPDATE_CONFIG);
  static final ResourceId VERSION = ResourceId.singleton(ResourceKind.AUTOUPDATE_VERSION);
  static final String STATUS = "status/prod.yaml";

  @TempDir Path tmp;
  Upstream upstream;
  GitSource source;
  FakeClusterTarget cluster = new FakeClusterTarget();
  List<String> validated = new ArrayList<>();
  List<DesiredState> published = new ArrayList<>();
  AtomicInteger statusWrites = new AtomicInteger();
  AtomicBoolean mayWrite = new AtomicBoolean(true);
  GitSettings git;

  @BeforeEach
  void setUp() throws Exception {
    upstream = Upstream.sample(Files.createDirectories(tmp.resolve("upstream")));
    git =
        GitSettings.of(upstream.dir.toString(), "main", tmp.resolve("cache"))
            .withTimeout(Duration.ofSeconds(5));
    source = new GitSource(git);
  }

  @AfterEach
  void tearDown() {
    source.close();
    upstream.close();
  }

  Reconciler reconciler(ReconcileSettings settings) {
    StatusSettings status = StatusSettings.defaults();
    Reconciler.StatusSink sink =
        (name, content, revision, reason, now) -> {
          statusWrites.incrementAndGet();
          return new GitStatusWriter(source, git, status, StatusYaml::comparable, d -> {})
              .write(name, content, revision, now);
        };
    return new Reconciler(
        source,
        ".",
        cluster,
        status,
        sink,
        settings,
        clusters -> Map.of(),
        new Reconciler.Listener() {
          @Override
          public void validated(DesiredState state, Findings findings) {
            validated.add(state.revision());
            published.add(state);
          }
        },
        mayWrite::get,
        System::nanoTime,
        Halter.NONE);
  }

  Reconciler reconciler() {
    return reconciler(ReconcileSettings.defaults(TargetKind.FILE).withCluster("prod"));
  }

  @Test
  void firstRunAppliesInOrderAndCommitsStatusOnce() throws Exception {
    Reconciler r = reconciler();
    ReconcileReport first = r.reconcile(T0);

    assertThat(first.result()).isEqualTo(Result.APPLIED);
    assertThat(cluster.calls).containsExactly("apply " + CONFIG, "apply " + VERSION);
    assertThat(first.statusCommit()).isPresent();
    assertThat(upstream.read("lockstep/status", STATUS))
        .contains("Applied revision main@")
        .contains("reason: ReconciliationSucceeded");
    assertThat(validated).hasSize(1);
    assertThat(r.health().goodRevision()).isPresent();
    assertThat(r.currentPlan()).isPresent();

    ReconcileReport second = r.reconcile(T0.plusSeconds(60));
    assertThat(second.result()).isEqualTo(Result.UNCHANGED);
    assertThat(second.statusCommit()).isEmpty();
    assertThat(upstream.commits("lockstep/status")).isEqualTo(1);
    assertThat(cluster.calls).hasSize(2);
    assertThat(validated).hasSize(1);
  }

  @Test
  void aRepositoryPolicyAtErrorSeverityStallsTheRevisionAndAppliesNothing() throws Exception {
    upstream.write(
        "policies/freeze.yaml",
        Files.readString(Path.of("src/test/resources/policy/freeze.yaml")),
        "freeze 17.5.2");

    ReconcileReport r = reconciler().reconcile(T0);

    assertThat(r.result()).isEqualTo(Result.STALLED);
    assertThat(r.reason()).isEqualTo(StepFailure.VALIDATION_FAILED);
    assertThat(r.message()).contains("[policy/freeze/no-17-5-2] 17.5.2 is withdrawn here");
    assertThat(cluster.calls).isEmpty();
  }

  @Test
  void anotherClustersErrorIsCountedAndNeverStopsThisCluster() throws Exception {
    upstream.edit(
        "clusters/staging/autoupdate_version.yaml", "    mode: enabled", "    mode: paused");

    ReconcileReport prod = reconciler().reconcile(T0);

    assertThat(prod.result()).isEqualTo(Result.APPLIED);
    assertThat(cluster.calls).containsExactly("apply " + CONFIG, "apply " + VERSION);
    assertThat(prod.findings().stream().map(Object::toString))
        .noneMatch(f -> f.contains("clusters/staging/"));
    assertThat(upstream.read("lockstep/status", STATUS))
        .containsPattern("has no error finding; [1-9][0-9]* finding\\(s\\) in other clusters");

    FakeClusterTarget stagingCluster = new FakeClusterTarget();
    cluster = stagingCluster;
    ReconcileReport staging =
        reconciler(ReconcileSettings.defaults(TargetKind.FILE).withCluster("staging"))
            .reconcile(T0);

    assertThat(staging.result()).isEqualTo(Result.STALLED);
    assertThat(staging.message()).contains("clusters/staging/autoupdate_version.yaml:");
    assertThat(stagingCluster.calls).isEmpty();
  }

  @Test
  void aBrokenChannelKeepsWhatWasPublishedWhileTheOthersMoveOn() throws Exception {
    Reconciler r = reconciler();
    r.reconcile(T0);
    upstream.write("channels/stable/rolling/version", "17.5.2\n", "rolling stays");
    upstream.write("channels/stable/edge/version", "seventeen\n", "edge broken");
    upstream.write("channels/stable/rolling/critical", "yes\n", "rolling critical");

    ReconcileReport next = r.reconcile(T0.plusSeconds(60));

    assertThat(next.result()).isNotEqualTo(Result.STALLED);
    DesiredState last = published.get(published.size() - 1);
    assertThat(last.channel("stable/edge").orElseThrow().version()).isEqualTo("17.5.3");
    assertThat(last.channel("stable/rolling").orElseThrow().critical()).isEqualTo("yes");
  }

  @Test
  void invalidRevisionAppliesNothingNamesFileAndLineAndKeepsThePreviousOne() throws Exception {
    Reconciler r = reconciler();
    r.reconcile(T0);
    var applied = cluster.get(VERSION);
    upstream.edit(
        "clusters/prod/autoupdate_version.yaml",
        "target_version: 17.5.2\n    schedule",
        "target_version: 17.x\n    schedule");

    ReconcileReport bad = r.reconcile(T0.plusSeconds(60));

    assertThat(bad.result()).isEqualTo(Result.STALLED);
    assertThat(bad.reason()).isEqualTo(StepFailure.VALIDATION_FAILED);
    assertThat(bad.message())
        .contains("clusters/prod/autoupdate_version.yaml:")
        .contains("stays applied");
    assertThat(cluster.get(VERSION)).isEqualTo(applied);
    assertThat(cluster.calls).hasSize(2);
    assertThat(validated).hasSize(1);
    String status = upstream.read("lockstep/status", STATUS);
    assertThat(status).contains("ValidationFailed").contains("autoupdate_version.yaml");
    assertThat(r.health().goodRevision()).isPresent();
    assertThat(r.currentPlan()).isPresent();
    // the same bad commit is not re-evaluated, nor re-committed
    int commits = upstream.commits("lockstep/status");
    assertThat(r.reconcile(T0.plusSeconds(120)).result()).isEqualTo(Result.STALLED);
    assertThat(upstream.commits("lockstep/status")).isEqualTo(commits);
  }

  @Test
  void theRevisionInForceAndTheLastRefusedOneKeepTheirFindings() throws Exception {
    Reconciler r = reconciler();
    assertThat(r.inForce()).isEmpty();
    r.reconcile(T0);
    String good = r.inForce().orElseThrow().revision();
    assertThat(r.lastRefused()).isEmpty();
    upstream.edit(
        "clusters/prod/autoupdate_version.yaml",
        "target_version: 17.5.2\n    schedule",
        "target_version: 17.x\n    schedule");
    r.reconcile(T0.plusSeconds(60));

    Reconciler.Evaluated refused = r.lastRefused().orElseThrow();
    assertThat(refused.revision()).isNotEqualTo(good);
    assertThat(refused.findings().hasErrors()).isTrue();
    assertThat(r.inForce().orElseThrow().revision()).isEqualTo(good);

    upstream.edit(
        "clusters/prod/autoupdate_version.yaml",
        "target_version: 17.x\n    schedule",
        "target_version: 17.5.2\n    schedule");
    r.reconcile(T0.plusSeconds(120));
    // a later good revision takes over; the refused one is still shown
    assertThat(r.inForce().orElseThrow().revision()).isNotEqualTo(good);
    assertThat(r.lastRefused().orElseThrow().revision()).isEqualTo(refused.revision());
  }

  @Test
  void liveDriftIsCorrectedAndRecorded() throws Exception {
    Reconciler r = reconciler();
    r.reconcile(T0);
    cluster.put(
        TestResources.of(ResourceKind.AUTOUPDATE_CONFIG, map("agents", map("mode", "suspended"))));

    ReconcileReport healed = r.reconcile(T0.plusSeconds(60));

    assertThat(healed.result()).isEqualTo(Result.DRIFT_CORRECTED);
    assertThat(healed.drift()).singleElement().asString().contains(CONFIG.toString());
    assertThat(cluster.calls).last().isEqualTo("apply " + CONFIG);
    assertThat(upstream.read("lockstep/status", STATUS)).contains(Reconciler.DRIFT_CORRECTED);
    assertThat(r.reconcile(T0.plusSeconds(120)).result()).isEqualTo(Result.UNCHANGED);
  }

  @Test
  void withoutSelfHealDriftIsReportedAndLeft() throws Exception {
    Reconciler r =
        reconciler(
            ReconcileSettings.defaults(TargetKind.FILE).withCluster("prod").withSelfHeal(false));
    r.reconcile(T0);
    var drifted =
        TestResources.of(ResourceKind.AUTOUPDATE_CONFIG, map("agents", map("mode", "suspended")));
    cluster.put(drifted);

    ReconcileReport report = r.reconcile(T0.plusSeconds(60));

    assertThat(report.result()).isEqualTo(Result.DRIFT_DETECTED);
    assertThat(cluster.get(CONFIG)).isEqualTo(drifted);
  }

  @Test
  void suspendedReadsAndReportsButWritesNothingToTheCluster() throws Exception {
    Reconciler r =
        reconciler(
            ReconcileSettings.defaults(TargetKind.FILE).withCluster("prod").withSuspended(true));

    ReconcileReport report = r.reconcile(T0);

    assertThat(report.result()).isEqualTo(Result.SUSPENDED);
    assertThat(report.message()).contains("2 change(s) pending");
    assertThat(cluster.calls).isEmpty();
    assertThat(upstream.read("lockstep/status", STATUS)).contains("Suspended");
    r.suspend(false);
    assertThat(r.reconcile(T0.plusSeconds(60)).result()).isEqualTo(Result.APPLIED);
  }

  @Test
  void transientFailuresBackOffExponentiallyUpToTheCapAndRecover() throws Exception {
    Reconciler r =
        reconciler(
            new ReconcileSettings(
                java.util.Optional.of("prod"),
                TargetKind.FILE,
                true,
                false,
                false,
                Duration.ofSeconds(1),
                Duration.ofSeconds(3),
                false));
    r.reconcile(T0);
    cluster.setUnreachable(true);

    List<Duration> waits = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ReconcileReport down = r.reconcile(T0.plusSeconds(60 + i));
      assertThat(down.result()).isEqualTo(Result.TRANSIENT);
      waits.add(down.retryAfter().orElseThrow());
    }
    assertThat(waits)
        .containsExactly(
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(3),
            Duration.ofSeconds(3));
    assertThat(r.health().clusterProblem()).isPresent();
    assertThat(r.health().goodRevision()).isPresent();

    cluster.setUnreachable(false);
    ReconcileReport up = r.reconcile(T0.plusSeconds(120));
    assertThat(up.ok()).isTrue();
    assertThat(up.retryAfter()).isEmpty();
    assertThat(r.health().clusterProblem()).isEmpty();
  }

  @Test
  void aMissingRepositoryStallsAndKeepsTheGoodRevision() throws Exception {
    Reconciler r = reconciler();
    r.reconcile(T0);
    Files.move(upstream.dir, tmp.resolve("moved"));

    ReconcileReport down = r.reconcile(T0.plusSeconds(60));

    assertThat(down.ok()).isFalse();
    assertThat(r.health().gitProblem()).isPresent();
    assertThat(r.health().goodRevision()).isPresent();
    assertThat(r.currentPlan()).isPresent();
  }

  @Test
  void clusterOutageIsTransientAndDegradesTheClusterCheck() throws Exception {
    Reconciler r = reconciler();
    cluster.setUnreachable(true);

    ReconcileReport down = r.reconcile(T0);

    assertThat(down.result()).isEqualTo(Result.TRANSIENT);
    assertThat(down.retryAfter()).contains(Duration.ofSeconds(1));
    assertThat(r.health().clusterProblem()).isPresent();
    cluster.setUnreachable(false);
    assertThat(r.reconcile(T0.plusSeconds(1)).result()).isEqualTo(Result.APPLIED);
  }

  @Test
  void aCommitTouchingOnlyTheStatusPathIsNotReconciled() throws Exception {
    Reconciler r = reconciler();
    r.reconcile(T0);
    upstream.write(STATUS, "kind: lockstep_status\n", "status only");

    ReconcileReport report = r.reconcile(T0.plusSeconds(60));

    assertThat(report.result()).isEqualTo(Result.UNCHANGED);
    assertThat(validated).hasSize(1);
  }

  @Test
  void withoutTheLeaseNothingIsWrittenNotEvenTheStatus() throws Exception {
    Reconciler r = reconciler();
    mayWrite.set(false);

    ReconcileReport report = r.reconcile(T0);

    assertThat(report.result()).isEqualTo(Result.SUSPENDED);
    assertThat(cluster.calls).isEmpty();
    assertThat(statusWrites).hasValue(0);
    assertThat(r.status()).isPresent();
    assertThat(r.health().goodRevision()).isPresent();
  }

  @Test
  void severalClustersWithoutAChoiceStall() throws Exception {
    Reconciler r = reconciler(ReconcileSettings.defaults(TargetKind.FILE));

    ReconcileReport report = r.reconcile(T0);

    assertThat(report.result()).isEqualTo(Result.STALLED);
    assertThat(report.reason()).isEqualTo(StepFailure.CLUSTER_NOT_FOUND);
    assertThat(report.message()).contains("prod, staging").contains("lockstep.cluster");
    assertThat(cluster.calls).isEmpty();
  }
}
