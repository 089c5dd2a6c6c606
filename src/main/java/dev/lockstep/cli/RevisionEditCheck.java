package dev.lockstep.cli;

import dev.lockstep.bump.EditCheck;
import dev.lockstep.finding.Findings;
import dev.lockstep.model.ClusterSource;
import dev.lockstep.model.DesiredState;
import dev.lockstep.model.SourceTree;
import dev.lockstep.parse.ParseResult;
import dev.lockstep.parse.RepositoryParser;
import dev.lockstep.plan.PlanFormat;
import dev.lockstep.plan.PlanOptions;
import dev.lockstep.plan.Planner;
import dev.lockstep.rollout.RolloutException;
import dev.lockstep.validate.BaseRules;
import dev.lockstep.validate.ValidationContext;
import dev.lockstep.validate.Validator;
import dev.lockstep.validate.policy.LoadedPolicies;
import dev.lockstep.validate.policy.PolicyEngine;
import java.time.Instant;
import java.util.Optional;

/**
 * {@link EditCheck} from the pieces every command uses: parse, the built-in rules, the base rules
 * against the unedited revision, the repository's policies, then the plan of the edited cluster (as
 * a Markdown comment, against the unedited cluster as its base). One class, so the revision
 * pipeline can replace it whole. Reads only the trees.
 */
final class RevisionEditCheck implements EditCheck {
  // every cluster of a run is checked against the same base: parse it once
  private SourceTree parsedBase;
  private String parsedFolder;
  private DesiredState baseState;

  @Override
  public Verdict check(
      SourceTree edited,
      SourceTree base,
      String folder,
      String cluster,
      ValidationContext context,
      Instant planFrom) {
    RepositoryParser parser = new RepositoryParser();
    ParseResult after = parser.parse(edited, folder);
    if (base != parsedBase || !folder.equals(parsedFolder)) {
      baseState = parser.parse(base, folder).state();
      parsedBase = base;
      parsedFolder = folder;
    }
    DesiredState before = baseState;
    DesiredState state = after.state();
    Findings findings =
        after
            .findings()
            .plus(new Validator().validate(state, context))
            .plus(BaseRules.check(state, before));
    if (!state.policies().isEmpty()) {
      LoadedPolicies loaded = new PolicyEngine().load(state.policies());
      findings =
          findings
              .plus(loaded.findings())
              .plus(loaded.evaluate(state, Optional.of(before), context));
    }
    if (findings.hasErrors()) {
      return new Verdict(findings, Optional.empty(), "");
    }
    Optional<ClusterSource> desired = state.cluster(cluster);
    if (desired.isEmpty()) {
      return new Verdict(
          findings, Optional.empty(), "cluster " + cluster + " is not in the revision");
    }
    try {
      var plan =
          Planner.plan(
              state.revision(),
              desired.get(),
              Optional.of(
                  new Planner.Baseline(before.revision(), before.cluster(cluster).orElse(null))),
              PlanOptions.from(planFrom));
      return new Verdict(findings, Optional.of(PlanFormat.MARKDOWN.render(plan)), "");
    } catch (RolloutException | IllegalArgumentException e) {
      return new Verdict(findings, Optional.empty(), "cannot plan: " + e.getMessage());
    }
  }
}
