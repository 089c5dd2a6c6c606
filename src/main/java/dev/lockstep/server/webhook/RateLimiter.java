package dev.lockstep.server.webhook;

import java.util.function.LongSupplier;

/**
 * A token bucket: {@code perMinute} requests a minute on average, bursts up to {@code perMinute}.
 * Thread-safe. Time comes from a nanosecond supplier so tests control it.
 */
public final class RateLimiter {
  private final double capacity;
  private final double perNano;
  private final LongSupplier nanos;
  private double tokens;
  private long last;

  /**
   * @param perMinute tokens a minute, and the burst size
   * @param nanos a monotonic clock
   */
  public RateLimiter(int perMinute, LongSupplier nanos) {
    if (perMinute <= 0) {
      throw new IllegalArgumentException("rate must be positive");
    }
    this.capacity = perMinute;
    this.perNano = perMinute / 60e9;
    this.nanos = nanos;
    this.tokens = perMinute;
    this.last = nanos.getAsLong();
  }

  /** Takes a token; false when the bucket is empty. */
  public synchronized boolean tryAcquire() {
    long now = nanos.getAsLong();
    tokens = Math.min(capacity, tokens + (now - last) * perNano);
    last = now;
    if (tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }
}
