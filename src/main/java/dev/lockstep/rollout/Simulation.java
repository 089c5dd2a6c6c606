package dev.lockstep.rollout;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The result of {@link RolloutSimulator#simulate}.
 *
 * @param spec the rollout spec, or null when the revision creates no rollout (no {@code
 *     autoupdate_version.spec.agents})
 * @param created the first controller run: the rollout's {@code start_time}
 * @param horizonEnd no controller run at or after this instant was simulated
 * @param agents the agent model used
 * @param groups each group's history, in rollout order (empty for an immediate schedule)
 * @param completes the run at which every group was done, or null
 * @param finalRollout the rollout after the last simulated run, or null
 * @param errors distinct controller errors met
 */
public record Simulation(
    RolloutSpec spec,
    Instant created,
    Instant horizonEnd,
    AgentModel agents,
    List<GroupTimeline> groups,
    Instant completes,
    Rollout finalRollout,
    List<String> errors) {

  public Simulation {
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(horizonEnd, "horizonEnd");
    Objects.requireNonNull(agents, "agents");
    groups = List.copyOf(groups);
    errors = List.copyOf(errors);
  }
}
