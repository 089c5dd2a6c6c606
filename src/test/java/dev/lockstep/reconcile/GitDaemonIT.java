package dev.lockstep.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.cluster.FileTarget;
import dev.lockstep.cluster.TargetKind;
import dev.lockstep.model.ResourceId;
import dev.lockstep.model.ResourceKind;
import dev.lockstep.reconcile.ReconcileReport.Result;
import dev.lockstep.source.GitSettings;
import dev.lockstep.source.GitSource;
import dev.lockstep.source.GitStatusWriter;
import dev.lockstep.source.StatusSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The loop against a real {@code git daemon} (pushes over git://, status pushed back over git://)
 * and the file target: a pushed commit is applied and its status committed; an invalid push applies
 * nothing and names the file and line; with the daemon down the run is transient and the good
 * revision stays in force; with it back the next run recovers. Two instances over one repository:
 * staging's broken push stalls staging only, prod keeps being applied and counts it.
 */
class GitDaemonIT extends OverGitDaemon {
  static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");

  void push(String path, String from, String to) throws Exception {
    repo.push(path, from, to);
  }

  /** A reconciler of {@code cluster} over the daemon, its status pushed back to it. */
  static Reconciler reconciler(
      GitSource source, GitSettings settings, FileTarget target, String cluster) {
    StatusSettings status = StatusSettings.defaults();
    return new Reconciler(
        source,
        ".",
        target,
        status,
        (name, content, revision, reason, now) ->
            new GitStatusWriter(source, settings, status, StatusYaml::comparable, d -> {})
                .write(name, content, revision, now),
        ReconcileSettings.defaults(TargetKind.FILE).withCluster(cluster),
        clusters -> Map.of(),
        new Reconciler.Listener() {},
        () -> true,
        System::nanoTime,
        Halter.NONE);
  }

  @Test
  void stagingBrokenAndProdStillApplied() throws Exception {
    GitSettings prodGit =
        GitSettings.of(repo.url(), "main", tmp.resolve("prod-cache"))
            .withTimeout(Duration.ofSeconds(3));
    GitSettings stagingGit =
        GitSettings.of(repo.url(), "main", tmp.resolve("staging-cache"))
            .withTimeout(Duration.ofSeconds(3));
    FileTarget prodTarget = new FileTarget(tmp.resolve("prod-applied"));
    FileTarget stagingTarget = new FileTarget(tmp.resolve("staging-applied"));
    try (GitSource prodSource = new GitSource(prodGit);
        GitSource stagingSource = new GitSource(stagingGit)) {
      Reconciler prod = reconciler(prodSource, prodGit, prodTarget, "prod");
      Reconciler staging = reconciler(stagingSource, stagingGit, stagingTarget, "staging");
      assertThat(prod.reconcile(T0).result()).isEqualTo(Result.APPLIED);
      assertThat(staging.reconcile(T0).result()).isEqualTo(Result.APPLIED);

      push("clusters/staging/autoupdate_version.yaml", "mode: enabled", "mode: paused");
      push(
          "clusters/prod/autoupdate_version.yaml",
          "start_version: 17.4.8",
          "start_version: 17.5.0");

      ReconcileReport a = prod.reconcile(T0.plusSeconds(60));
      ReconcileReport b = staging.reconcile(T0.plusSeconds(60));

      assertThat(a.result()).isEqualTo(Result.APPLIED);
      assertThat(
              Files.readString(
                  prodTarget.fileOf(ResourceId.singleton(ResourceKind.AUTOUPDATE_VERSION))))
          .contains("17.5.0");
      assertThat(b.result()).isEqualTo(Result.STALLED);
      assertThat(b.message()).contains("clusters/staging/autoupdate_version.yaml:");
      DaemonRepo.git(repo.clone, "fetch", "-q", "origin", "lockstep/status");
      assertThat(DaemonRepo.git(repo.clone, "show", "FETCH_HEAD:status/prod.yaml"))
          .containsPattern("[1-9][0-9]* finding\\(s\\) in other clusters")
          .doesNotContain("clusters/staging/");
    }
  }

  @Test
  void pushInvalidPushOutageAndRecovery() throws Exception {
    GitSettings settings =
        GitSettings.of(repo.url(), "main", tmp.resolve("cache")).withTimeout(Duration.ofSeconds(3));
    Path applied = tmp.resolve("applied");
    FileTarget target = new FileTarget(applied);
    try (GitSource source = new GitSource(settings)) {
      Reconciler r = reconciler(source, settings, target, "prod");
      Path version = target.fileOf(ResourceId.singleton(ResourceKind.AUTOUPDATE_VERSION));

      assertThat(r.reconcile(T0).result()).isEqualTo(Result.APPLIED);
      push(
          "clusters/prod/autoupdate_version.yaml",
          "start_version: 17.4.8",
          "start_version: 17.5.0");
      ReconcileReport pushed = r.reconcile(T0.plusSeconds(60));
      assertThat(pushed.result()).isEqualTo(Result.APPLIED);
      assertThat(pushed.statusCommit()).isPresent();
      assertThat(Files.readString(version)).contains("17.5.0");
      DaemonRepo.git(repo.clone, "fetch", "-q", "origin", "lockstep/status");
      DaemonRepo.git(repo.clone, "show", "FETCH_HEAD:status/prod.yaml");

      push(
          "clusters/prod/autoupdate_version.yaml",
          "start_version: 17.5.0",
          "start_version: seventeen");
      ReconcileReport invalid = r.reconcile(T0.plusSeconds(120));
      assertThat(invalid.result()).isEqualTo(Result.STALLED);
      assertThat(invalid.message()).contains("clusters/prod/autoupdate_version.yaml:");
      assertThat(Files.readString(version)).contains("17.5.0");
      assertThat(r.status().orElseThrow().findings().items())
          .isNotEmpty()
          .allSatisfy(f -> assertThat(f.location().line()).isPositive());

      repo.stop();
      ReconcileReport down = r.reconcile(T0.plusSeconds(180));
      assertThat(down.result()).isEqualTo(Result.TRANSIENT);
      assertThat(r.health().gitProblem()).isPresent();
      assertThat(r.health().goodRevision()).isPresent();

      repo.start();
      push(
          "clusters/prod/autoupdate_version.yaml",
          "start_version: seventeen",
          "start_version: 17.5.1");
      ReconcileReport up = r.reconcile(T0.plusSeconds(240));
      assertThat(up.result()).isEqualTo(Result.APPLIED);
      assertThat(r.health().gitProblem()).isEmpty();
      assertThat(Files.readString(version)).contains("17.5.1");
    }
  }
}
