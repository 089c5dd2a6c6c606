package dev.lockstep.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.cluster.FileTarget;
import dev.lockstep.reconcile.ReconcileReport.Result;
import dev.lockstep.source.GitSettings;
import dev.lockstep.source.GitSource;
import dev.lockstep.source.GitStatusWriter;
import dev.lockstep.source.StatusSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Over a real {@code git daemon}: the status one cluster's instance commits on the status branch is
 * what another instance's {@link PeerStatuses} reads for its dashboard, with the time of the commit
 * that changed that file (not the branch tip's); a cluster without a file ("dev") has no entry, and
 * a Git outage keeps the last result.
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
    try (GitSource source = new GitSource(git)) {
      Reconciler r =
          GitDaemonIT.reconciler(
              source, git, new FileTarget(tmp.resolve(cluster).resolve("applied")), cluster);
      assertThat(r.reconcile(at).result()).isEqualTo(Result.APPLIED);
    }
  }

  @Test
  void anotherClustersCommittedStatusIsReadWithItsCommitTimeAndKeptThroughAnOutage()
      throws Exception {
    reconcileAs("staging", T0);
    // a later commit of another file on the status branch: staging's time is its own commit's
    reconcileAs("prod", T0.plusSeconds(60));
    GitSettings git = git("reader");
    try (GitSource source = new GitSource(git)) {
      PeerStatuses peers =
          new PeerStatuses(
              names ->
                  new GitStatusWriter(
                          source, git, StatusSettings.defaults(), StatusYaml::comparable, d -> {})
                      .readAll(names));
      assertThat(peers.last()).isEmpty();

      assertThat(peers.refresh(List.of("staging", "prod", "dev"))).isEmpty();
      assertThat(peers.last()).containsOnlyKeys("staging", "prod");
      PeerStatus staging = peers.last().get("staging");
      assertThat(staging.status().cluster()).isEqualTo("staging");
      assertThat(staging.status().updatedAt()).isEqualTo(T0);
      assertThat(staging.committedAt()).isEqualTo(T0);
      assertThat(staging.status().conditions())
          .anySatisfy(c -> assertThat(c.type()).isEqualTo(Condition.READY));

      repo.stop();
      assertThat(peers.refresh(List.of("staging", "prod", "dev"))).isPresent();
      assertThat(peers.last()).containsOnlyKeys("staging", "prod");
      repo.start();
    }
  }
}
