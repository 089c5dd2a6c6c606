package dev.lockstep.validate.policy;

/**
 * Bounds on one evaluation of one rule on one resource, so a policy cannot hang CI.
 *
 * @param maxSteps evaluated expression nodes (each operator, call, field selection and
 *     comprehension step counts one)
 * @param maxIterations comprehension iterations ({@code all}, {@code exists}, {@code map}, {@code
 *     filter}), summed over the whole evaluation
 */
public record PolicyLimits(long maxSteps, int maxIterations) {

  /** Generous for real policies (the default pack needs under 200 steps per resource). */
  public static final PolicyLimits DEFAULT = new PolicyLimits(100_000, 10_000);

  public PolicyLimits {
    if (maxSteps <= 0 || maxIterations <= 0) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }
}
