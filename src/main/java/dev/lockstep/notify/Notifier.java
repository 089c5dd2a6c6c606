package dev.lockstep.notify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Sends events to sinks without ever blocking the caller: each sink has a bounded queue and its own
 * thread, so a sink that hangs delays neither the reconcile nor the other sinks. A full queue drops
 * its oldest event (the newest tells the current state). A retryable failure is tried again after a
 * backoff that doubles up to a ceiling (or the peer's {@code Retry-After}), up to {@code attempts}
 * times; then the event is given up and counted.
 */
public final class Notifier implements AutoCloseable {

  /**
   * A sink with the events it wants.
   *
   * @param sink where they go
   * @param events the kinds it receives; empty means every kind
   */
  public record Route(Sink sink, Set<EventKind> events) {
    public Route {
      Objects.requireNonNull(sink, "sink");
      events = Set.copyOf(events);
    }

    boolean wants(EventKind kind) {
      return events.isEmpty() || events.contains(kind);
    }
  }

  /**
   * Queue and retries.
   *
   * @param queueCapacity events waiting per sink before the oldest is dropped
   * @param attempts tries of one event (1 = no retry)
   * @param backoff wait before the second try, doubled before each later one
   * @param maxBackoff the longest wait between tries
   */
  public record Policy(int queueCapacity, int attempts, Duration backoff, Duration maxBackoff) {
    /** 100 events, 5 tries, 1 s doubling up to 1 min. */
    public static final Policy DEFAULT =
        new Policy(100, 5, Duration.ofSeconds(1), Duration.ofMinutes(1));

    public Policy {
      if (queueCapacity < 1 || attempts < 1) {
        throw new IllegalArgumentException("queueCapacity and attempts must be at least 1");
      }
      Objects.requireNonNull(backoff, "backoff");
      Objects.requireNonNull(maxBackoff, "maxBackoff");
    }
  }

  /**
   * What one sink has done so far.
   *
   * @param delivered events delivered
   * @param failed events given up (refused, or still failing after every attempt)
   * @param dropped events dropped from a full queue
   * @param retries attempts after a first failure
   */
  public record Counts(long delivered, long failed, long dropped, long retries) {}

  /** How a worker waits between attempts (tests pass one that records and returns). */
  @FunctionalInterface
  public interface Sleeper {
    /** Waits about {@code d}. */
    void sleep(Duration d) throws InterruptedException;
  }

  private final List<Worker> workers = new ArrayList<>();
  private final Object idle = new Object();
  private final AtomicLong pending = new AtomicLong();

  private Notifier(List<Route> routes, Policy policy, Sleeper sleeper, Consumer<String> log) {
    for (Route r : routes) {
      workers.add(new Worker(r, policy, sleeper, log));
    }
    workers.forEach(w -> w.thread.start());
  }

  /**
   * Starts one thread per route.
   *
   * @param log receives one line per failure: the sink's name and what went wrong, never a secret
   */
  public static Notifier start(
      List<Route> routes, Policy policy, Sleeper sleeper, Consumer<String> log) {
    return new Notifier(List.copyOf(routes), policy, sleeper, log);
  }

  /** Starts with {@link Thread#sleep} between attempts. */
  public static Notifier start(List<Route> routes, Policy policy, Consumer<String> log) {
    return start(routes, policy, d -> Thread.sleep(d.toMillis()), log);
  }

  /** Queues the event for every sink that wants it and returns at once. Never blocks. */
  public void publish(Event event) {
    Objects.requireNonNull(event, "event");
    for (Worker w : workers) {
      if (w.route.wants(event.kind())) {
        w.offer(event);
      }
    }
  }

  /**
   * Waits until every queue is empty and no delivery runs, or {@code timeout} passes.
   *
   * @return true when idle
   */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (idle) {
      while (pending.get() > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(idle, left);
      }
      return true;
    }
  }

  /** Per sink name, in route order. */
  public Map<String, Counts> counts() {
    Map<String, Counts> out = new LinkedHashMap<>();
    for (Worker w : workers) {
      out.put(
          w.route.sink().name(),
          new Counts(w.delivered.get(), w.failed.get(), w.dropped.get(), w.retries.get()));
    }
    return out;
  }

  /** Stops the threads; queued events are dropped. */
  @Override
  public void close() {
    workers.forEach(w -> w.thread.interrupt());
  }

  private void done() {
    if (pending.decrementAndGet() == 0) {
      synchronized (idle) {
        idle.notifyAll();
      }
    }
  }

  private final class Worker implements Runnable {
    final Route route;
    final Policy policy;
    final Sleeper sleeper;
    final Consumer<String> log;
    final BlockingQueue<Event> queue;
    final Thread thread;
    final AtomicLong delivered = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong dropped = new AtomicLong();
    final AtomicLong retries = new AtomicLong();

    Worker(Route route, Policy policy, Sleeper sleeper, Consumer<String> log) {
      this.route = route;
      this.policy = policy;
      this.sleeper = sleeper;
      this.log = log;
      this.queue = new ArrayBlockingQueue<>(policy.queueCapacity());
      this.thread = new Thread(this, "lockstep-notify-" + route.sink().name());
      this.thread.setDaemon(true);
    }

    void offer(Event e) {
      pending.incrementAndGet();
      while (!queue.offer(e)) {
        if (queue.poll() != null) {
          dropped.incrementAndGet();
          done();
        }
      }
    }

    @Override
    public void run() {
      try {
        while (!Thread.currentThread().isInterrupted()) {
          Event e = queue.take();
          try {
            deliver(e);
          } finally {
            done();
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private void deliver(Event e) throws InterruptedException {
      Duration wait = policy.backoff();
      for (int attempt = 1; ; attempt++) {
        try {
          route.sink().deliver(e);
          delivered.incrementAndGet();
          return;
        } catch (SinkException x) {
          if (!x.retryable() || attempt >= policy.attempts()) {
            failed.incrementAndGet();
            log.accept(
                x.getMessage()
                    + " ("
                    + e.kind().label()
                    + " of "
                    + e.cluster()
                    + ", given up after "
                    + attempt
                    + " attempt(s))");
            return;
          }
          retries.incrementAndGet();
          Optional<Duration> next =
              x.retryAfter().filter(d -> d.compareTo(policy.maxBackoff()) <= 0);
          sleeper.sleep(next.orElse(wait));
          wait = min(wait.multipliedBy(2), policy.maxBackoff());
        } catch (RuntimeException x) {
          failed.incrementAndGet();
          log.accept(
              route.sink().name() + ": failed (" + x.getClass().getSimpleName() + "), given up");
          return;
        }
      }
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
