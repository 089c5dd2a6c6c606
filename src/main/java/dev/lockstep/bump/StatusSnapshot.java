package dev.lockstep.bump;

import java.time.Instant;
import java.util.Objects;

/**
 * One version of a cluster's status file (the one Lockstep commits to the status branch), as far as
 * promotion needs it.
 *
 * @param at the file's {@code updatedAt}
 * @param rolloutState the live rollout's {@code state} ({@code done}, {@code active}, ...), "" when
 *     no rollout was observed
 * @param targetVersion the live rollout's target version, "" when none
 * @param halted true when the status shows a halt: a {@code Halted} condition that is {@code True},
 *     or the rollout or one of its groups rolled back
 * @param commit the status commit it was read from, or ""
 */
public record StatusSnapshot(
    Instant at, String rolloutState, String targetVersion, boolean halted, String commit) {
  public StatusSnapshot {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(rolloutState, "rolloutState");
    Objects.requireNonNull(targetVersion, "targetVersion");
    Objects.requireNonNull(commit, "commit");
  }

  /** True for a finished rollout to {@code version} without a halt. */
  public boolean isDoneAt(String version) {
    return !halted && rolloutState.equals("done") && targetVersion.equals(version);
  }
}
