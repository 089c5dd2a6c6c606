package dev.lockstep.reconcile;

import dev.lockstep.reconcile.ReconcileReport.Result;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How one run ended, as the steps decided it: the Ready reason and message, what was written, the
 * drift found and the changes pending, and the failure when a step could not finish.
 *
 * @param result how it ended
 * @param reason the Ready reason
 * @param message the Ready message
 * @param changes one line per resource written
 * @param drift one line per live drift found
 * @param pending changes not written (suspended, or not the leader)
 * @param failure why a step could not finish, if one could not
 */
record RunOutcome(
    Result result,
    String reason,
    String message,
    List<String> changes,
    List<String> drift,
    List<String> pending,
    Optional<StepFailure> failure) {

  RunOutcome {
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
    changes = List.copyOf(changes);
    drift = List.copyOf(drift);
    pending = List.copyOf(pending);
    Objects.requireNonNull(failure, "failure");
  }

  /** A run that ended well. */
  static RunOutcome succeeded(Result result, String reason, String message) {
    return new RunOutcome(
        result, reason, message, List.of(), List.of(), List.of(), Optional.empty());
  }

  /** A run a step could not finish. */
  static RunOutcome failed(StepFailure f) {
    Result result =
        f instanceof StepFailure.Transient
            ? Result.TRANSIENT
            : f instanceof StepFailure.Waiting ? Result.WAITING : Result.STALLED;
    return new RunOutcome(
        result, f.reason(), f.getMessage(), List.of(), List.of(), List.of(), Optional.of(f));
  }

  /** True when no step failed. */
  boolean ok() {
    return failure.isEmpty();
  }

  /** The same with these changes, drift and pending changes. */
  RunOutcome with(List<String> changes, List<String> drift, List<String> pending) {
    return new RunOutcome(result, reason, message, changes, drift, pending, failure);
  }
}
