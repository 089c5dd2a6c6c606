package dev.lockstep.reconcile;

import dev.lockstep.source.Revision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The steps of one run in order: source, check and plan, apply, observe, assess, halt. Each step
 * returns a value; the first failure ends the run; the result is one {@link Ran} that the {@link
 * Reconciler} folds. Used under the reconcile lock.
 */
final class Pipeline {
  private static final Optional<String> NONE = Optional.empty();

  private final SourceStep sourceStep;
  private final ApplyStep applyStep;
  private final WatchStep watchStep;
  private final Revisions revisions;
  private final BooleanSupplier mayWrite;

  Pipeline(
      SourceStep sourceStep,
      ApplyStep applyStep,
      WatchStep watchStep,
      Revisions revisions,
      BooleanSupplier mayWrite) {
    this.sourceStep = sourceStep;
    this.applyStep = applyStep;
    this.watchStep = watchStep;
    this.revisions = revisions;
    this.mayWrite = mayWrite;
  }

  /** Runs the steps once; {@code suspended}: nothing is written to the cluster. */
  Ran run(Instant now, boolean suspended) {
    SourceStep.Polled polled = sourceStep.poll();
    if (polled.failure().isPresent()) {
      StepFailure f = polled.failure().get();
      return Ran.failed(now, polled.fetch(), f, Optional.of(f.getMessage()));
    }
    Revision revision = polled.revision().orElseThrow();
    Ran started = Ran.started(now, polled.fetch(), revisions.rewritten(revision, now));
    Evaluation ev;
    try {
      ev = revisions.head(revision, now);
    } catch (StepFailure f) {
      return started.ended(
          Optional.empty(), Optional.empty(), Optional.empty(), RunOutcome.failed(f), NONE);
    }
    Optional<Evaluation> inForce = revisions.good();
    Optional<StepFailure> refusal = CheckStep.refusal(ev, inForce);
    boolean hold = revisions.holding();
    if (refusal.isPresent()) {
      Optional<ApplyStep.Applied> healed =
          applyStep.heal(refusal.get(), inForce, revisions.appliedCommit(), suspended, hold);
      List<String> drift = healed.map(ApplyStep.Applied::healed).orElse(List.of());
      RunOutcome out = RunOutcome.failed(refusal.get()).with(List.of(), drift, List.of());
      Optional<WatchStep.Watched> seen =
          inForce.filter(g -> g.cluster().isPresent()).map(g -> watch(g, now, suspended));
      return started.ended(
          Optional.of(ev), Optional.empty(), seen, out, healed.flatMap(a -> a.clusterProblem()));
    }
    revisions.accept(ev);
    hold = revisions.holding();
    ApplyStep.Applied a = applyStep.apply(ev, revisions.appliedCommit(), suspended, hold, false);
    if (a.failure().isPresent()) {
      return started.ended(
          Optional.of(ev),
          Optional.of(a),
          Optional.empty(),
          a.outcome(suspended),
          a.clusterProblem());
    }
    WatchStep.Watched seen = watch(ev, now, suspended);
    RunOutcome out = a.outcome(suspended);
    if (seen.haltedNow()) {
      // mode changes take effect at once in Teleport: the suspend is applied in this run
      ApplyStep.Applied h = applyStep.apply(ev, revisions.appliedCommit(), suspended, true, true);
      List<String> changes = new ArrayList<>(out.changes());
      changes.addAll(h.changed());
      out = out.with(changes, out.drift(), out.pending());
    }
    return started.ended(
        Optional.of(ev), Optional.of(a), Optional.of(seen), out, a.clusterProblem());
  }

  private WatchStep.Watched watch(Evaluation good, Instant now, boolean suspended) {
    boolean leader = !suspended && mayWrite.getAsBoolean();
    return watchStep.watch(good, revisions.samples(), revisions.halt(), now, leader);
  }
}
