package dev.lockstep.reconcile;

import dev.lockstep.model.ClusterSource;
import dev.lockstep.plan.Plan;
import dev.lockstep.plan.PlanOptions;
import dev.lockstep.plan.Planner;
import dev.lockstep.plan.RolloutChange;
import dev.lockstep.source.Revision;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a revision's plan was computed from, besides the revision itself: when the rollout it
 * simulates was created, for which revision, and the revision it was planned against. Kept with the
 * revision in force so that planning it again (after a restart) gives the same plan, and so that a
 * revision that does not reset the rollout (teleport-semantics §5.3) continues the rollout created
 * earlier instead of one created at the run's minute.
 *
 * @param created when the simulated rollout was created (the plan's {@link PlanOptions#from()})
 * @param createdFor the label of the revision that created that rollout
 * @param base the revision planned against (the one in force then), if any
 */
public record PlanInputs(Instant created, String createdFor, Optional<Revision> base) {

  public PlanInputs {
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(createdFor, "createdFor");
    Objects.requireNonNull(base, "base");
  }

  /** A plan and the inputs that give it again. */
  public record Planned(Plan plan, PlanInputs inputs) {
    public Planned {
      Objects.requireNonNull(plan, "plan");
      Objects.requireNonNull(inputs, "inputs");
    }
  }

  /**
   * The revision in force when a new one is planned.
   *
   * @param revision its commit
   * @param label its label
   * @param cluster the planned cluster in it, or null when it did not have it
   * @param inputs what its own plan was computed from
   */
  public record InForce(Revision revision, String label, ClusterSource cluster, PlanInputs inputs) {
    public InForce {
      Objects.requireNonNull(revision, "revision");
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(inputs, "inputs");
    }
  }

  /**
   * Plans a newly read revision. Against the revision in force, the rollout that one created is
   * kept (same creation time) when the plan says the rollout is not reset; otherwise the revision
   * creates a new rollout at {@code now}.
   *
   * @throws RuntimeException what the {@link Planner} throws when it cannot plan
   */
  public static Planned plan(
      String label, ClusterSource cluster, Optional<InForce> inForce, Instant now) {
    if (inForce.isEmpty()) {
      Plan plan = Planner.plan(label, cluster, Optional.empty(), PlanOptions.from(now));
      return new Planned(plan, new PlanInputs(now, label, Optional.empty()));
    }
    InForce base = inForce.get();
    Optional<Planner.Baseline> baseline =
        Optional.of(new Planner.Baseline(base.label(), base.cluster()));
    Plan kept = Planner.plan(label, cluster, baseline, PlanOptions.from(base.inputs().created()));
    if (kept.change() == RolloutChange.UNCHANGED) {
      return new Planned(
          kept,
          new PlanInputs(
              base.inputs().created(), base.inputs().createdFor(), Optional.of(base.revision())));
    }
    Plan fresh = Planner.plan(label, cluster, baseline, PlanOptions.from(now));
    return new Planned(fresh, new PlanInputs(now, label, Optional.of(base.revision())));
  }

  /**
   * Plans a revision again from the inputs recorded with it; {@code base} is the cluster in {@link
   * #base()}'s revision (null when it did not have it), ignored when there is no base.
   */
  public Plan replan(String label, ClusterSource cluster, Optional<BaseCluster> base) {
    Optional<Planner.Baseline> baseline =
        this.base.isEmpty() || base.isEmpty()
            ? Optional.empty()
            : Optional.of(new Planner.Baseline(base.get().label(), base.get().cluster()));
    return Planner.plan(label, cluster, baseline, PlanOptions.from(created));
  }

  /**
   * The cluster of the {@link #base()} revision, read again.
   *
   * @param label the base revision's label
   * @param cluster the cluster there, or null when it did not have it
   */
  public record BaseCluster(String label, ClusterSource cluster) {
    public BaseCluster {
      Objects.requireNonNull(label, "label");
    }
  }
}
