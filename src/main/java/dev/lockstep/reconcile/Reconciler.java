package dev.lockstep.reconcile;

import dev.lockstep.check.LiveVersions;
import dev.lockstep.cluster.ClusterTarget;
import dev.lockstep.finding.Findings;
import dev.lockstep.model.DesiredState;
import dev.lockstep.plan.Plan;
import dev.lockstep.source.GitSource;
import dev.lockstep.source.SourceException;
import dev.lockstep.source.StatusSettings;
import dev.lockstep.source.StatusWrite;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The reconcile loop of {@code lockstep serve}, as steps that return values (as Flux's controllers
 * read): source ({@link SourceStep}), check and plan ({@link CheckStep}, {@link PlanStep}), apply
 * ({@link ApplyStep}), observe ({@link ObserveStep}), status ({@link StatusStep}). One run folds
 * what they return ({@link Ran}) once into what the next run needs, the status document (built and
 * written once) and the report. The service calls {@link #reconcile(Instant)}.
 *
 * <ul>
 *   <li>One run at a time (a lock, as Teleport's rollout controller holds a mutex).
 *   <li>A revision with any error finding applies nothing; the previous good revision stays
 *       applied, and its drift is still corrected. The status names each finding's file and line.
 *   <li>Drift is re-applied when self-heal is on; suspended, nothing is written to the cluster.
 *   <li>A commit touching only Lockstep's own status files is not reconciled.
 *   <li>The status is written only when it changed apart from its timestamp; a failed write is
 *       retried by the next run. Transient failures retry with exponential backoff.
 * </ul>
 *
 * <p>Time is passed in: nothing in planning reads a clock.
 */
public final class Reconciler {
  private static final System.Logger LOG = System.getLogger(Reconciler.class.getName());
  private static final Optional<String> NONE = Optional.empty();

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
    /** Writes {@code content} if it differs from what is stored; {@code reason} is the run's. */
    StatusWrite write(String cluster, String content, String revision, String reason, Instant now)
        throws SourceException;
  }

  /** Told about what the loop finds; the service publishes channels and updates metrics here. */
  public interface Listener {
    /**
     * A newly read revision passed validation (once per revision): {@code state}'s channels are
     * those to publish (a channel with an error in its scope keeps what was last published).
     */
    default void validated(DesiredState state, Findings findings) {}

    /** A run finished. */
    default void finished(ReconcileReport report) {}
  }

  /**
   * What readiness needs: the last revision that passed validation, why Git or the cluster could
   * not be used on the last run, and whether writes are suspended.
   */
  public record Health(
      Optional<String> goodRevision,
      Optional<String> gitProblem,
      Optional<String> clusterProblem,
      boolean suspended) {}

  /** A revision as read ({@code main@1a2b3c4d}), what it declares and its findings. */
  public record Evaluated(String revision, DesiredState state, Findings findings) {
    public Evaluated {
      Objects.requireNonNull(revision, "revision");
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(findings, "findings");
    }
  }

  private final CheckStep checkStep;
  private final Pipeline pipeline;
  private final StatusStep statusStep;
  private final ReconcileSettings settings;
  private final Listener listener;
  private final BooleanSupplier mayWrite;
  private final ReentrantLock lock = new ReentrantLock();

  // what one run leaves for the next; changed only by the run's fold, under the lock
  private volatile boolean suspended;
  private volatile ReconcileReport lastReport;
  private volatile StatusDocument lastStatus;
  private volatile Health health =
      new Health(Optional.empty(), Optional.empty(), Optional.empty(), false);
  private final Revisions revisions;
  private final Backoff backoff;
  private Optional<String> writtenStatus = Optional.empty();
  private Resume resume;
  private boolean resumed;
  private boolean wasWriting;
  private Optional<LastKnown> saved = Optional.empty();

  /**
   * @param sourcePath the folder inside the repository holding the Lockstep layout ("." or "" for
   *     the root)
   * @param statusSettings where the status goes (also tells status-only commits apart)
   * @param statusSink writes the status; called at most once per run
   * @param liveVersions live control-plane versions for the compatibility rules (best effort)
   * @param mayWrite false when this replica must not write; checked before every cluster and status
   *     write, so losing the lease stops writes at once
   * @param nanos a monotonic clock for durations (not for planning)
   * @param halter halts a failing rollout through Git (on the leader, once per rollout); {@link
   *     Halter#NONE} holds a halt without committing it
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
      LongSupplier nanos,
      Halter halter) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.mayWrite = Objects.requireNonNull(mayWrite, "mayWrite");
    SourceStep sourceStep =
        new SourceStep(source, statusSettings, settings.verifySignatures(), nanos);
    String url = source.displayUrl();
    this.checkStep = new CheckStep(sourceStep, url, sourcePath, settings, liveVersions);

    this.statusStep =
        new StatusStep(
            url,
            settings.verifySignatures(),
            settings.cluster().orElse(UNKNOWN_CLUSTER),
            statusSink);
    this.suspended = settings.suspended();
    this.backoff = new Backoff(settings);
    this.revisions = new Revisions(sourceStep, checkStep, listener);
    this.pipeline =
        new Pipeline(
            sourceStep,
            new ApplyStep(target, settings, mayWrite),
            new WatchStep(target, halter),
            revisions,
            mayWrite);
  }

  /**
   * Continues from what a previous process knew: the first run reads it before polling, and so does
   * the first run after this replica becomes the one that writes (a failover), so the new leader
   * takes over the committed halt and its hold instead of halting again.
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
    return revisions.good().flatMap(Evaluation::plan);
  }

  /** The revision in force (the last good one), if any. */
  public Optional<Evaluated> inForce() {
    return evaluated(revisions.good());
  }

  /** The last revision refused since the start, if any; kept after a later one is accepted. */
  public Optional<Evaluated> lastRefused() {
    return evaluated(revisions.refused());
  }

  private static Optional<Evaluated> evaluated(Optional<Evaluation> e) {
    return e.map(x -> new Evaluated(x.label(), x.state(), x.findings()));
  }

  /** What readiness needs. */
  public Health health() {
    return health;
  }

  /**
   * Runs the steps once and folds what they return. Never throws: every failure becomes the
   * report's result and the status's conditions.
   *
   * @param now the time of this run (status timestamps, plan start)
   */
  public ReconcileReport reconcile(Instant now) {
    lock.lock();
    try {
      Ran ran;
      try {
        boolean writing = mayWrite.getAsBoolean();
        // a follower never sees the leader's halt: it must read it before it may act on its own
        if (resume != null && (!resumed || (writing && !wasWriting))) {
          resumed = true;
          restore(now);
        }
        wasWriting = writing;
        ran = pipeline.run(now, suspended);
      } catch (RuntimeException e) {
        LOG.log(Level.ERROR, "reconcile failed unexpectedly", e);
        String why = "internal error: " + e.getClass().getSimpleName();
        StepFailure f = new StepFailure.Transient(StepFailure.INTERNAL_ERROR, why);
        ran = Ran.failed(now, Duration.ZERO, f, NONE);
      }
      return fold(ran);
    } finally {
      lock.unlock();
    }
  }

  private void restore(Instant now) {
    ResumeStep.Restored r =
        ResumeStep.restore(
            resume,
            settings.cluster(),
            checkStep,
            now,
            ev -> {
              revisions.back(ev);
              health = new Health(Optional.of(ev.label()), NONE, NONE, suspended);
            });
    saved = r.saved();
    revisions.restore(r);
    r.status().ifPresent(doc -> lastStatus = doc);
  }

  /** Folds one run into what the next needs, the status (built and written once) and the report. */
  private ReconcileReport fold(Ran ran) {
    Optional<Duration> retryAfter = backoff.after(ran.outcome());
    ran.applied().filter(ApplyStep.Applied::recorded).ifPresent(revisions::applied);
    ran.watched().ifPresent(revisions::watched);
    Optional<Evaluation> inForce = revisions.good();
    String label = StatusStep.label(ran, inForce);
    StatusStep.Written written = StatusStep.Written.NOTHING;
    try {
      StatusDocument doc = statusStep.build(ran, revisions.known(Optional.ofNullable(lastStatus)));
      lastStatus = doc;
      String content = StatusYaml.render(doc);
      if (resume != null) {
        saved =
            ResumeStep.save(resume, saved, revisions.lastKnown(doc.cluster(), content, ran.now()));
      }
      if (mayWrite.getAsBoolean()) {
        written =
            statusStep.write(doc, content, writtenStatus, label, ran.outcome().reason(), ran.now());
        writtenStatus = written.comparable().or(() -> writtenStatus);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "cannot build the status", e);
    }
    ReconcileReport report =
        ran.report(label, inForce.flatMap(Evaluation::plan), retryAfter, written.commit());
    lastReport = report;
    Optional<String> gitProblem = written.problem().or(ran::gitProblem);
    health =
        new Health(inForce.map(Evaluation::label), gitProblem, ran.clusterProblem(), suspended);
    listener.finished(report);
    return report;
  }
}
