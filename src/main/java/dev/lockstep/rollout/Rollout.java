package dev.lockstep.rollout;

import java.util.Objects;

/** An {@code autoupdate_agent_rollout}: the spec the controller built and the status it keeps. */
public record Rollout(RolloutSpec spec, RolloutStatus status) {
  public Rollout {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(status, "status");
  }

  /** With another status. */
  public Rollout withStatus(RolloutStatus s) {
    return s.equals(status) ? this : new Rollout(spec, s);
  }
}
