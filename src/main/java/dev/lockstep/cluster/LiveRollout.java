package dev.lockstep.cluster;

import java.util.List;
import java.util.Objects;

/**
 * The live {@code autoupdate_agent_rollout} (teleport-semantics §5.1) as Lockstep reports it.
 * States are the lower-case machine names ({@code unstarted}, {@code active}, {@code done}, {@code
 * rolledback}, {@code canary}, {@code unspecified}) whether tctl printed enum names or numbers.
 *
 * @param startVersion {@code spec.start_version}
 * @param targetVersion {@code spec.target_version}
 * @param mode {@code spec.autoupdate_mode}
 * @param strategy {@code spec.strategy}
 * @param state {@code status.state}
 * @param groups {@code status.groups}, in rollout order
 */
public record LiveRollout(
    String startVersion,
    String targetVersion,
    String mode,
    String strategy,
    String state,
    List<Group> groups) {

  /** One group of {@code status.groups}. */
  public record Group(String name, String state, String startTime, String lastUpdateReason) {
    public Group {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(startTime, "startTime");
      Objects.requireNonNull(lastUpdateReason, "lastUpdateReason");
    }
  }

  public LiveRollout {
    Objects.requireNonNull(startVersion, "startVersion");
    Objects.requireNonNull(targetVersion, "targetVersion");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(state, "state");
    groups = List.copyOf(groups);
  }

  private static final List<String> STATES =
      List.of("unspecified", "unstarted", "active", "done", "rolledback", "canary");

  /**
   * A state as a machine name: accepts the number (teleport-semantics §5.1 table), the protobuf
   * enum name ({@code AUTO_UPDATE_AGENT_GROUP_STATE_ACTIVE}) or the short name; unknown input is
   * kept as is.
   */
  static String stateName(Object raw) {
    if (raw == null) {
      return "unspecified";
    }
    if (raw instanceof Number n) {
      int i = n.intValue();
      return i >= 0 && i < STATES.size() ? STATES.get(i) : String.valueOf(raw);
    }
    String s = String.valueOf(raw);
    int cut = s.lastIndexOf("_STATE_");
    String tail =
        (cut >= 0 ? s.substring(cut + "_STATE_".length()) : s).toLowerCase(java.util.Locale.ROOT);
    return STATES.contains(tail) ? tail : s;
  }
}
