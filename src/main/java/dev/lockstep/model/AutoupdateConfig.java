package dev.lockstep.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Typed view of an {@code autoupdate_config} spec (teleport-semantics §2.1). A null block is an
 * absent protobuf message; scalars inside a present block carry protobuf defaults ("" and 0).
 *
 * @param tools {@code spec.tools}, or null
 * @param agents {@code spec.agents}, or null
 */
public record AutoupdateConfig(Tools tools, Agents agents) {

  /** {@code spec.tools}. */
  public record Tools(String mode) {
    public Tools {
      Objects.requireNonNull(mode, "mode");
    }
  }

  /**
   * {@code spec.agents}.
   *
   * @param maintenanceWindowDuration {@code maintenance_window_duration}; zero when absent
   * @param regular {@code schedules.regular}, in order (order matters: teleport-semantics §5.4)
   */
  public record Agents(
      String mode, String strategy, Duration maintenanceWindowDuration, List<Group> regular) {
    public Agents {
      Objects.requireNonNull(mode, "mode");
      Objects.requireNonNull(strategy, "strategy");
      Objects.requireNonNull(maintenanceWindowDuration, "maintenanceWindowDuration");
      regular = List.copyOf(regular);
    }
  }

  /** One update group of {@code schedules.regular}. */
  public record Group(
      String name, List<String> days, long startHour, long waitHours, long canaryCount) {
    public Group {
      Objects.requireNonNull(name, "name");
      days = List.copyOf(days);
    }
  }

  /** Reads the view from a parsed {@code autoupdate_config}. */
  public static AutoupdateConfig from(Resource r) {
    Map<String, Object> spec = r.spec();
    Map<String, Object> t = Values.map(spec, "tools");
    Map<String, Object> a = Values.map(spec, "agents");
    Tools tools = t == null ? null : new Tools(Values.string(t, "mode"));
    Agents agents = null;
    if (a != null) {
      Duration window =
          GoDuration.parse(Values.string(a, "maintenance_window_duration")).orElse(Duration.ZERO);
      List<Group> groups =
          Values.maps(Values.map(a, "schedules"), "regular").stream()
              .map(
                  g ->
                      new Group(
                          Values.string(g, "name"),
                          Values.strings(g, "days"),
                          Values.integer(g, "start_hour"),
                          Values.integer(g, "wait_hours"),
                          Values.integer(g, "canary_count")))
              .toList();
      agents = new Agents(Values.string(a, "mode"), Values.string(a, "strategy"), window, groups);
    }
    return new AutoupdateConfig(tools, agents);
  }
}
