package dev.lockstep.rollout;

/**
 * Teleport's {@code last_update_reason} strings (teleport-semantics §7, §8, §10): constants, never
 * free text.
 */
public final class Reasons {
  private Reasons() {}

  /** Group created with a new or reset rollout. */
  public static final String CREATED = "created";

  /** Halt-on-error: an earlier group is not done. */
  public static final String PREVIOUS_GROUPS_NOT_DONE = "previous_groups_not_done";

  /** Halt-on-error: outside the window, or wait_hours not elapsed. */
  public static final String CANNOT_START = "cannot_start";

  /** The rollout was created or reset inside this group's window less than 24 h ago. */
  public static final String ROLLOUT_CHANGED_DURING_WINDOW = "rollout_changed_during_window";

  /** Halt-on-error: the group started (active or canary). */
  public static final String CAN_START = "can_start";

  /** Halt-on-error: canary phase, not every canary runs the target version yet. */
  public static final String WAITING_FOR_CANARIES = "waiting_for_canaries";

  /** Halt-on-error: canary to active. */
  public static final String CANARIES_ARE_ALIVE = "canaries_are_alive";

  /** Halt-on-error: active, not done yet. */
  public static final String UPDATE_IN_PROGRESS = "update_in_progress";

  /** Halt-on-error: active to done. */
  public static final String UPDATE_COMPLETE = "update_complete";

  /** Time-based: inside the window (active). */
  public static final String IN_WINDOW = "in_window";

  /** Time-based: outside the window. */
  public static final String OUTSIDE_WINDOW = "outside_window";

  /** The group could not be evaluated. */
  public static final String RECONCILER_ERROR = "reconciler_error";

  /** {@code tctl autoupdate agents start-update}. */
  public static final String MANUAL_TRIGGER = "manual_trigger";

  /** {@code tctl autoupdate agents mark-done}. */
  public static final String MANUAL_FORCED_DONE = "manual_forced_done";

  /** {@code tctl autoupdate agents rollback}. */
  public static final String MANUAL_ROLLBACK = "manual_rollback";
}
