package dev.lockstep.reconcile;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;

/**
 * When the loop runs again sooner than its interval: transient failures double the wait from {@link
 * ReconcileSettings#firstBackoff()} up to {@link ReconcileSettings#maxBackoff()}, a wait asks for
 * its own time, and anything else resets the count. Counts across runs; used under the reconcile
 * lock only.
 */
final class Backoff {
  private static final System.Logger LOG = System.getLogger(Backoff.class.getName());

  private final ReconcileSettings settings;
  private int transientFailures;

  Backoff(ReconcileSettings settings) {
    this.settings = settings;
  }

  /** The retry delay after a run that ended with {@code out}, if it asks for one. */
  Optional<Duration> after(RunOutcome out) {
    if (out.failure().isEmpty()) {
      transientFailures = 0;
      return Optional.empty();
    }
    StepFailure f = out.failure().get();
    if (f instanceof StepFailure.Waiting w) {
      return Optional.of(w.retryAfter());
    }
    if (f instanceof StepFailure.Stalled) {
      transientFailures = 0;
      LOG.log(
          Level.WARNING,
          "reconcile stalled ({0}) until a new commit: {1}",
          f.reason(),
          f.getMessage());
      return Optional.empty();
    }
    transientFailures++;
    Duration wait = settings.firstBackoff().multipliedBy(1L << Math.min(20, transientFailures - 1));
    Duration capped = wait.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : wait;
    LOG.log(
        Level.WARNING,
        "reconcile failed ({0}), retry in {1}: {2}",
        f.reason(),
        capped,
        f.getMessage());
    return Optional.of(capped);
  }
}
