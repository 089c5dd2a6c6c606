package dev.lockstep.reconcile;

import dev.lockstep.check.CheckOptions;
import dev.lockstep.check.CheckResult;
import dev.lockstep.check.ClusterSelection;
import dev.lockstep.check.LiveVersions;
import dev.lockstep.check.RevisionCheck;
import dev.lockstep.cluster.Applier;
import dev.lockstep.cluster.ApplyOutcome;
import dev.lockstep.cluster.ApplyReport;
import dev.lockstep.cluster.ClusterTarget;
import dev.lockstep.cluster.KubernetesTarget;
import dev.lockstep.cluster.TargetException;
import dev.lockstep.finding.Finding;
import dev.lockstep.finding.Findings;
import dev.lockstep.finding.Severity;
import dev.lockstep.model.Channel;
import dev.lockstep.model.ClusterSource;
import dev.lockstep.model.DesiredState;
import dev.lockstep.model.NoSuchCluster;
import dev.lockstep.model.Resource;
import dev.lockstep.model.ResourceId;
import dev.lockstep.model.SourceTree;
import dev.lockstep.plan.Plan;
import dev.lockstep.reconcile.ReconcileReport.Result;
import dev.lockstep.reconcile.StatusDocument.AppliedResource;
import dev.lockstep.reconcile.StatusDocument.ReconcileRecord;
import dev.lockstep.reconcile.StatusDocument.TimelineEntry;
import dev.lockstep.rollout.GroupTimeline;
import dev.lockstep.rollout.TimelineEvent;
import dev.lockstep.source.GitSource;
import dev.lockstep.source.PollResult;
import dev.lockstep.source.Revision;
import dev.lockstep.source.SourceException;
import dev.lockstep.source.StatusSettings;
import dev.lockstep.source.StatusWrite;
import dev.lockstep.source.Verification;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * The reconcile loop of {@code lockstep serve}, as ordered steps (as Flux does): source (poll,
 * verify), parse, validate (Teleport rules, compatibility, the repository's CEL policies), plan,
 * apply, status. Plain Java: the service calls {@link #reconcile(Instant)} from its scheduler,
 * webhooks and API.
 *
 * <ul>
 *   <li>One run at a time (a lock, as Teleport's rollout controller holds a mutex).
 *   <li>A revision with any error finding applies nothing; the previous good revision stays
 *       applied, and its drift is still corrected. The status names each finding's file and line.
 *   <li>Every run compares live with desired and re-applies drift when self-heal is on, recording
 *       each correction in the report and the status.
 *   <li>Suspended, a run reads Git, validates, plans and reports, and writes nothing to the
 *       cluster.
 *   <li>A commit touching only Lockstep's own status files is not reconciled.
 *   <li>The status is written once per run, in a {@code finally}, and only when it changed apart
 *       from its timestamp; a failed status write is logged and retried by the next run.
 *   <li>Failures are typed ({@link StepFailure}); transient ones ask for a retry with exponential
 *       backoff up to {@link ReconcileSettings#maxBackoff()}.
 * </ul>
 *
 * <p>Time is passed in: nothing in planning reads a clock.
 */
public final class Reconciler {
  private static final System.Logger LOG = System.getLogger(Reconciler.class.getName());

  /** The Ready reason of a run that left live equal to desired. */
  public static final String SUCCEEDED = "ReconciliationSucceeded";

  /** The Ready reason of a run that re-applied drift. */
  public static final String DRIFT_CORRECTED = "DriftCorrected";

  /** The Ready reason of a run that found drift and left it (self-heal off). */
  public static final String DRIFT_DETECTED = "DriftDetected";

  /** The Ready reason while suspended. */
  public static final String SUSPENDED = "Suspended";

  /** The Validated reason of a revision without error findings. */
  public static final String VALIDATED = "Validated";

  /** The Applied reason once a revision is in the cluster. */
  public static final String APPLIED = "Applied";

  /** The reason of a condition whose step did not run. */
  public static final String NOT_RUN = "NotRun";

  /** The cluster name used in the status before any cluster is known. */
  public static final String UNKNOWN_CLUSTER = "default";

  /** Writes one cluster's status file (a {@code GitStatusWriter} in the service). */
  @FunctionalInterface
  public interface StatusSink {
    /**
     * Writes {@code content} if it differs from what is stored.
     *
     * @param reason the Ready reason of the run, for the commit message
     */
    StatusWrite write(String cluster, String content, String revision, String reason, Instant now)
        throws SourceException;
  }

  /** Told about what the loop finds; the service publishes channels and updates metrics here. */
  public interface Listener {
    /**
     * A newly read revision passed validation for this instance's cluster (called once per
     * revision, never for a failing one).
     *
     * @param state the revision, whose channels are those to publish: a channel with an error in
     *     its scope keeps the content last published (and is absent when there was none)
     * @param findings the findings of this cluster's scope
     */
    default void validated(DesiredState state, Findings findings) {}

    /** A run finished. */
    default void finished(ReconcileReport report) {}
  }

  /**
   * What readiness needs.
   *
   * @param goodRevision the last revision that passed validation, if any
   * @param gitProblem why Git could not be read or written on the last run, if it could not
   * @param clusterProblem why the cluster could not be read or written on the last run, if it could
   *     not
   * @param suspended true while suspended
   */
  public record Health(
      Optional<String> goodRevision,
      Optional<String> gitProblem,
      Optional<String> clusterProblem,
      boolean suspended) {}

  /** One revision read, parsed, validated and planned. */
  private record Evaluation(
      Revision revision,
      Verification verification,
      DesiredState state,
      Optional<ClusterSource> cluster,
      Findings findings,
      Optional<String> otherFindings,
      Set<String> cleanChannels,
      Optional<Plan> plan,
      Optional<String> clusterProblem,
      Optional<PlanInputs> inputs) {
    String label() {
      return revision.label();
    }

    boolean valid() {
      return !findings.hasErrors() && cluster.isPresent() && verification.usable();
    }
  }

  private final GitSource source;
  private final String sourceUrl;
  private final String sourceRef;
  private final String sourcePath;
  private final ClusterTarget target;
  private final StatusSettings statusSettings;
  private final StatusSink statusSink;
  private final ReconcileSettings settings;
  private final LiveVersions liveVersions;
  private final Listener listener;
  private final BooleanSupplier mayWrite;
  private final LongSupplier nanos;
  private final RevisionCheck check;
  private final ReentrantLock lock = new ReentrantLock();

  private volatile boolean suspended;
  private volatile ReconcileReport lastReport;
  private volatile StatusDocument lastStatus;
  private volatile Health health =
      new Health(Optional.empty(), Optional.empty(), Optional.empty(), false);
  private String headCommit;
  private Evaluation head;
  private volatile Evaluation good;
  private volatile Evaluation refused;
  private String appliedCommit;
  // what the listener was last given per channel: a channel that is not clean keeps it
  private final Map<String, Channel> publishedChannels = new HashMap<>();
  private List<AppliedResource> applied = List.of();
  private String writtenStatus;
  private Optional<StatusDocument.Rollout> rollout = Optional.empty();
  private int transientFailures;
  private Resume resume;
  private boolean resumed;
  private Optional<Rewrite> rewrite = Optional.empty();
  private LastKnown saved;

  /**
   * @param source the followed repository
   * @param sourcePath the folder inside the repository holding the Lockstep layout ("." or "" for
   *     the root)
   * @param target where resources are applied
   * @param statusSettings where the status goes (also tells status-only commits apart)
   * @param statusSink writes the status; called at most once per run
   * @param settings loop settings
   * @param liveVersions live control-plane versions for the compatibility rules; best effort (a
   *     failure means "unknown")
   * @param listener told about validated revisions and finished runs
   * @param mayWrite false when this replica must not write (suspended by leader election); checked
   *     before every cluster and status write, so losing the lease stops writes at once
   * @param nanos a monotonic clock for durations (not for planning)
   */
  public Reconciler(
      GitSource source,
      String sourcePath,
      ClusterTarget target,
      StatusSettings statusSettings,
      StatusSink statusSink,
      ReconcileSettings settings,
      LiveVersions liveVersions,
      Listener listener,
      BooleanSupplier mayWrite,
      LongSupplier nanos) {
    this.source = Objects.requireNonNull(source, "source");
    this.sourceUrl = source.displayUrl();
    this.sourceRef = "";
    this.sourcePath = normalise(sourcePath);
    this.target = Objects.requireNonNull(target, "target");
    this.statusSettings = Objects.requireNonNull(statusSettings, "statusSettings");
    this.statusSink = Objects.requireNonNull(statusSink, "statusSink");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.liveVersions = Objects.requireNonNull(liveVersions, "liveVersions");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.mayWrite = Objects.requireNonNull(mayWrite, "mayWrite");
    this.nanos = Objects.requireNonNull(nanos, "nanos");
    this.suspended = settings.suspended();
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
   * Continues from what a previous process knew (README, "Restarts"): the first run reads {@code
   * resume} before polling, and every run saves what it knows to its store. Call before the first
   * run.
   */
  public void resumeFrom(Resume resume) {
    this.resume = Objects.requireNonNull(resume, "resume");
  }

  /** Suspends or resumes writes to the cluster; takes effect from the next write. */
  public void suspend(boolean on) {
    suspended = on;
    health = new Health(health.goodRevision(), health.gitProblem(), health.clusterProblem(), on);
  }

  /** True while suspended. */
  public boolean isSuspended() {
    return suspended;
  }

  /** The last finished run, if any. */
  public Optional<ReconcileReport> lastReport() {
    return Optional.ofNullable(lastReport);
  }

  /** The status document of the last run, if any. */
  public Optional<StatusDocument> status() {
    return Optional.ofNullable(lastStatus);
  }

  /** The plan of the revision in force (the last good one), if any. */
  public Optional<Plan> currentPlan() {
    Evaluation g = good;
    return g == null ? Optional.empty() : g.plan();
  }

  /**
   * A revision as read and its findings, for the dashboard.
   *
   * @param revision its label, e.g. {@code main@1a2b3c4d}
   * @param state what it declares
   * @param findings its findings
   */
  public record Evaluated(String revision, DesiredState state, Findings findings) {
    public Evaluated {
      Objects.requireNonNull(revision, "revision");
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(findings, "findings");
    }
  }

  /** The revision in force (the last good one), if any. */
  public Optional<Evaluated> inForce() {
    return evaluated(good);
  }

  /**
   * The last revision refused (error findings, an unusable signature or no cluster of this
   * instance), if any since the start; kept after a later revision is accepted.
   */
  public Optional<Evaluated> lastRefused() {
    return evaluated(refused);
  }

  private static Optional<Evaluated> evaluated(Evaluation e) {
    return e == null
        ? Optional.empty()
        : Optional.of(new Evaluated(e.label(), e.state(), e.findings()));
  }

  /** What readiness needs. */
  public Health health() {
    return health;
  }

  /**
   * Runs the steps once. Never throws: every failure becomes the report's result and the status's
   * conditions.
   *
   * @param now the time of this run (status timestamps, plan start)
   */
  public ReconcileReport reconcile(Instant now) {
    lock.lock();
    try {
      Run run = new Run(now);
      try {
        if (resume != null && !resumed) {
          resumed = true;
          restore(resume, now);
        }
        step(run);
      } catch (StepFailure f) {
        run.fail(f);
      } catch (RuntimeException e) {
        LOG.log(Level.ERROR, "reconcile failed unexpectedly", e);
        run.fail(
            new StepFailure.Transient(
                StepFailure.INTERNAL_ERROR, "internal error: " + e.getClass().getSimpleName()));
      } finally {
        writeStatus(run);
      }
      ReconcileReport report = run.report();
      lastReport = report;
      health =
          new Health(
              Optional.ofNullable(good).map(Evaluation::label),
              run.gitProblem,
              run.clusterProblem,
              suspended);
      listener.finished(report);
      return report;
    } finally {
      lock.unlock();
    }
  }

  private void step(Run run) throws StepFailure {
    long t0 = nanos.getAsLong();
    PollResult poll;
    try {
      poll = source.poll();
    } catch (SourceException e) {
      run.gitProblem = Optional.of(e.getMessage());
      throw sourceFailure(e);
    } finally {
      run.fetch = Duration.ofNanos(nanos.getAsLong() - t0);
    }
    Revision revision = poll.revision();
    run.rewritten = rewritten(revision, run.now);
    Evaluation ev = evaluateIfNew(revision, run.now);
    run.evaluation = ev;
    if (!ev.verification().usable()) {
      healGood(run);
      throw new StepFailure.Stalled(StepFailure.VERIFICATION_FAILED, ev.verification().message());
    }
    if (ev.cluster().isEmpty()) {
      throw new StepFailure.Stalled(
          StepFailure.CLUSTER_NOT_FOUND, ev.clusterProblem().orElse("no cluster"));
    }
    if (ev.findings().hasErrors()) {
      healGood(run);
      Finding first =
          ev.findings().stream()
              .filter(f -> f.severity() == Severity.ERROR)
              .findFirst()
              .orElseThrow();
      long errors = ev.findings().stream().filter(f -> f.severity() == Severity.ERROR).count();
      throw new StepFailure.Stalled(
          StepFailure.VALIDATION_FAILED,
          "Revision "
              + ev.label()
              + " has "
              + errors
              + " error finding(s), nothing applied"
              + (good == null ? "" : "; " + good.label() + " stays applied")
              + ": "
              + first);
    }
    good = ev;
    apply(run, ev);
  }

  /** Keeps the standing force push, if any; logs and returns a new one. */
  private Optional<Rewrite> rewritten(Revision revision, Instant now) {
    Optional<Rewrite> was = rewrite;
    rewrite = Rewrite.after(was, revision, now);
    if (rewrite.isEmpty() || rewrite.equals(was)) {
      return Optional.empty();
    }
    LOG.log(Level.WARNING, rewrite.get().sentence(Revision.shortRef(revision.ref())));
    return rewrite;
  }

  private Evaluation evaluateIfNew(Revision revision, Instant now) throws StepFailure {
    if (head != null && revision.commit().equals(headCommit)) {
      return head;
    }
    if (head != null) {
      try {
        if (source.onlyStatusChanges(revision, statusSettings)) {
          LOG.log(
              Level.INFO,
              "{0}: only Lockstep status files changed; not reconciled",
              revision.label());
          headCommit = revision.commit();
          return head;
        }
      } catch (SourceException e) {
        throw sourceFailure(e);
      }
    }
    Evaluation ev = evaluate(revision, now, good, Optional.empty());
    head = ev;
    headCommit = revision.commit();
    if (ev.valid()) {
      listener.validated(publishable(ev), ev.findings());
    } else {
      refused = ev;
    }
    return ev;
  }

  /**
   * The revision with the channels to publish: each clean channel as it is now, any other as last
   * published (one team's broken channel never replaces what its agents read).
   */
  private DesiredState publishable(Evaluation ev) {
    List<Channel> channels = new ArrayList<>();
    for (Channel c : ev.state().channels()) {
      Channel served = ev.cleanChannels().contains(c.name()) ? c : publishedChannels.get(c.name());
      if (served != null) {
        channels.add(served);
        publishedChannels.put(c.name(), served);
      }
    }
    return ev.state().withChannels(channels);
  }

  /**
   * @param base the revision in force to check and plan against, or null
   * @param pinned the plan inputs recorded with this revision when it is read again after a restart
   */
  private Evaluation evaluate(
      Revision revision, Instant now, Evaluation base, Optional<PlanInputs> pinned)
      throws StepFailure {
    Verification verification =
        settings.verifySignatures()
            ? source.verify(revision)
            : Verification.skipped(revision.commit());
    SourceTree tree;
    try {
      tree = source.tree(revision);
    } catch (SourceException e) {
      throw sourceFailure(e);
    }
    // the revision in force is the base: a major skip against it is an error, and policies see it
    // as base; only the lockstep.git.path folder is read, and findings keep repository paths
    CheckResult checked;
    try {
      checked =
          check.check(
              tree,
              sourcePath,
              Optional.ofNullable(base).map(Evaluation::state),
              ClusterSelection.one(
                  settings.cluster(), "Revision " + revision.label(), "lockstep.cluster"),
              liveVersions);
    } catch (LiveVersions.Unreachable e) {
      throw new StepFailure.Transient(StepFailure.CLUSTER_UNAVAILABLE, e.getMessage());
    }
    DesiredState state = checked.state();
    // only this cluster's scope decides and is logged one by one; other clusters are counted
    Findings findings = checked.scope();
    Optional<String> others = checked.elsewhereLine();
    Optional<ClusterSource> cluster = checked.selected();
    Optional<String> problem = checked.selectionProblem();
    Optional<Plan> plan = Optional.empty();
    Optional<PlanInputs> inputs = Optional.empty();
    if (cluster.isPresent() && !findings.hasErrors()) {
      try {
        PlanInputs.Planned planned = planned(revision, cluster.get(), base, pinned, now);
        plan = Optional.of(planned.plan());
        inputs = Optional.of(planned.inputs());
      } catch (RuntimeException e) {
        LOG.log(
            Level.WARNING, "{0}: cannot plan the rollout: {1}", revision.label(), e.getMessage());
      }
    }
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
    plan.ifPresent(
        p ->
            LOG.log(
                Level.INFO,
                "plan for {0}: {1}, {2} group(s){3}",
                p.cluster(),
                p.change().name().toLowerCase(java.util.Locale.ROOT),
                p.groups().size(),
                p.groups().stream()
                    .map(Reconciler::groupSummary)
                    .collect(Collectors.joining("", ": ", ""))));
    return new Evaluation(
        revision,
        verification,
        state,
        cluster,
        findings,
        others,
        checked.cleanChannels(),
        plan,
        problem,
        inputs);
  }

  /** Plans against the revision in force, or again from the inputs recorded after a restart. */
  private static PlanInputs.Planned planned(
      Revision revision,
      ClusterSource cluster,
      Evaluation base,
      Optional<PlanInputs> pinned,
      Instant now) {
    if (pinned.isPresent()) {
      Optional<PlanInputs.BaseCluster> b =
          Optional.ofNullable(base)
              .map(e -> new PlanInputs.BaseCluster(e.label(), e.cluster().orElse(null)));
      return new PlanInputs.Planned(
          pinned.get().replan(revision.label(), cluster, b), pinned.get());
    }
    Optional<PlanInputs.InForce> inForce =
        Optional.ofNullable(base)
            .map(
                e ->
                    new PlanInputs.InForce(
                        e.revision(),
                        e.label(),
                        e.cluster().orElse(null),
                        e.inputs()
                            .orElseGet(() -> new PlanInputs(now, e.label(), Optional.empty()))));
    return PlanInputs.plan(revision.label(), cluster, inForce, now);
  }

  /**
   * The first run after a start: the revision in force, read again from the local mirror and
   * planned from its recorded inputs, so an unchanged revision plans and reports as before; its
   * channels are published and readiness is up at once, before anything is asked of Git (also while
   * Git is unreachable or hangs). Then the last status (history, transition times, what was
   * applied), from Git or else from the data folder.
   */
  private void restore(Resume from, Instant now) {
    Optional<LastKnown> known = from.known(settings.cluster());
    saved = known.orElse(null);
    Optional<Revision> inForce = known.flatMap(LastKnown::good);
    Optional<PlanInputs> inputs = known.flatMap(LastKnown::plan);
    if (inForce.isPresent()) {
      try {
        Evaluation base = null;
        if (inputs.isPresent() && inputs.get().base().isPresent()) {
          base = baseOf(inputs.get().base().get());
        }
        Evaluation ev = evaluate(inForce.get(), now, base, inputs);
        if (ev.valid()) {
          good = ev;
          head = ev;
          headCommit = ev.revision().commit();
          appliedCommit = known.flatMap(LastKnown::applied).orElse(null);
          listener.validated(publishable(ev), ev.findings());
          health =
              new Health(Optional.of(ev.label()), Optional.empty(), Optional.empty(), suspended);
          LOG.log(
              Level.INFO,
              "resumed {0} in force (rollout created {1} for {2})",
              ev.label(),
              inputs.map(i -> i.created().toString()).orElse("?"),
              inputs.map(PlanInputs::createdFor).orElse("?"));
        } else {
          LOG.log(Level.WARNING, "{0} no longer validates: not resumed", ev.label());
        }
      } catch (StepFailure f) {
        LOG.log(
            Level.WARNING,
            "cannot read {0} again from the local mirror, starting without it: {1}",
            inForce.get().label(),
            f.getMessage());
      }
    }
    Resume.Start start = from.start(known, settings.cluster());
    start.status().ifPresent(doc -> lastStatus = doc);
    start.status().ifPresent(doc -> applied = doc.applied());
    start.status().ifPresent(doc -> rollout = doc.rollout());
    start.status().ifPresent(doc -> rewrite = doc.source().rewritten());
    start.status().ifPresent(d -> LOG.log(Level.INFO, "resumed the status from {0}", start.from()));
  }

  /** A base revision read again for checking and planning only (no rules run). */
  private Evaluation baseOf(Revision revision) throws StepFailure {
    DesiredState state;
    try {
      state = check.read(source.tree(revision), sourcePath);
    } catch (SourceException e) {
      throw sourceFailure(e);
    }
    Optional<ClusterSource> cluster;
    try {
      cluster =
          Optional.of(
              state.select(settings.cluster(), "Revision " + revision.label(), "lockstep.cluster"));
    } catch (NoSuchCluster e) {
      cluster = Optional.empty();
    }
    return new Evaluation(
        revision,
        Verification.skipped(revision.commit()),
        state,
        cluster,
        Findings.NONE,
        Optional.empty(),
        Set.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  private static String groupSummary(GroupTimeline g) {
    return " "
        + g.name()
        + (g.start() == null ? " not started in horizon" : " starts " + g.start());
  }

  /** With a bad head, the good revision still gets its drift corrected. */
  private void healGood(Run run) {
    if (good == null || good.cluster().isEmpty()) {
      return;
    }
    try {
      apply(run, good);
    } catch (StepFailure f) {
      LOG.log(Level.WARNING, "cannot check drift of {0}: {1}", good.label(), f.getMessage());
    }
  }

  private void apply(Run run, Evaluation ev) throws StepFailure {
    ClusterSource cluster = ev.cluster().orElseThrow();
    boolean newRevision = !ev.revision().commit().equals(appliedCommit);
    boolean writes = !suspended && mayWrite.getAsBoolean();
    boolean dryRun = !writes || (!newRevision && !settings.selfHeal());
    ClusterTarget t = target instanceof KubernetesTarget k ? k.forRevision(ev.label()) : target;
    ApplyReport report =
        new Applier(new GatedTarget(t, mayWrite), settings.targetKind())
            .apply(ev.label(), cluster.resources(), ev.findings(), dryRun, settings.prune());
    List<String> changed = new ArrayList<>();
    for (ApplyReport.ResourceResult r : report.results()) {
      if (r.outcome() == ApplyReport.Outcome.APPLIED
          || r.outcome() == ApplyReport.Outcome.WOULD_APPLY) {
        String fields =
            r.change() == dev.lockstep.cluster.ChangeKind.CREATE
                ? ""
                : r.fields().stream().map(f -> f.path()).limit(5).collect(Collectors.joining(", "))
                    + (r.fields().size() > 5 ? ", ..." : "");
        changed.add(
            r.change().label() + " " + r.id() + (fields.isEmpty() ? "" : " (" + fields + ")"));
      }
    }
    if (report.status() == ApplyReport.Status.FAILED) {
      run.clusterProblem = Optional.of(report.message());
      String detail =
          report.failures().stream()
              .map(f -> f.id() + ": " + f.message())
              .collect(Collectors.joining("; "));
      throw new StepFailure.Transient(
          report.failures().isEmpty() ? StepFailure.CLUSTER_UNAVAILABLE : StepFailure.APPLY_FAILED,
          report.failures().isEmpty()
              ? report.message()
              : "Applying " + ev.label() + " failed: " + detail);
    }
    if (ev != run.evaluation) {
      // healing the good revision under a bad head: only drift is reported
      run.drift.addAll(changed);
      if (!changed.isEmpty()) {
        LOG.log(
            dryRun ? Level.WARNING : Level.INFO,
            "{0} drift of {1}: {2}",
            dryRun ? "left" : "corrected",
            ev.label(),
            changed);
      }
      return;
    }
    run.appliedEvaluation = ev;
    observeRollout(t, run.now);
    if (!writes) {
      run.drift.addAll(newRevision ? List.of() : changed);
      run.pending = changed;
      run.succeed(
          Result.SUSPENDED,
          SUSPENDED,
          (suspended ? "Suspended" : "Not the leader")
              + ": read "
              + ev.label()
              + ", "
              + changed.size()
              + " change(s) pending, nothing written to the "
              + t.name()
              + " target");
      return;
    }
    if (newRevision) {
      appliedCommit = ev.revision().commit();
      applied =
          report.results().stream()
              .filter(r -> r.outcome() != ApplyReport.Outcome.LEFT)
              .map(
                  r ->
                      new AppliedResource(
                          r.id().kind().kind(),
                          r.id().name(),
                          r.change().label(),
                          sourceFile(cluster, r.id())))
              .toList();
      run.changes.addAll(changed);
      changed.forEach(c -> LOG.log(Level.INFO, "applied {0} to the {1} target", c, t.name()));
      // the message stays the same on the next, unchanged run: the status is not committed again
      // for it
      run.succeed(
          changed.isEmpty() ? Result.UNCHANGED : Result.APPLIED,
          SUCCEEDED,
          "Applied revision " + ev.label());
      return;
    }
    if (changed.isEmpty()) {
      run.succeed(Result.UNCHANGED, SUCCEEDED, "Applied revision " + ev.label());
      return;
    }
    run.drift.addAll(changed);
    if (dryRun) {
      LOG.log(Level.WARNING, "drift left (self-heal off): {0}", changed);
      run.succeed(
          Result.DRIFT_DETECTED,
          DRIFT_DETECTED,
          "Live differs from "
              + ev.label()
              + ", left (self-heal off): "
              + String.join("; ", changed));
    } else {
      LOG.log(Level.INFO, "corrected drift: {0}", changed);
      run.changes.addAll(changed);
      run.succeed(
          Result.DRIFT_CORRECTED,
          DRIFT_CORRECTED,
          "Corrected drift back to " + ev.label() + ": " + String.join("; ", changed));
    }
  }

  /** The live rollout, where the target can read it; a failure keeps the last one seen. */
  private void observeRollout(ClusterTarget t, Instant now) {
    try {
      t.observeRollout(now, List.of())
          .ifPresent(
              o ->
                  rollout =
                      o.rollout()
                          .map(
                              r ->
                                  new StatusDocument.Rollout(
                                      r.status().state().label(),
                                      r.spec().startVersion(),
                                      r.spec().targetVersion(),
                                      r.spec().strategy().label(),
                                      Optional.empty(),
                                      r.status().groups().stream()
                                          .map(
                                              g ->
                                                  new StatusDocument.Group(
                                                      g.name(),
                                                      g.state().label(),
                                                      g.lastUpdateReason(),
                                                      Optional.ofNullable(g.startTime()),
                                                      g.initialCount(),
                                                      g.presentCount(),
                                                      g.upToDateCount()))
                                          .toList())));
    } catch (TargetException e) {
      LOG.log(Level.WARNING, "cannot read the live rollout: {0}", e.getMessage());
    }
  }

  private static String sourceFile(ClusterSource cluster, ResourceId id) {
    return cluster.resources().stream()
        .filter(r -> r.id().equals(id))
        .findFirst()
        .map(Resource::file)
        .orElse("");
  }

  private StepFailure sourceFailure(SourceException e) {
    String reason = e.reason().conditionReason();
    return e.reason().retryable()
        ? new StepFailure.Transient(reason, e.getMessage())
        : new StepFailure.Stalled(reason, e.getMessage());
  }

  private void writeStatus(Run run) {
    StatusDocument doc;
    try {
      doc = statusOf(run);
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "cannot build the status", e);
      return;
    }
    lastStatus = doc;
    String content = StatusYaml.render(doc);
    remember(doc.cluster(), content, run.now);
    if (!mayWrite.getAsBoolean()) {
      return;
    }
    String comparable = StatusYaml.comparable(content);
    if (comparable.equals(writtenStatus)) {
      return;
    }
    try {
      StatusWrite w = statusSink.write(doc.cluster(), content, run.label(), run.reason, run.now);
      writtenStatus = comparable;
      if (w.commit().isPresent()) {
        run.statusCommit = w.commit();
        LOG.log(
            Level.INFO,
            "status of {0} committed as {1} ({2})",
            doc.cluster(),
            w.commit().get().substring(0, 8),
            run.reason);
      }
    } catch (SourceException e) {
      run.gitProblem = Optional.of("status not written: " + e.getMessage());
      LOG.log(
          Level.WARNING,
          "status of {0} not written, retried next run: {1}",
          doc.cluster(),
          e.getMessage());
    }
  }

  /** Saves what a restart needs, before the status is pushed (so a kill between converges). */
  private void remember(String cluster, String content, Instant now) {
    if (resume == null) {
      return;
    }
    LastKnown known =
        new LastKnown(
            cluster,
            now,
            Optional.ofNullable(good).map(Evaluation::revision),
            Optional.ofNullable(appliedCommit),
            Optional.ofNullable(good).flatMap(Evaluation::inputs),
            Optional.of(content));
    if (!known.sameAs(saved) && resume.store().save(known)) {
      saved = known;
    }
  }

  private StatusDocument statusOf(Run run) {
    StatusDocument previous = lastStatus;
    Evaluation ev = run.evaluation;
    String cluster =
        ev != null && ev.cluster().isPresent()
            ? ev.cluster().get().name()
            : good != null && good.cluster().isPresent()
                ? good.cluster().get().name()
                : settings.cluster().orElse(UNKNOWN_CLUSTER);
    Evaluation shown = ev != null ? ev : good;
    StatusDocument.Source src =
        shown == null
            ? new StatusDocument.Source(
                sourceUrl,
                sourceRef,
                "",
                new StatusDocument.Signature(mode(), false, "", "", "not fetched"))
            : new StatusDocument.Source(
                sourceUrl,
                shown.revision().ref(),
                shown.revision().commit(),
                signature(shown.verification()),
                rewrite.filter(r -> r.commit().equals(shown.revision().commit())));
    String observed = run.label();
    List<Condition> conditions = new ArrayList<>();
    conditions.add(
        condition(
            previous,
            Condition.READY,
            run.ok ? ConditionStatus.TRUE : ConditionStatus.FALSE,
            run.reason,
            run.message,
            observed,
            run.now));
    if (ev == null) {
      conditions.add(
          condition(
              previous,
              Condition.VALIDATED,
              ConditionStatus.UNKNOWN,
              NOT_RUN,
              "Nothing read: " + run.message,
              observed,
              run.now));
    } else if (ev.findings().hasErrors()) {
      conditions.add(
          condition(
              previous,
              Condition.VALIDATED,
              ConditionStatus.FALSE,
              StepFailure.VALIDATION_FAILED,
              "Revision " + ev.label() + " has error findings" + others(ev),
              observed,
              run.now));
    } else {
      conditions.add(
          condition(
              previous,
              Condition.VALIDATED,
              ConditionStatus.TRUE,
              VALIDATED,
              "Revision " + ev.label() + " has no error finding" + others(ev),
              observed,
              run.now));
    }
    if (appliedCommit == null) {
      conditions.add(
          condition(
              previous,
              Condition.APPLIED,
              ConditionStatus.UNKNOWN,
              NOT_RUN,
              "Nothing applied yet",
              observed,
              run.now));
    } else {
      String label =
          good != null && good.revision().commit().equals(appliedCommit)
              ? good.label()
              : appliedCommit.substring(0, 8);
      conditions.add(
          condition(
              previous,
              Condition.APPLIED,
              ConditionStatus.TRUE,
              APPLIED,
              "Revision " + label + " is applied",
              label,
              run.now));
    }
    Findings findings = ev == null ? Findings.NONE : ev.findings();
    Optional<Plan> plan = good == null ? Optional.empty() : good.plan();
    List<ReconcileRecord> history =
        ReconcileHistory.append(
            previous == null ? List.of() : previous.history(),
            new ReconcileRecord(
                run.now,
                observed,
                run.ok ? ConditionStatus.TRUE : ConditionStatus.FALSE,
                run.reason,
                run.message));
    return new StatusDocument(
        cluster, run.now, src, conditions, applied, findings, rollout, timeline(plan), history);
  }

  /** The one status line about other clusters' findings, which never block this one. */
  private static String others(Evaluation ev) {
    return ev.otherFindings().map(o -> "; " + o).orElse("");
  }

  private String mode() {
    return settings.verifySignatures() ? "head" : "none";
  }

  private StatusDocument.Signature signature(Verification v) {
    return new StatusDocument.Signature(mode(), v.verified(), v.format(), v.signer(), v.message());
  }

  private static Condition condition(
      StatusDocument previous,
      String type,
      ConditionStatus status,
      String reason,
      String message,
      String observed,
      Instant now) {
    Instant since = now;
    if (previous != null) {
      for (Condition c : previous.conditions()) {
        if (c.type().equals(type) && c.status() == status) {
          since = c.lastTransitionTime();
        }
      }
    }
    return new Condition(type, status, reason, message, observed, since);
  }

  /** The plan's group moves, in time order, at most 50. */
  static List<TimelineEntry> timeline(Optional<Plan> plan) {
    if (plan.isEmpty()) {
      return List.of();
    }
    List<TimelineEntry> out = new ArrayList<>();
    for (GroupTimeline g : plan.get().groups()) {
      for (TimelineEvent e : g.events()) {
        out.add(
            new TimelineEntry(
                e.at(), g.name(), e.state().name().toLowerCase(java.util.Locale.ROOT), e.reason()));
      }
    }
    out.sort(Comparator.comparing(TimelineEntry::at).thenComparing(TimelineEntry::group));
    return out.size() > 50 ? List.copyOf(out.subList(0, 50)) : List.copyOf(out);
  }

  /** The state of one run while it is under way; never leaves this class. */
  private final class Run {
    final Instant now;
    Evaluation evaluation;
    Evaluation appliedEvaluation;
    Result result = Result.TRANSIENT;
    boolean ok;
    String reason = StepFailure.INTERNAL_ERROR;
    String message = "the run did not finish";
    Duration fetch = Duration.ZERO;
    final List<String> changes = new ArrayList<>();
    final List<String> drift = new ArrayList<>();
    List<String> pending = List.of();
    Optional<Duration> retryAfter = Optional.empty();
    Optional<String> gitProblem = Optional.empty();
    Optional<String> clusterProblem = Optional.empty();
    Optional<String> statusCommit = Optional.empty();
    Optional<Rewrite> rewritten = Optional.empty();

    Run(Instant now) {
      this.now = now;
    }

    String label() {
      return evaluation != null ? evaluation.label() : good != null ? good.label() : "";
    }

    void succeed(Result r, String why, String text) {
      result = r;
      ok = true;
      reason = why;
      message = text;
      transientFailures = 0;
    }

    void fail(StepFailure f) {
      ok = false;
      reason = f.reason();
      message = f.getMessage();
      if (f instanceof StepFailure.Transient) {
        result = Result.TRANSIENT;
        transientFailures++;
        Duration wait =
            settings.firstBackoff().multipliedBy(1L << Math.min(20, transientFailures - 1));
        retryAfter =
            Optional.of(wait.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : wait);
        LOG.log(
            Level.WARNING,
            "reconcile failed ({0}), retry in {1}: {2}",
            reason,
            retryAfter.get(),
            message);
      } else if (f instanceof StepFailure.Waiting w) {
        result = Result.WAITING;
        retryAfter = Optional.of(w.retryAfter());
      } else {
        result = Result.STALLED;
        transientFailures = 0;
        LOG.log(Level.WARNING, "reconcile stalled ({0}) until a new commit: {1}", reason, message);
      }
    }

    ReconcileReport report() {
      return new ReconcileReport(
          now,
          label(),
          result,
          reason,
          message,
          evaluation == null ? Findings.NONE : evaluation.findings(),
          good == null ? Optional.empty() : good.plan(),
          changes,
          drift,
          retryAfter,
          fetch,
          statusCommit,
          rewritten);
    }
  }

  /**
   * Refuses writes the moment {@code mayWrite} turns false (lost lease), between two resources too.
   */
  private record GatedTarget(ClusterTarget delegate, BooleanSupplier mayWrite)
      implements ClusterTarget {
    @Override
    public String name() {
      return delegate.name();
    }

    @Override
    public Map<ResourceId, Resource> observe(java.util.Set<ResourceId> ids) throws TargetException {
      return delegate.observe(ids);
    }

    @Override
    public ApplyOutcome apply(Resource desired, boolean dryRun) throws TargetException {
      if (!dryRun && !mayWrite.getAsBoolean()) {
        throw new TargetException(
            TargetException.Reason.REJECTED, "write refused: this replica is no longer the leader");
      }
      return delegate.apply(desired, dryRun);
    }

    @Override
    public void delete(ResourceId id) throws TargetException {
      if (!mayWrite.getAsBoolean()) {
        throw new TargetException(
            TargetException.Reason.REJECTED,
            "delete refused: this replica is no longer the leader");
      }
      delegate.delete(id);
    }
  }
}
