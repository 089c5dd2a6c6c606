package dev.lockstep.server;

import dev.lockstep.reconcile.Coalescer;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Webhook requests for a reconcile: the first request in a second runs at once, later ones fold
 * into one trailing run at the end of that second (plus the coalescer's single follow-up), so a
 * burst of deliveries costs about one run per second and the first push is not delayed.
 */
final class Throttle {
  private static final long PERIOD_NANOS = 1_000_000_000L;

  private final ServeLoop loop;
  private final Supplier<Coalescer.Request> trigger;
  private long last = System.nanoTime() - PERIOD_NANOS;
  private boolean trailing;

  Throttle(ServeLoop loop, Supplier<Coalescer.Request> trigger) {
    this.loop = loop;
    this.trigger = trigger;
  }

  /** Triggers now, or schedules the one trailing run of this second. */
  synchronized Coalescer.Request request() {
    long now = System.nanoTime();
    long since = now - last;
    if (since >= PERIOD_NANOS) {
      last = now;
      return trigger.get();
    }
    if (!trailing) {
      trailing = true;
      loop.schedule(this::trail, PERIOD_NANOS - since, TimeUnit.NANOSECONDS);
    }
    return Coalescer.Request.ABSORBED;
  }

  private void trail() {
    synchronized (this) {
      trailing = false;
      last = System.nanoTime();
    }
    trigger.get();
  }
}
