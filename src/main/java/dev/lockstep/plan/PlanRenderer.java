package dev.lockstep.plan;

/**
 * Renders a plan in one output format: the plan-side twin of {@code report.FindingsRenderer}, with
 * the same contract. Pure: the caller decides where the text goes.
 */
@FunctionalInterface
public interface PlanRenderer {

  /**
   * The rendered plan, ending with a newline.
   *
   * @param plan the plan
   * @param observed what the live rollout did, drawn by the picture formats ({@link
   *     ObservedRollout#NONE} when nothing was observed); the text formats never show it
   */
  String render(Plan plan, ObservedRollout observed);
}
