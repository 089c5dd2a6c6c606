package dev.lockstep.reconcile;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one task at a time and folds a burst of requests into at most one follow-up run: a request
 * while the task is idle starts it; requests while it runs set one pending flag, and the task runs
 * once more when it finishes. So 100 webhooks during a reconcile cause exactly one extra reconcile,
 * and no request is lost (the follow-up sees everything pushed before it started).
 */
public final class Coalescer {
  private final Runnable task;
  private final Executor executor;
  private final Object lock = new Object();
  private final AtomicLong runs = new AtomicLong();
  private boolean running;
  private boolean pending;

  /**
   * @param task what to run; exceptions it throws are swallowed after the run (the task reports its
   *     own failures)
   * @param executor where to run it (a single background thread in the service, the calling thread
   *     in tests)
   */
  public Coalescer(Runnable task, Executor executor) {
    this.task = Objects.requireNonNull(task, "task");
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  /** The outcome of a request. */
  public enum Request {
    /** The task was idle and starts now. */
    STARTED,
    /** The task is running; it will run once more after this run. */
    QUEUED,
    /** The task is running and a follow-up is already queued; this request is folded into it. */
    ABSORBED
  }

  /** Asks for a run. Never blocks. */
  public Request request() {
    synchronized (lock) {
      if (running) {
        if (pending) {
          return Request.ABSORBED;
        }
        pending = true;
        return Request.QUEUED;
      }
      running = true;
    }
    executor.execute(this::loop);
    return Request.STARTED;
  }

  /** True while a run is in progress. */
  public boolean isRunning() {
    synchronized (lock) {
      return running;
    }
  }

  /** How many runs have completed. */
  public long completedRuns() {
    return runs.get();
  }

  private void loop() {
    while (true) {
      try {
        task.run();
      } catch (RuntimeException e) {
        // the task reports its own failures; a throw must not wedge the coalescer
      } finally {
        runs.incrementAndGet();
      }
      synchronized (lock) {
        if (!pending) {
          running = false;
          return;
        }
        pending = false;
      }
    }
  }
}
