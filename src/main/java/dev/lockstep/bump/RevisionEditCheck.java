package dev.lockstep.bump;

import dev.lockstep.check.CheckOptions;
import dev.lockstep.check.CheckResult;
import dev.lockstep.check.ClusterSelection;
import dev.lockstep.check.RevisionCheck;
import dev.lockstep.model.ClusterSource;
import dev.lockstep.model.DesiredState;
import dev.lockstep.model.SourceTree;
import dev.lockstep.parse.RepositoryParser;
import dev.lockstep.plan.PlanFormat;
import dev.lockstep.plan.PlanOptions;
import dev.lockstep.plan.Planner;
import dev.lockstep.rollout.RolloutException;
import dev.lockstep.validate.ValidationContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@link EditCheck} by the revision pipeline every command uses ({@link RevisionCheck}, with the
 * unedited revision as its base), then the plan of the edited cluster as a Markdown comment against
 * the unedited cluster. The seam keeps {@code bump/} free of the command line. Reads only the
 * trees.
 */
public final class RevisionEditCheck implements EditCheck {
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
    if (base != parsedBase || !folder.equals(parsedFolder)) {
      baseState = new RepositoryParser().parse(base, folder).state();
      parsedBase = base;
      parsedFolder = folder;
    }
    DesiredState before = baseState;
    CheckResult checked =
        new RevisionCheck(new CheckOptions(context.authVersion(), List.of(), Optional.empty()))
            .check(
                new RepositoryParser().parse(edited, folder),
                Optional.of(before),
                ClusterSelection.one(Optional.of(cluster), "the edited revision", "--cluster NAME"),
                context.liveAuthVersions());
    // a proposal must not bring an error anywhere in the repository, not only in its cluster
    if (checked.findings().hasErrors()) {
      return new Verdict(checked.findings(), Optional.empty(), "");
    }
    if (checked.selected().isEmpty()) {
      return new Verdict(
          checked.findings(), Optional.empty(), checked.selectionProblem().orElseThrow());
    }
    ClusterSource desired = checked.selected().get();
    try {
      var plan =
          Planner.plan(
              checked.revision(),
              desired,
              Optional.of(Planner.Baseline.of(before.revision(), before, checked.state(), desired)),
              PlanOptions.from(planFrom));
      return new Verdict(checked.findings(), Optional.of(PlanFormat.MARKDOWN.render(plan)), "");
    } catch (RolloutException | IllegalArgumentException e) {
      return new Verdict(checked.findings(), Optional.empty(), "cannot plan: " + e.getMessage());
    }
  }
}
