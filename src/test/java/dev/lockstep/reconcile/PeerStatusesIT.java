package dev.lockstep.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.cluster.FileTarget;
import dev.lockstep.cluster.TargetKind;
import dev.lockstep.reconcile.ReconcileReport.Result;
import dev.lockstep.source.GitSettings;
import dev.lockstep.source.GitSource;
import dev.lockstep.source.GitStatusWriter;
import dev.lockstep.source.StatusSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Over a real {@code git daemon}: the status one cluster's instance commits on the status branch is
 * what another instance's {@link PeerStatuses} reads for its dashboard, with the commit's time; a
 * cluster without a file has no entry, and a Git outage keeps the last result.
 */
class PeerStatusesIT extends OverGitDaemon {
  static final Instant T0 = Instant.parse("2026-11-02T09:00:30Z");

  GitSettings git(String instance) {
    return GitSettings.of(repo.url(), "main", tmp.resolve(instance).resolve("git-cache"))
        .withTimeout(Duration.ofSeconds(3));
  }

  /** The instance serving {@code cluster} runs once and commits its status. */
  void reconcileAs(String cluster, Instant at) throws Exception {
    GitSettings git = git(cluster);
    StatusSettings status = StatusSettings.defaults();
    try (GitSource source = new GitSource(git)) {
      Reconciler r =
          new Reconciler(
              source,
              ".",
              new FileTarget(tmp.resolve(cluster).resolve("applied")),
              status,
              (name, content, revision, reason, now) ->
                  new GitStatusWriter(source, git, status, StatusYaml::comparable, d -> {})
                      .write(name, content, revision, now),
              ReconcileSettings.defaults(TargetKind.FILE).withCluster(cluster),
              clusters -> Map.of(),
              new Reconciler.Listener() {},
              () -> true,
              System::nanoTime);
      assertThat(r.reconcile(at).result()).isEqualTo(Result.APPLIED);
    }
  }

  @Test
  void anotherClustersCommittedStatusIsReadWithItsCommitTimeAndKeptThroughAnOutage()
      throws Exception {
    reconcileAs("staging", T0);
    GitSettings git = git("prod");
    try (GitSource source = new GitSource(git)) {
      PeerStatuses peers =
          new PeerStatuses(
              names ->
                  new GitStatusWriter(
                          source, git, StatusSettings.defaults(), StatusYaml::comparable, d -> {})
                      .readAll(names));
      assertThat(peers.last()).isEmpty();

      assertThat(peers.refresh(List.of("staging", "prod"))).isEmpty();
      assertThat(peers.last()).containsOnlyKeys("staging");
      PeerStatus staging = peers.last().get("staging");
      assertThat(staging.status().cluster()).isEqualTo("staging");
      assertThat(staging.status().updatedAt()).isEqualTo(T0);
      assertThat(staging.committedAt()).isEqualTo(T0);
      assertThat(staging.status().conditions())
          .anySatisfy(c -> assertThat(c.type()).isEqualTo(Condition.READY));

      repo.stop();
      assertThat(peers.refresh(List.of("staging", "prod"))).isPresent();
      assertThat(peers.last()).containsOnlyKeys("staging");
      repo.start();
    }
  }
}
