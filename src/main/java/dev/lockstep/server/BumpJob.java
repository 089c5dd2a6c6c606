package dev.lockstep.server;

import dev.lockstep.bump.BumpService;
import dev.lockstep.source.SourceException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * The scheduled bump of {@code serve} ({@code lockstep.bump.*}): a Quarkus Scheduler job every
 * {@code interval} (or on {@code cron}) that, on the leader only, runs {@link BumpService} on its
 * own thread, never two at once, within {@code timeout} (an overrunning run is counted failed and
 * may not write any more; the next tick is skipped while it is still going). Records metrics
 * ({@link BumpMetrics}) and keeps the last run for {@code GET /api/bump}.
 */
@ApplicationScoped
public class BumpJob {
  private static final Logger LOG = Logger.getLogger(BumpJob.class);
  static final String JOB = "lockstep-bump";

  @Inject LockstepConfig config;
  @Inject LockstepService service;
  @Inject BumpMetrics metrics;
  @Inject Scheduler scheduler;

  private final Clock clock = Clock.systemUTC();
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicReference<BumpService.Run> last = new AtomicReference<>();
  private volatile boolean overran;
  private ServeSettings.BumpSettings settings;
  private BumpService bump;
  private ExecutorService worker;

  private volatile BooleanSupplier leader;

  void onStart(@Observes StartupEvent event) {
    Optional<ServeSettings.BumpSettings> s = ServeSettings.bump(config, System.getenv());
    if (s.isEmpty()) {
      return;
    }
    settings = s.get();
    try {
      bump =
          new BumpService(settings.service(), settings.base(), settings.status(), settings.forge());
    } catch (SourceException e) {
      throw new StartFailure(3, "lockstep serve cannot start the bump: " + e.getMessage());
    }
    leader = service::isLeader;
    worker =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, JOB);
              t.setDaemon(true);
              return t;
            });
    var job =
        scheduler
            .newJob(JOB)
            .setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP)
            .setTask(execution -> runNow());
    String when;
    if (settings.cron().isPresent()) {
      job.setCron(settings.cron().get());
      when = "on cron " + settings.cron().get();
    } else {
      job.setInterval(settings.interval().toString()).setDelayed(settings.interval().toString());
      when = "every " + settings.interval();
    }
    try {
      job.schedule();
    } catch (RuntimeException e) {
      throw new ConfigProblem(
          "lockstep.bump.cron",
          "is \""
              + settings.cron().orElse("")
              + "\": not a Quartz cron expression ("
              + e.getMessage()
              + "), e.g. 0 0 7 ? * MON-FRI");
    }
    LOG.infof(
        "lockstep bump: proposing versions %s, delivered as %s against %s (leader only)",
        when, ConfigKeys.label(settings.service().delivery()), settings.base().ref());
  }

  void onStop(@Observes ShutdownEvent event) {
    if (worker != null) {
      overran = true; // a run still going writes nothing more
      worker.shutdownNow();
    }
    if (bump != null && !running.get()) {
      bump.close();
    }
  }

  /**
   * One scheduled run: nothing unless this replica is the leader and no run is going; else the run
   * on the bump thread, waited for at most {@code lockstep.bump.timeout}. Returns the run, or empty
   * when none was made.
   */
  Optional<BumpService.Run> runNow() {
    if (bump == null || !leader.getAsBoolean()) {
      LOG.debug("not the leader: no bump");
      return Optional.empty();
    }
    if (!running.compareAndSet(false, true)) {
      LOG.warn("the previous bump is still running (past lockstep.bump.timeout): this one skipped");
      return Optional.empty();
    }
    overran = false;
    Instant at = clock.instant();
    Future<BumpService.Run> future;
    try {
      future =
          worker.submit(
              () -> {
                try {
                  return bump.run(
                      at, service::liveVersions, () -> !overran && leader.getAsBoolean());
                } finally {
                  running.set(false);
                }
              });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      running.set(false);
      return Optional.empty(); // shutting down
    }
    BumpService.Run run;
    Duration timeout = settings.timeout();
    try {
      run = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      overran = true;
      run =
          new BumpService.Run(
              at,
              "",
              List.of(),
              "did not finish within "
                  + timeout
                  + " (lockstep.bump.timeout); stopped before its next write");
    } catch (ExecutionException e) {
      run = new BumpService.Run(at, "", List.of(), "failed: " + e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
    last.set(run);
    metrics.record(run);
    log(run);
    return Optional.of(run);
  }

  private static void log(BumpService.Run run) {
    if (!run.problem().isEmpty()) {
      LOG.warnf("bump: %s", run.problem());
    }
    for (BumpService.ClusterResult c : run.clusters()) {
      String where =
          c.delivered()
              .map(
                  d ->
                      " ("
                          + d.mode()
                          + " "
                          + d.action()
                          + d.pullRequest().or(d::branch).map(p -> ": " + p).orElse("")
                          + ")")
              .orElse("");
      String line = "bump " + c.cluster() + ": " + c.result().label() + where + ": " + c.reason();
      if (c.result() == BumpService.Result.FAILED) {
        LOG.warn(line);
      } else {
        LOG.info(line);
      }
    }
  }

  /** Replaces the leader gate (tests); returns the one it replaced. */
  BooleanSupplier leaderGate(BooleanSupplier gate) {
    BooleanSupplier old = leader;
    leader = gate;
    return old;
  }

  /** The last run, if any has finished. */
  public Optional<BumpService.Run> lastRun() {
    return Optional.ofNullable(last.get());
  }

  /** True when {@code lockstep.bump.enabled} is set. */
  public boolean enabled() {
    return bump != null;
  }
}
