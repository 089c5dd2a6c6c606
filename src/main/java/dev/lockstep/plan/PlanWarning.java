package dev.lockstep.plan;

import java.util.Objects;

/**
 * Something in the plan a reviewer should look at twice.
 *
 * @param code a stable id
 * @param group the group it is about, or "" for the whole rollout
 * @param message a human sentence
 */
public record PlanWarning(Code code, String group, String message) {

  /** Stable warning ids, listed in docs/plan.md, "Warnings". */
  public enum Code {
    /** A group never starts within the horizon. */
    NEVER_STARTS("never-starts"),
    /** A group starts but is not done within the horizon. */
    NEVER_DONE("never-done"),
    /** Halt-on-error: a group starts in a later week than the previous group is done. */
    LATER_WEEK("later-week"),
    /** A canary group has fewer agents than its canary count: it stays in the canary phase. */
    CANARY_TOO_FEW_AGENTS("canary-too-few-agents"),
    /** Without agent reports no canary is sampled: canary groups stay in the canary phase. */
    CANARY_WITHOUT_REPORTS("canary-without-reports"),
    /** A Teleport Cloud rollout takes more than 72 hours. */
    CLOUD_OVER_72H("cloud-over-72h"),
    /** The effective mode is not enabled: agents are not told to update. */
    MODE_NOT_ENABLED("mode-not-enabled"),
    /** A time-based window would cross UTC midnight; Teleport cuts it there. */
    WINDOW_CUT_AT_MIDNIGHT("window-cut-at-midnight"),
    /** The controller reported an error while simulating. */
    CONTROLLER_ERROR("controller-error");

    private final String id;

    Code(String id) {
      this.id = id;
    }

    /** The stable id, e.g. {@code never-starts}. */
    public String id() {
      return id;
    }
  }

  public PlanWarning {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(message, "message");
  }

  /** {@code [id] message}. */
  @Override
  public String toString() {
    return "[" + code.id() + "] " + message;
  }
}
