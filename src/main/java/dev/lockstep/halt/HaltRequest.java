package dev.lockstep.halt;

import java.time.Instant;
import java.util.Objects;

/**
 * A health check's request to halt one cluster's rollout.
 *
 * @param cluster the cluster
 * @param check the check that asks, e.g. {@code canary_timeout}
 * @param group the group it failed on; "" for the whole rollout
 * @param evidence what it saw (counts, reasons, canary hostnames), one line
 * @param targetVersion the rollout's target version
 * @param rolloutStart when the rollout started (with the target, what names the rollout)
 * @param at when the check decided
 */
public record HaltRequest(
    String cluster,
    String check,
    String group,
    String evidence,
    String targetVersion,
    Instant rolloutStart,
    Instant at) {
  public HaltRequest {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(evidence, "evidence");
    Objects.requireNonNull(targetVersion, "targetVersion");
    Objects.requireNonNull(rolloutStart, "rolloutStart");
    Objects.requireNonNull(at, "at");
  }

  /**
   * What makes a halt unique: at most one per cluster and rollout, {@code
   * <cluster>/<target>@<start>}.
   */
  public String key() {
    return cluster + "/" + targetVersion + "@" + rolloutStart;
  }
}
