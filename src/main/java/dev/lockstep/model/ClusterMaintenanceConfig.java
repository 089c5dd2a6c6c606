package dev.lockstep.model;

import java.util.List;
import java.util.Map;

/**
 * Typed view of a {@code cluster_maintenance_config} (teleport-semantics §12).
 *
 * @param agentUpgrades {@code spec.agent_upgrades}, or null
 */
public record ClusterMaintenanceConfig(AgentUpgrades agentUpgrades) {

  /**
   * {@code spec.agent_upgrades}: a one-hour window at {@code utc_start_hour} on {@code weekdays}.
   */
  public record AgentUpgrades(long utcStartHour, List<String> weekdays) {
    public AgentUpgrades {
      weekdays = List.copyOf(weekdays);
    }
  }

  /** Reads the view from a parsed {@code cluster_maintenance_config}. */
  public static ClusterMaintenanceConfig from(Resource r) {
    Map<String, Object> u = Values.map(r.spec(), "agent_upgrades");
    return new ClusterMaintenanceConfig(
        u == null
            ? null
            : new AgentUpgrades(
                Values.integer(u, "utc_start_hour"), Values.strings(u, "weekdays")));
  }
}
