package dev.lockstep.rollout;

import dev.lockstep.model.AutoupdateConfig;
import dev.lockstep.model.ClusterMaintenanceConfig;
import java.util.List;
import java.util.Objects;

/**
 * A group as the controller copies it into a new rollout (teleport-semantics §5.4).
 *
 * @param name group name
 * @param days {@code days} as written ({@code ["*"]} or day names)
 * @param startHour UTC hour of the window
 * @param waitHours halt-on-error: hours after the previous group's start
 * @param canaryCount canaries sampled before the whole group (0: no canary phase)
 */
public record GroupConfig(
    String name, List<String> days, int startHour, int waitHours, int canaryCount) {

  /**
   * The built-in group when nothing else defines one: Mon–Thu at 12:00 UTC (teleport-semantics
   * §5.4).
   */
  public static final GroupConfig DEFAULT =
      new GroupConfig("default", List.of("Mon", "Tue", "Wed", "Thu"), 12, 0, 0);

  /**
   * Name of the group derived from a {@code cluster_maintenance_config} (teleport-semantics §5.4).
   */
  public static final String DEFAULT_CMC = "default-cmc";

  public GroupConfig {
    Objects.requireNonNull(name, "name");
    days = List.copyOf(days);
  }

  /**
   * {@code makeGroupsStatus}: the config's regular groups in order; else one {@code default-cmc}
   * group from a maintenance config with {@code agent_upgrades} (days = its weekdays, or every day
   * when it lists none); else the built-in {@link #DEFAULT}.
   *
   * @param config the autoupdate_config, or null
   * @param cmc the cluster_maintenance_config, or null
   */
  public static List<GroupConfig> from(AutoupdateConfig config, ClusterMaintenanceConfig cmc) {
    if (config != null && config.agents() != null && !config.agents().regular().isEmpty()) {
      return config.agents().regular().stream()
          .map(
              g ->
                  new GroupConfig(
                      g.name(),
                      g.days(),
                      (int) g.startHour(),
                      (int) g.waitHours(),
                      (int) g.canaryCount()))
          .toList();
    }
    if (cmc != null && cmc.agentUpgrades() != null) {
      var u = cmc.agentUpgrades();
      List<String> days = u.weekdays().isEmpty() ? List.of("*") : u.weekdays();
      return List.of(new GroupConfig(DEFAULT_CMC, days, (int) u.utcStartHour(), 0, 0));
    }
    return List.of(DEFAULT);
  }
}
