package dev.lockstep.reconcile;

import dev.lockstep.check.CheckOptions;
import dev.lockstep.check.CheckResult;
import dev.lockstep.check.ClusterSelection;
import dev.lockstep.check.LiveVersions;
import dev.lockstep.check.RevisionCheck;
import dev.lockstep.finding.Finding;
import dev.lockstep.finding.Findings;
import dev.lockstep.finding.Severity;
import dev.lockstep.model.ClusterSource;
import dev.lockstep.model.DesiredState;
import dev.lockstep.model.NoSuchCluster;
import dev.lockstep.plan.Plan;
import dev.lockstep.source.Revision;
import dev.lockstep.source.Verification;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The check step: reads a revision, runs every rule against the revision in force (parse, Teleport,
 * compatibility, base-revision, channel, policies) through {@link RevisionCheck}, selects this
 * instance's cluster and plans it ({@link PlanStep}). Returns an {@link Evaluation}; says whether
 * it may be applied ({@link #refusal}).
 */
final class CheckStep {
  private static final System.Logger LOG = System.getLogger(CheckStep.class.getName());

  private final SourceStep source;
  private final String sourceUrl;
  private final String sourcePath;
  private final Optional<String> cluster;
  private final LiveVersions liveVersions;
  private final RevisionCheck check;

  CheckStep(
      SourceStep source,
      String sourceUrl,
      String sourcePath,
      ReconcileSettings settings,
      LiveVersions liveVersions) {
    this.source = Objects.requireNonNull(source, "source");
    this.sourceUrl = Objects.requireNonNull(sourceUrl, "sourceUrl");
    this.sourcePath = normalise(sourcePath);
    this.cluster = settings.cluster();
    this.liveVersions = Objects.requireNonNull(liveVersions, "liveVersions");
    this.check = new RevisionCheck(CheckOptions.NONE.withTarget(settings.targetKind()));
  }

  private static String normalise(String path) {
    String p = path == null ? "" : path.strip();
    while (p.startsWith("./")) {
      p = p.substring(2);
    }
    if (p.equals(".") || p.equals("/")) {
      return "";
    }
    return p.endsWith("/") ? p : p.isEmpty() ? p : p + "/";
  }

  /**
   * Reads, checks and plans {@code revision}.
   *
   * @param base the revision in force to check and plan against, if any
   * @param pinned the plan inputs recorded with this revision when it is read again after a restart
   */
  Evaluation evaluate(
      Revision revision, Instant now, Optional<Evaluation> base, Optional<PlanInputs> pinned)
      throws StepFailure {
    Verification verification = source.verify(revision);
    CheckResult checked;
    try {
      // the revision in force is the base: a major skip against it is an error, and policies see
      // it as base; only the lockstep.git.path folder is read, and findings keep repository paths
      checked =
          check.check(
              source.tree(revision),
              sourcePath,
              base.map(Evaluation::state),
              ClusterSelection.one(cluster, "Revision " + revision.label(), "lockstep.cluster"),
              liveVersions);
    } catch (LiveVersions.Unreachable e) {
      throw new StepFailure.Transient(StepFailure.CLUSTER_UNAVAILABLE, e.getMessage());
    }
    // only this cluster's scope decides and is logged one by one; other clusters are counted
    Findings findings = checked.scope();
    Optional<String> others = checked.elsewhereLine();
    Map<Severity, Integer> counts = findings.countBySeverity();
    LOG.log(
        Level.INFO,
        "fetched {0} from {1}: {2} finding(s) {3}{4}{5}",
        revision.label(),
        sourceUrl,
        findings.size(),
        counts,
        others.map(o -> ", " + o).orElse(""),
        findings.hasErrors() ? ", not applied" : "");
    findings.stream()
        .forEach(
            f -> LOG.log(f.severity() == Severity.ERROR ? Level.WARNING : Level.INFO, "  {0}", f));
    Optional<PlanInputs.Planned> planned =
        checked.selected().isPresent() && !findings.hasErrors()
            ? PlanStep.plan(revision, checked.selected().get(), base, pinned, now)
            : Optional.empty();
    return new Evaluation(
        revision,
        verification,
        checked.state(),
        checked.selected(),
        findings,
        others,
        checked.cleanChannels(),
        planned.map(PlanInputs.Planned::plan),
        checked.selectionProblem(),
        planned.map(PlanInputs.Planned::inputs));
  }

  /** A base revision read again for checking and planning only (no rules run). */
  Evaluation base(Revision revision) throws StepFailure {
    DesiredState state = check.read(source.tree(revision), sourcePath);
    Optional<ClusterSource> selected;
    try {
      selected =
          Optional.of(state.select(cluster, "Revision " + revision.label(), "lockstep.cluster"));
    } catch (NoSuchCluster e) {
      selected = Optional.empty();
    }
    return new Evaluation(
        revision,
        Verification.skipped(revision.commit()),
        state,
        selected,
        Findings.NONE,
        Optional.empty(),
        Set.of(),
        Optional.<Plan>empty(),
        Optional.empty(),
        Optional.empty());
  }

  /**
   * Why {@code ev} must not be applied, if it must not: an unusable signature, no cluster of this
   * instance, or an error finding (naming the first one and the revision that stays applied).
   */
  static Optional<StepFailure> refusal(Evaluation ev, Optional<Evaluation> good) {
    if (!ev.verification().usable()) {
      return Optional.of(
          new StepFailure.Stalled(StepFailure.VERIFICATION_FAILED, ev.verification().message()));
    }
    if (ev.cluster().isEmpty()) {
      return Optional.of(
          new StepFailure.Stalled(
              StepFailure.CLUSTER_NOT_FOUND, ev.clusterProblem().orElse("no cluster")));
    }
    if (!ev.findings().hasErrors()) {
      return Optional.empty();
    }
    Finding first =
        ev.findings().stream()
            .filter(f -> f.severity() == Severity.ERROR)
            .findFirst()
            .orElseThrow();
    long errors = ev.findings().stream().filter(f -> f.severity() == Severity.ERROR).count();
    return Optional.of(
        new StepFailure.Stalled(
            StepFailure.VALIDATION_FAILED,
            "Revision "
                + ev.label()
                + " has "
                + errors
                + " error finding(s), nothing applied"
                + good.map(g -> "; " + g.label() + " stays applied").orElse("")
                + ": "
                + first));
  }
}
