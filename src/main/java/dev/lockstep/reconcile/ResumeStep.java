package dev.lockstep.reconcile;

import dev.lockstep.source.Revision;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The first step after a start: the revision in force, read again from the local mirror and planned
 * from its recorded inputs, so an unchanged revision plans and reports as before; then the last
 * status (history, transition times, what was applied, the rollout), from Git or else from the data
 * folder.
 */
final class ResumeStep {
  private static final System.Logger LOG = System.getLogger(ResumeStep.class.getName());

  /**
   * What a previous process knew.
   *
   * @param good the revision in force, read again and still valid
   * @param appliedCommit the commit last applied, when {@code good} is back
   * @param status the last status document
   * @param saved the data-folder record it came from
   */
  record Restored(
      Optional<Evaluation> good,
      Optional<String> appliedCommit,
      Optional<StatusDocument> status,
      Optional<LastKnown> saved) {}

  private ResumeStep() {}

  /**
   * Reads what {@code from} holds about {@code cluster}; never throws (failures are logged).
   *
   * @param back told about the revision in force once it is back, before the committed status is
   *     read over the network (so its channels and readiness do not wait for Git)
   */
  static Restored restore(
      Resume from,
      Optional<String> cluster,
      CheckStep check,
      Instant now,
      Consumer<Evaluation> back) {
    Optional<LastKnown> known = from.known(cluster);
    Optional<Evaluation> good =
        known.flatMap(LastKnown::good).flatMap(r -> reread(r, known, check, now));
    good.ifPresent(back);
    Resume.Start start = newestSamples(from.start(known, cluster), known);
    start.status().ifPresent(d -> LOG.log(Level.INFO, "resumed the status from {0}", start.from()));
    return new Restored(
        good, good.flatMap(g -> known.flatMap(LastKnown::applied)), start.status(), known);
  }

  /**
   * Saves {@code known} unless it says what {@code saved} says; returns what is saved now. Called
   * before the status is pushed, so a kill between the two converges.
   */
  static Optional<LastKnown> save(Resume resume, Optional<LastKnown> saved, LastKnown known) {
    return !known.sameAs(saved.orElse(null)) && resume.store().save(known)
        ? Optional.of(known)
        : saved;
  }

  /**
   * The start with the newer of two sample histories: the committed status carries the samples of
   * its last commit only (a new sample alone commits nothing), the data folder those of the last
   * run.
   */
  private static Resume.Start newestSamples(Resume.Start start, Optional<LastKnown> known) {
    Optional<dev.lockstep.observe.SampleHistory> local =
        known.flatMap(LastKnown::status).flatMap(StatusReader::read).map(StatusDocument::samples);
    if (start.status().isEmpty() || local.isEmpty()) {
      return start;
    }
    StatusDocument doc = start.status().get();
    Instant committed = doc.samples().latest().map(s -> s.at()).orElse(Instant.MIN);
    Instant saved = local.get().latest().map(s -> s.at()).orElse(Instant.MIN);
    if (!saved.isAfter(committed)) {
      return start;
    }
    return new Resume.Start(
        Optional.of(
            new StatusDocument(
                doc.cluster(),
                doc.updatedAt(),
                doc.source(),
                doc.conditions(),
                doc.applied(),
                doc.findings(),
                doc.rollout(),
                doc.timeline(),
                doc.history(),
                local.get(),
                doc.halt())),
        start.from() + " (rollout samples from the data folder, newer)");
  }

  private static Optional<Evaluation> reread(
      Revision inForce, Optional<LastKnown> known, CheckStep check, Instant now) {
    Optional<PlanInputs> inputs = known.flatMap(LastKnown::plan);
    try {
      Optional<Evaluation> base = Optional.empty();
      if (inputs.isPresent() && inputs.get().base().isPresent()) {
        base = Optional.of(check.base(inputs.get().base().get()));
      }
      Evaluation ev = check.evaluate(inForce, now, base, inputs);
      if (!ev.valid()) {
        LOG.log(Level.WARNING, "{0} no longer validates: not resumed", ev.label());
        return Optional.empty();
      }
      LOG.log(
          Level.INFO,
          "resumed {0} in force (rollout created {1} for {2})",
          ev.label(),
          inputs.map(i -> i.created().toString()).orElse("?"),
          inputs.map(PlanInputs::createdFor).orElse("?"));
      return Optional.of(ev);
    } catch (StepFailure f) {
      LOG.log(
          Level.WARNING,
          "cannot read {0} again from the local mirror, starting without it: {1}",
          inForce.label(),
          f.getMessage());
      return Optional.empty();
    }
  }
}
