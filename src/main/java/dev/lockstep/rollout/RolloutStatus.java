package dev.lockstep.rollout;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * {@code autoupdate_agent_rollout.status} (teleport-semantics §5.1).
 *
 * @param state the rollout state
 * @param startTime when the rollout was created or last reset
 * @param timeOverride when set (and not the Unix epoch), the controller uses it as "now"
 * @param groups the groups, in config order; the last one is the catch-all
 */
public record RolloutStatus(
    RolloutState state, Instant startTime, Instant timeOverride, List<GroupStatus> groups) {

  public RolloutStatus {
    Objects.requireNonNull(state, "state");
    groups = List.copyOf(groups);
  }

  /**
   * A brand-new status: no groups, state unspecified, started {@code now} (teleport-semantics §5.3
   * reset).
   */
  public static RolloutStatus fresh(Instant now) {
    return new RolloutStatus(RolloutState.UNSPECIFIED, now, null, List.of());
  }

  /** With other groups (state unchanged). */
  public RolloutStatus withGroups(List<GroupStatus> list) {
    return new RolloutStatus(state, startTime, timeOverride, list);
  }

  /** With the state recomputed from the groups (teleport-semantics §5.1). */
  public RolloutStatus withComputedState() {
    RolloutState s = RolloutState.of(groups);
    return s == state ? this : new RolloutStatus(s, startTime, timeOverride, groups);
  }

  /** The group of that name, or null. */
  public GroupStatus group(String name) {
    for (GroupStatus g : groups) {
      if (g.name().equals(name)) {
        return g;
      }
    }
    return null;
  }
}
