package dev.lockstep.server;

import dev.lockstep.reconcile.Coalescer;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The reconcile thread of {@code serve}: one background thread, a {@link Coalescer} in front of it,
 * and a stop that lets an in-flight run finish within a grace period or abandons it with writes
 * refused ({@link #mayWrite()} turns false, which the reconciler checks before every cluster and
 * status write), so a shutdown never leaves a half-written status and never interrupts a write.
 * Requests and scheduled runs after the stop are dropped quietly (a scheduled tick that fires
 * during shutdown is not an error).
 */
final class ServeLoop {
  /** How a stop went. */
  enum Stop {
    /** No run was in progress. */
    IDLE,
    /** The run in progress finished within the grace period. */
    FINISHED,
    /** The run in progress was still going after the grace period; its writes are refused. */
    ABANDONED
  }

  private final ScheduledThreadPoolExecutor executor;
  private final Coalescer coalescer;
  private volatile boolean stopping;
  private volatile boolean abandoned;

  ServeLoop(Runnable run) {
    executor =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "lockstep-reconcile");
              t.setDaemon(true);
              return t;
            });
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
    // a follow-up run queued before the stop must not start after it
    coalescer =
        new Coalescer(
            () -> {
              if (!stopping) {
                run.run();
              }
            },
            executor);
  }

  /** Asks for a run (folded into the running one's follow-up); ignored once stopping. */
  Coalescer.Request request() {
    if (stopping) {
      return Coalescer.Request.ABSORBED;
    }
    try {
      return coalescer.request();
    } catch (java.util.concurrent.RejectedExecutionException e) {
      return Coalescer.Request.ABSORBED; // stopped between the check and the request
    }
  }

  /** Runs {@code task} on the loop's thread after {@code delay}; ignored once stopping. */
  void schedule(Runnable task, long delay, TimeUnit unit) {
    if (stopping) {
      return;
    }
    try {
      executor.schedule(task, delay, unit);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // stopped between the check and the call: the task is not needed any more
    }
  }

  /** False once a stop abandoned the run in progress: no cluster or status write may start. */
  boolean mayWrite() {
    return !abandoned;
  }

  /** True once {@link #stop} was called. */
  boolean isStopping() {
    return stopping;
  }

  /** How many runs have completed. */
  long completedRuns() {
    return coalescer.completedRuns();
  }

  /**
   * Stops taking requests, drops scheduled runs, and waits up to {@code grace} for the run in
   * progress. A run still going after that is abandoned: {@link #mayWrite()} turns false and the
   * thread (a daemon) is left to end with the process; it is not interrupted, so no write is cut in
   * half.
   */
  Stop stop(Duration grace) {
    stopping = true;
    boolean running = coalescer.isRunning();
    executor.shutdown();
    try {
      if (executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        return running ? Stop.FINISHED : Stop.IDLE;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    abandoned = true;
    return Stop.ABANDONED;
  }
}
