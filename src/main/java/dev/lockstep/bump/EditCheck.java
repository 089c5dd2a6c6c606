package dev.lockstep.bump;

import dev.lockstep.finding.Findings;
import dev.lockstep.model.SourceTree;
import dev.lockstep.validate.ValidationContext;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Validates and plans an edited revision before it is proposed: the narrow seam through which
 * {@code bump} uses the revision pipeline (parse, validate, base rules, policies, plan), so the
 * pipeline can be swapped without touching the decision or the delivery.
 */
public interface EditCheck {

  /**
   * Checks the edited revision for one cluster.
   *
   * @param edited the revision with the bump's edits
   * @param base the revision before them (for the base rules and "new rollout or same")
   * @param folder the repository's folder inside the trees ("" at the root)
   * @param cluster the cluster whose rollout is planned
   * @param context what validation knows beyond the repository (the ceiling)
   * @param planFrom when the planned rollout is created
   */
  Verdict check(
      SourceTree edited,
      SourceTree base,
      String folder,
      String cluster,
      ValidationContext context,
      Instant planFrom);

  /**
   * What the check found.
   *
   * @param findings every finding of the edited revision (parse, validation, policies)
   * @param planMarkdown the cluster's plan as a pull-request comment, when it could be planned
   * @param planProblem why there is no plan, or ""
   */
  record Verdict(Findings findings, Optional<String> planMarkdown, String planProblem) {
    public Verdict {
      Objects.requireNonNull(findings, "findings");
      Objects.requireNonNull(planMarkdown, "planMarkdown");
      Objects.requireNonNull(planProblem, "planProblem");
    }

    /** True when nothing is an error: the edit may be proposed. */
    public boolean valid() {
      return !findings.hasErrors();
    }
  }
}
