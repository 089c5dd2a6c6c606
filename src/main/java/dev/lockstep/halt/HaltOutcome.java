package dev.lockstep.halt;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link GitHalt#halt} did. The caller applies the suspend at once in every case but {@link
 * Kind#ALREADY_SUSPENDED}, and records a hold for {@link Kind#HOLD} that self-heal respects.
 *
 * @param kind what happened
 * @param commit the halt commit (on the branch for {@code COMMITTED}, on the halt branch for {@code
 *     HOLD}, the earlier one for {@code ALREADY_HALTED})
 * @param pullRequest the halt pull request's page, for {@code HOLD} when a platform is configured
 * @param message one sentence for the status and the logs
 */
public record HaltOutcome(
    Kind kind, Optional<String> commit, Optional<String> pullRequest, String message) {

  /** What happened. */
  public enum Kind {
    /** The halt commit was pushed to the followed branch. */
    COMMITTED,
    /**
     * The push was refused (a protected branch): the suspend is applied and held in the status
     * until the halt pull request merges; self-heal must not re-enable the mode meanwhile.
     */
    HOLD,
    /** This rollout of this cluster was halted before (its commit carries the same key). */
    ALREADY_HALTED,
    /** The repository already sets the mode to suspended: nothing to commit. */
    ALREADY_SUSPENDED
  }

  public HaltOutcome {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(pullRequest, "pullRequest");
    Objects.requireNonNull(message, "message");
  }
}
