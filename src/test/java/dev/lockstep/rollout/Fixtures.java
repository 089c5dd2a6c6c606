package dev.lockstep.rollout;

import static dev.lockstep.model.TestResources.map;

import dev.lockstep.model.AutoupdateConfig;
import dev.lockstep.model.AutoupdateVersion;
import dev.lockstep.model.ClusterMaintenanceConfig;
import dev.lockstep.model.ClusterSource;
import dev.lockstep.model.Resource;
import dev.lockstep.model.ResourceKind;
import dev.lockstep.model.TestResources;
import dev.lockstep.rollout.RolloutController.Sources;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Small builders for rollout and plan tests: each test shows only what differs. */
public final class Fixtures {
  private Fixtures() {}

  /** A regular group map for {@code schedules.regular}. */
  public static Map<String, Object> group(String name, String days, long hour) {
    return group(name, days, hour, 0, 0);
  }

  /** A regular group map with wait hours and canaries; days comma-separated ("Mon,Tue" or "*"). */
  public static Map<String, Object> group(
      String name, String days, long hour, long wait, long canaries) {
    Map<String, Object> m =
        map(
            "name",
            name,
            "days",
            List.<Object>copyOf(Arrays.asList(days.split(","))),
            "start_hour",
            hour);
    if (wait != 0) {
      m.put("wait_hours", wait);
    }
    if (canaries != 0) {
      m.put("canary_count", canaries);
    }
    return m;
  }

  /** An autoupdate_config resource. */
  @SafeVarargs
  public static Resource config(
      String mode, String strategy, String window, Map<String, Object>... groups) {
    Map<String, Object> agents = map("mode", mode, "strategy", strategy);
    if (window != null) {
      agents.put("maintenance_window_duration", window);
    }
    if (groups.length > 0) {
      agents.put(
          "schedules", map("regular", new ArrayList<Object>(Arrays.asList((Object[]) groups))));
    }
    return TestResources.of(ResourceKind.AUTOUPDATE_CONFIG, map("agents", agents));
  }

  /**
   * An enabled config of two groups every day: {@code dev} at 12:00, then {@code web} (the last
   * group) at 14:00 with {@code webCanaries} canaries.
   */
  public static Resource devAndWeb(String strategy, String window, long webCanaries) {
    return config(
        "enabled", strategy, window, group("dev", "*", 12), group("web", "*", 14, 0, webCanaries));
  }

  /** An autoupdate_version resource. */
  public static Resource version(String start, String target, String schedule, String mode) {
    return TestResources.of(
        ResourceKind.AUTOUPDATE_VERSION,
        map(
            "agents",
            map(
                "start_version",
                start,
                "target_version",
                target,
                "schedule",
                schedule,
                "mode",
                mode)));
  }

  /** A regular, enabled 17.1.4 -> 17.2.1 version. */
  public static Resource version() {
    return version("17.1.4", "17.2.1", "regular", "enabled");
  }

  /** A cluster_maintenance_config with agent_upgrades. */
  public static Resource maintenance(long hour, String... weekdays) {
    return TestResources.of(
        ResourceKind.CLUSTER_MAINTENANCE_CONFIG,
        map(
            "agent_upgrades",
            map("utc_start_hour", hour, "weekdays", List.<Object>of((Object[]) weekdays))));
  }

  /** A lockstep_cluster descriptor. */
  public static Resource descriptor(String name, boolean cloud) {
    return TestResources.of(
        ResourceKind.LOCKSTEP_CLUSTER, map("cloud", cloud, "auth_version", "17.2.1"));
  }

  /** A cluster of Teleport resources (a lockstep_cluster among them becomes the descriptor). */
  public static ClusterSource cluster(String name, Resource... resources) {
    Resource descriptor = null;
    List<Resource> teleport = new ArrayList<>();
    for (Resource r : resources) {
      if (r.kind() == ResourceKind.LOCKSTEP_CLUSTER) {
        descriptor = r;
      } else {
        teleport.add(r);
      }
    }
    return new ClusterSource(name, "clusters/" + name, descriptor, teleport);
  }

  /** Controller sources from resources. */
  public static Sources sources(Resource... resources) {
    AutoupdateConfig config = null;
    AutoupdateVersion version = null;
    ClusterMaintenanceConfig cmc = null;
    for (Resource r : resources) {
      switch (r.kind()) {
        case AUTOUPDATE_CONFIG -> config = AutoupdateConfig.from(r);
        case AUTOUPDATE_VERSION -> version = AutoupdateVersion.from(r);
        case CLUSTER_MAINTENANCE_CONFIG -> cmc = ClusterMaintenanceConfig.from(r);
        default -> {}
      }
    }
    return new Sources(config, version, cmc);
  }
}
