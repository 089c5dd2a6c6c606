package dev.lockstep.plan;

import dev.lockstep.rollout.GroupTimeline;
import dev.lockstep.rollout.Simulation;
import java.util.List;
import java.util.Objects;

/**
 * What {@code lockstep plan} found for one cluster.
 *
 * @param cluster the cluster name
 * @param revision the planned revision's label
 * @param baseRevision the {@code --base} revision's label, or null without {@code --base}
 * @param change new rollout, same rollout, or none
 * @param notes sentences explaining the change and when each edit takes effect
 * @param simulation the simulated timeline
 * @param warnings traps, in group order
 */
public record Plan(
    String cluster,
    String revision,
    String baseRevision,
    RolloutChange change,
    List<String> notes,
    Simulation simulation,
    List<PlanWarning> warnings) {

  public Plan {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(revision, "revision");
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(simulation, "simulation");
    notes = List.copyOf(notes);
    warnings = List.copyOf(warnings);
  }

  /** The groups' timelines. */
  public List<GroupTimeline> groups() {
    return simulation.groups();
  }

  /** True when the revision creates or resets the rollout. */
  public boolean newRollout() {
    return change == RolloutChange.NEW;
  }
}
