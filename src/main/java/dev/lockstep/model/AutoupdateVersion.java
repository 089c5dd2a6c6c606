package dev.lockstep.model;

import java.util.Map;
import java.util.Objects;

/**
 * Typed view of an {@code autoupdate_version} spec (teleport-semantics §3.1). Versions stay strings
 * here: the validator reports the ones Teleport would reject, with their location.
 *
 * @param tools {@code spec.tools}, or null
 * @param agents {@code spec.agents}, or null
 */
public record AutoupdateVersion(Tools tools, Agents agents) {

  /** {@code spec.tools}. */
  public record Tools(String targetVersion) {
    public Tools {
      Objects.requireNonNull(targetVersion, "targetVersion");
    }
  }

  /** {@code spec.agents}. */
  public record Agents(String startVersion, String targetVersion, String schedule, String mode) {
    public Agents {
      Objects.requireNonNull(startVersion, "startVersion");
      Objects.requireNonNull(targetVersion, "targetVersion");
      Objects.requireNonNull(schedule, "schedule");
      Objects.requireNonNull(mode, "mode");
    }
  }

  /** Reads the view from a parsed {@code autoupdate_version}. */
  public static AutoupdateVersion from(Resource r) {
    Map<String, Object> spec = r.spec();
    Map<String, Object> t = Values.map(spec, "tools");
    Map<String, Object> a = Values.map(spec, "agents");
    return new AutoupdateVersion(
        t == null ? null : new Tools(Values.string(t, "target_version")),
        a == null
            ? null
            : new Agents(
                Values.string(a, "start_version"),
                Values.string(a, "target_version"),
                Values.string(a, "schedule"),
                Values.string(a, "mode")));
  }
}
