package dev.lockstep.reconcile;

import dev.lockstep.model.ClusterSource;
import dev.lockstep.plan.Plan;
import dev.lockstep.rollout.GroupTimeline;
import dev.lockstep.source.Revision;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The plan step: the rollout timeline of a validated revision, planned against the revision in
 * force, or again from the inputs recorded with it after a restart (so an unchanged revision plans
 * as before).
 */
final class PlanStep {
  private static final System.Logger LOG = System.getLogger(PlanStep.class.getName());

  private PlanStep() {}

  /**
   * The plan and what it was computed from; empty (and logged) when the revision cannot be planned.
   *
   * @param base the revision in force, if any
   * @param pinned the inputs recorded with this revision when it is read again after a restart
   */
  static Optional<PlanInputs.Planned> plan(
      Revision revision,
      ClusterSource cluster,
      Optional<Evaluation> base,
      Optional<PlanInputs> pinned,
      Instant now) {
    try {
      PlanInputs.Planned planned = planned(revision, cluster, base, pinned, now);
      log(planned.plan());
      return Optional.of(planned);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "{0}: cannot plan the rollout: {1}", revision.label(), e.getMessage());
      return Optional.empty();
    }
  }

  private static PlanInputs.Planned planned(
      Revision revision,
      ClusterSource cluster,
      Optional<Evaluation> base,
      Optional<PlanInputs> pinned,
      Instant now) {
    if (pinned.isPresent()) {
      Optional<PlanInputs.BaseCluster> b =
          base.map(e -> new PlanInputs.BaseCluster(e.label(), e.cluster().orElse(null)));
      return new PlanInputs.Planned(
          pinned.get().replan(revision.label(), cluster, b), pinned.get());
    }
    Optional<PlanInputs.InForce> inForce =
        base.map(
            e ->
                new PlanInputs.InForce(
                    e.revision(),
                    e.label(),
                    e.cluster().orElse(null),
                    e.inputs().orElseGet(() -> new PlanInputs(now, e.label(), Optional.empty()))));
    return PlanInputs.plan(revision.label(), cluster, inForce, now);
  }

  private static void log(Plan p) {
    LOG.log(
        Level.INFO,
        "plan for {0}: {1}, {2} group(s){3}",
        p.cluster(),
        p.change().name().toLowerCase(Locale.ROOT),
        p.groups().size(),
        p.groups().stream().map(PlanStep::summary).collect(Collectors.joining("", ": ", "")));
  }

  private static String summary(GroupTimeline g) {
    return " "
        + g.name()
        + (g.start() == null ? " not started in horizon" : " starts " + g.start());
  }
}
