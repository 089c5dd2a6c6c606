package dev.lockstep.reconcile;

import dev.lockstep.finding.Findings;
import dev.lockstep.health.Assessment;
import dev.lockstep.plan.Plan;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one reconcile run did: a value the service logs, counts in metrics and serves; the status
 * document is derived from the same run and written by the {@link Reconciler} itself.
 *
 * @param at when the run started (the injected time)
 * @param revision the revision label read, e.g. {@code main@1a2b3c4d}, or "" when Git was
 *     unreachable
 * @param result how it ended
 * @param reason the Ready reason (PascalCase)
 * @param message the Ready message, for humans
 * @param findings the findings of the revision read (empty when it could not be read)
 * @param plan the planned timeline of the revision, when it validated
 * @param changes one line per resource written, e.g. {@code update
 *     autoupdate_version/autoupdate-version}
 * @param drift one line per live drift found (corrected unless self-heal is off or writes are
 *     suspended)
 * @param retryAfter when the loop should run again sooner than its interval (transient failures,
 *     waits)
 * @param fetch how long the Git fetch took
 * @param statusCommit the status commit made by this run, if any
 * @param rewritten the force push this run found, if it found one
 * @param assessment the health checks' verdicts on the rollout samples, when there were samples
 * @param halt the halt this run made, if it made one
 */
public record ReconcileReport(
    Instant at,
    String revision,
    Result result,
    String reason,
    String message,
    Findings findings,
    Optional<Plan> plan,
    List<String> changes,
    List<String> drift,
    Optional<Duration> retryAfter,
    Duration fetch,
    Optional<String> statusCommit,
    Optional<Rewrite> rewritten,
    Optional<Assessment> assessment,
    Optional<StatusDocument.Halt> halt) {

  /** How a run ended; the metric label is the lower-case name. */
  public enum Result {
    /** Changes of a new revision were written. */
    APPLIED,
    /** Live already equalled desired. */
    UNCHANGED,
    /** Live had drifted from the applied revision and was re-applied. */
    DRIFT_CORRECTED,
    /** Live has drifted and was left (self-heal off). */
    DRIFT_DETECTED,
    /** Suspended: read and reported, nothing written to the cluster. */
    SUSPENDED,
    /** Bad input; waits for a new commit. */
    STALLED,
    /** Waits for a known time. */
    WAITING,
    /** Network or cluster failure; retried with backoff. */
    TRANSIENT;

    /** The metric label. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public ReconcileReport {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(revision, "revision");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(findings, "findings");
    Objects.requireNonNull(plan, "plan");
    changes = List.copyOf(changes);
    drift = List.copyOf(drift);
    Objects.requireNonNull(retryAfter, "retryAfter");
    Objects.requireNonNull(fetch, "fetch");
    Objects.requireNonNull(statusCommit, "statusCommit");
    Objects.requireNonNull(rewritten, "rewritten");
    Objects.requireNonNull(assessment, "assessment");
    Objects.requireNonNull(halt, "halt");
  }

  /** True when the run ended without a failure. */
  public boolean ok() {
    return switch (result) {
      case STALLED, WAITING, TRANSIENT -> false;
      default -> true;
    };
  }
}
