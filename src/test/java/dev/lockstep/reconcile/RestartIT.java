package dev.lockstep.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.cluster.FileTarget;
import dev.lockstep.cluster.TargetKind;
import dev.lockstep.finding.Findings;
import dev.lockstep.model.DesiredState;
import dev.lockstep.model.ResourceId;
import dev.lockstep.model.ResourceKind;
import dev.lockstep.plan.Plan;
import dev.lockstep.plan.PlanFormat;
import dev.lockstep.plan.RolloutChange;
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
import org.junit.jupiter.api.Test;

/**
 * A restart is not an event (README, "Restarts"): over a real {@code git daemon}, a second process
 * on the same data folder continues from what the first knew. Each "process" is a new {@link
 * GitSource} and {@link Reconciler} on the same data folder; the first is dropped without any
 * shutdown step, as kill -9 would.
 */
class RestartIT extends OverGitDaemon {
  static final Instant T0 = Instant.parse("2026-11-02T09:00:30Z");
  static final String STATUS = "lockstep/status";
  static final String VERSION = "clusters/prod/autoupdate_version.yaml";

  /** One serve process: its mirror and its record live in {@code tmp/data}. */
  final class Process implements AutoCloseable {
    final GitSource source;
    final FileTarget target;
    final Reconciler reconciler;
    final List<String> published = new ArrayList<>();

    /** How many revisions were published each time the committed status was asked for. */
    final List<Integer> publishedWhenStatusRead = new ArrayList<>();

    Process() throws Exception {
      Path data = tmp.resolve("data");
      GitSettings git =
          GitSettings.of(repo.url(), "main", data.resolve("git-cache"))
              .withTimeout(Duration.ofSeconds(3));
      StatusSettings status = StatusSettings.defaults();
      source = new GitSource(git);
      target = new FileTarget(data.resolve("applied"));
      reconciler =
          new Reconciler(
              source,
              ".",
              target,
              status,
              (name, content, revision, reason, now) ->
                  new GitStatusWriter(source, git, status, StatusYaml::comparable, d -> {})
                      .write(name, content, revision, now),
              ReconcileSettings.defaults(TargetKind.FILE).withCluster("prod"),
              clusters -> Map.of(),
              new Reconciler.Listener() {
                @Override
                public void validated(DesiredState state, Findings findings) {
                  published.add(state.revision());
                }
              },
              () -> true,
              System::nanoTime,
              Halter.NONE);
      reconciler.resumeFrom(
          new Resume(
              LastKnownStore.in(data),
              name -> {
                publishedWhenStatusRead.add(published.size());
                return new GitStatusWriter(source, git, status, StatusYaml::comparable, d -> {})
                    .read(name);
              }));
    }

    ReconcileReport run(Instant at) {
      return reconciler.reconcile(at);
    }

    String status() {
      return StatusYaml.comparable(StatusYaml.render(reconciler.status().orElseThrow()));
    }

    String plan() {
      return PlanFormat.JSON.render(reconciler.currentPlan().orElseThrow());
    }

    @Override
    public void close() {
      source.close();
    }
  }

  /** Two applied revisions, then an unchanged run; returns the first process, still open. */
  Process twoRevisionsApplied() throws Exception {
    Process a = new Process();
    assertThat(a.run(T0).result()).isEqualTo(Result.APPLIED);
    repo.push(VERSION, "start_version: 17.4.8", "start_version: 17.5.0");
    assertThat(a.run(T0.plusSeconds(60)).result()).isEqualTo(Result.APPLIED);
    ReconcileReport unchanged = a.run(T0.plusSeconds(120));
    assertThat(unchanged.result()).isEqualTo(Result.UNCHANGED);
    assertThat(unchanged.statusCommit()).isEmpty();
    return a;
  }

  @Test
  void aRestartOnAnUnchangedRevisionCommitsNothingAndKeepsHistoryTimesAndPlan() throws Exception {
    String statusBefore;
    String planBefore;
    int commitsBefore;
    try (Process a = twoRevisionsApplied()) {
      statusBefore = a.status();
      planBefore = a.plan();
      commitsBefore = repo.commits(STATUS);
    }
    assertThat(commitsBefore).isPositive();

    try (Process b = new Process()) {
      ReconcileReport after = b.run(T0.plus(Duration.ofDays(3)));

      assertThat(after.result()).isEqualTo(Result.UNCHANGED);
      assertThat(after.statusCommit()).isEmpty();
      assertThat(repo.commits(STATUS)).isEqualTo(commitsBefore);
      // history (the audit log), lastTransitionTime, applied list and timeline: all as before
      assertThat(b.status()).isEqualTo(statusBefore);
      assertThat(b.reconciler.status().orElseThrow().history()).hasSize(2);
      // the plan of the revision in force, as /api/plan serves it
      assertThat(b.plan()).isEqualTo(planBefore);
      assertThat(b.reconciler.currentPlan().orElseThrow().simulation().created())
          .isEqualTo(Instant.parse("2026-11-02T09:02:00Z"));
    }
  }

  @Test
  void aRevisionThatKeepsTheRolloutAfterARestartKeepsItsCreationTime() throws Exception {
    Instant created;
    try (Process a = twoRevisionsApplied()) {
      created = a.reconciler.currentPlan().orElseThrow().simulation().created();
    }
    // a schedule edit does not reset the rollout (teleport-semantics §5.3)
    repo.push("clusters/prod/autoupdate_config.yaml", "start_hour: 14", "start_hour: 15");

    try (Process b = new Process()) {
      assertThat(b.run(T0.plus(Duration.ofDays(2))).result()).isEqualTo(Result.APPLIED);

      Plan plan = b.reconciler.currentPlan().orElseThrow();
      assertThat(plan.change()).isEqualTo(RolloutChange.UNCHANGED);
      assertThat(plan.simulation().created()).isEqualTo(created);
    }
  }

  @Test
  void aRestartDuringAGitOutageServesTheLastGoodRevisionReadyAndDegraded() throws Exception {
    String planBefore;
    String good;
    try (Process a = twoRevisionsApplied()) {
      planBefore = a.plan();
      good = a.reconciler.health().goodRevision().orElseThrow();
    }
    repo.stop();

    try (Process b = new Process()) {
      ReconcileReport down = b.run(T0.plus(Duration.ofDays(1)));

      assertThat(down.result()).isEqualTo(Result.TRANSIENT);
      assertThat(b.published).containsExactly(good); // its channels are published
      assertThat(b.publishedWhenStatusRead).containsExactly(1); // before Git is asked anything
      assertThat(b.reconciler.health().goodRevision()).contains(good); // ready
      assertThat(b.reconciler.health().gitProblem()).isPresent(); // degraded, with the reason
      assertThat(b.plan()).isEqualTo(planBefore);
      assertThat(b.reconciler.status().orElseThrow().history().get(0).reason())
          .isEqualTo("Unreachable");
      assertThat(b.reconciler.status().orElseThrow().history()).hasSize(3);
    }
  }

  @Test
  void aRollbackByForcePushIsReportedWithBothRevisionsOnceAndStandsInTheStatus() throws Exception {
    try (Process a = twoRevisionsApplied()) {
      String before = DaemonRepo.git(repo.clone, "rev-parse", "HEAD").strip();
      DaemonRepo.git(repo.clone, "reset", "-q", "--hard", "HEAD~1");
      DaemonRepo.git(repo.clone, "push", "-q", "--force", "origin", "main");
      String after = DaemonRepo.git(repo.clone, "rev-parse", "HEAD").strip();

      ReconcileReport rollback = a.run(T0.plusSeconds(180));

      assertThat(rollback.result()).isEqualTo(Result.APPLIED);
      assertThat(rollback.rewritten())
          .contains(new Rewrite(before, after, T0.plusSeconds(180))); // counted by the metric
      assertThat(rollback.statusCommit()).isPresent();
      assertThat(a.reconciler.status().orElseThrow().source().rewritten())
          .isEqualTo(rollback.rewritten());
      assertThat(a.status())
          .contains("rewritten:", "previous: " + before, "commit: " + after)
          .contains("revision: main@" + after.substring(0, 8));
      assertThat(
              Files.readString(
                  a.target.fileOf(ResourceId.singleton(ResourceKind.AUTOUPDATE_VERSION))))
          .contains("17.4.8")
          .doesNotContain("17.5.0");

      ReconcileReport next = a.run(T0.plusSeconds(240));
      assertThat(next.rewritten()).isEmpty();
      assertThat(next.statusCommit()).isEmpty();
      assertThat(a.reconciler.status().orElseThrow().source().rewritten()).isPresent();
    }
    try (Process b = new Process()) {
      ReconcileReport restarted = b.run(T0.plusSeconds(300));
      assertThat(restarted.statusCommit()).isEmpty();
      assertThat(b.reconciler.status().orElseThrow().source().rewritten()).isPresent();
    }
    repo.push(VERSION, "start_version: 17.4.8", "start_version: 17.5.1");
    try (Process c = new Process()) {
      assertThat(c.run(T0.plusSeconds(360)).rewritten()).isEmpty();
      assertThat(c.reconciler.status().orElseThrow().source().rewritten()).isEmpty();
    }
  }
}
