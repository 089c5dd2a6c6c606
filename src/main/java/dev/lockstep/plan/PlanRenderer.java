package dev.lockstep.plan;

/**
 * Renders a plan in one output format: the plan-side twin of {@code report.FindingsRenderer}, with
 * the same contract. Pure: the caller decides where the text goes.
 */
@FunctionalInterface
public interface PlanRenderer {

  /** The rendered plan, ending with a newline. */
  String render(Plan plan);
}
