package dev.lockstep.plan;

/** What applying the revision does to the cluster's rollout (teleport-semantics §5.3). */
public enum RolloutChange {
  /**
   * A new rollout is created, or the existing one is reset (new start time, groups copied anew).
   */
  NEW,
  /** The existing rollout continues: only a mode or window-duration change, or group edits. */
  UNCHANGED,
  /**
   * No {@code autoupdate_version.spec.agents}: there is no rollout (an existing one is deleted).
   */
  NO_ROLLOUT
}
