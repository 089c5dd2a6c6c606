package dev.lockstep.rollout;

import dev.lockstep.model.AutoupdateConfig;
import dev.lockstep.model.AutoupdateVersion;
import java.time.Duration;
import java.util.Objects;

/**
 * {@code autoupdate_agent_rollout.spec} (teleport-semantics §5.1), rebuilt by the controller on
 * every run.
 *
 * @param startVersion agents not yet told to update run this
 * @param targetVersion the version the rollout moves to
 * @param schedule regular or immediate
 * @param mode the effective mode (teleport-semantics §4)
 * @param strategy halt-on-error or time-based
 * @param maintenanceWindowDuration the time-based window; zero for halt-on-error
 */
public record RolloutSpec(
    String startVersion,
    String targetVersion,
    Schedule schedule,
    AgentMode mode,
    Strategy strategy,
    Duration maintenanceWindowDuration) {

  public RolloutSpec {
    Objects.requireNonNull(startVersion, "startVersion");
    Objects.requireNonNull(targetVersion, "targetVersion");
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(maintenanceWindowDuration, "maintenanceWindowDuration");
  }

  /**
   * The spec the controller builds from a config (or null) and a version with an {@code agents}
   * block (teleport-semantics §5.3 step 3).
   *
   * @throws RolloutException for an empty or unknown mode, schedule or strategy
   */
  public static RolloutSpec from(AutoupdateConfig config, AutoupdateVersion.Agents version) {
    AutoupdateConfig.Agents agents = config == null ? null : config.agents();
    return new RolloutSpec(
        version.startVersion(),
        version.targetVersion(),
        Schedule.parse(version.schedule()),
        AgentMode.effective(agents == null ? "" : agents.mode(), version.mode()),
        Strategy.parse(agents == null ? "" : agents.strategy()),
        agents == null ? Duration.ZERO : agents.maintenanceWindowDuration());
  }

  /**
   * True when moving from {@code observed} to this spec resets the rollout: a different start or
   * target version, schedule or strategy (teleport-semantics §5.3 step 4). Mode and window duration
   * changes do not reset; neither do group edits, which are not part of the spec at all.
   */
  public boolean resets(RolloutSpec observed) {
    return observed == null
        || !startVersion.equals(observed.startVersion)
        || !targetVersion.equals(observed.targetVersion)
        || schedule != observed.schedule
        || strategy != observed.strategy;
  }
}
