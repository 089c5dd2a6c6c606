package dev.lockstep.reconcile;

import dev.lockstep.finding.Findings;
import dev.lockstep.plan.Plan;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the steps of one run returned, folded once by the {@link Reconciler} into its memory, the
 * status document and the report.
 *
 * @param now the time of the run
 * @param fetch how long the Git fetch took
 * @param rewritten the force push this run found, if it found one
 * @param evaluation the head revision read, checked and planned, if it could be read
 * @param applied the apply of the head revision, if it was applied
 * @param watched what the observe, assess and halt steps returned, when they ran
 * @param outcome how the run ended
 * @param gitProblem why Git could not be read, if it could not
 * @param clusterProblem why the cluster could not be written, if it could not
 */
record Ran(
    Instant now,
    Duration fetch,
    Optional<Rewrite> rewritten,
    Optional<Evaluation> evaluation,
    Optional<ApplyStep.Applied> applied,
    Optional<WatchStep.Watched> watched,
    RunOutcome outcome,
    Optional<String> gitProblem,
    Optional<String> clusterProblem) {

  Ran {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(fetch, "fetch");
    Objects.requireNonNull(rewritten, "rewritten");
    Objects.requireNonNull(evaluation, "evaluation");
    Objects.requireNonNull(applied, "applied");
    Objects.requireNonNull(watched, "watched");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(gitProblem, "gitProblem");
    Objects.requireNonNull(clusterProblem, "clusterProblem");
  }

  /** A run that ended before anything was read, or with an unexpected error. */
  static Ran failed(Instant now, Duration fetch, StepFailure f, Optional<String> gitProblem) {
    return new Ran(
        now,
        fetch,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        RunOutcome.failed(f),
        gitProblem,
        Optional.empty());
  }

  /** A run whose source was read; its outcome is "did not finish" until {@link #ended}. */
  static Ran started(Instant now, Duration fetch, Optional<Rewrite> rewritten) {
    StepFailure unfinished =
        new StepFailure.Transient(StepFailure.INTERNAL_ERROR, "the run did not finish");
    return new Ran(
        now,
        fetch,
        rewritten,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        RunOutcome.failed(unfinished),
        Optional.empty(),
        Optional.empty());
  }

  /** This run, ended by the check, apply and observe steps' values. */
  Ran ended(
      Optional<Evaluation> ev,
      Optional<ApplyStep.Applied> apply,
      Optional<WatchStep.Watched> seen,
      RunOutcome out,
      Optional<String> problem) {
    return new Ran(now, fetch, rewritten, ev, apply, seen, out, gitProblem, problem);
  }

  /** The report of this run. */
  ReconcileReport report(
      String label,
      Optional<Plan> plan,
      Optional<Duration> retryAfter,
      Optional<String> statusCommit) {
    return new ReconcileReport(
        now,
        label,
        outcome.result(),
        outcome.reason(),
        outcome.message(),
        evaluation.map(Evaluation::findings).orElse(Findings.NONE),
        plan,
        outcome.changes(),
        outcome.drift(),
        retryAfter,
        fetch,
        statusCommit,
        rewritten,
        watched.flatMap(WatchStep.Watched::assessment),
        watched.filter(WatchStep.Watched::haltedNow).flatMap(WatchStep.Watched::halt));
  }
}
