package dev.lockstep.plan;

import dev.lockstep.rollout.AgentModel;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How to simulate.
 *
 * @param from the rollout is created at the first whole UTC minute at or after this
 * @param horizon how far to simulate
 * @param agents the agent model
 */
public record PlanOptions(Instant from, Duration horizon, AgentModel agents) {

  /** The default horizon: 30 days. */
  public static final Duration DEFAULT_HORIZON = Duration.ofDays(30);

  public PlanOptions {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(horizon, "horizon");
    Objects.requireNonNull(agents, "agents");
    if (horizon.isNegative() || horizon.isZero()) {
      throw new IllegalArgumentException("horizon must be positive");
    }
  }

  /** Defaults (30 days, {@link AgentModel#DEFAULT}) from {@code from}. */
  public static PlanOptions from(Instant from) {
    return new PlanOptions(from, DEFAULT_HORIZON, AgentModel.DEFAULT);
  }
}
