package dev.lockstep.rollout;

import java.time.Instant;

/**
 * One rollout strategy: a pure function of the spec, the current status, the instant and what the
 * fleet reports. Never reads a clock; never writes anything.
 */
public interface RolloutStrategy {

  /** Progresses every group it can and returns the new status plus any errors. */
  StrategyResult progress(RolloutSpec spec, RolloutStatus status, Instant now, Fleet fleet);

  /** The implementation of a strategy. */
  static RolloutStrategy of(Strategy strategy) {
    return strategy == Strategy.TIME_BASED ? TimeBased.INSTANCE : HaltOnError.INSTANCE;
  }
}
