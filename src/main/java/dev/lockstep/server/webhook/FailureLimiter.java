package dev.lockstep.server.webhook;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A budget of failed webhook attempts per source address: {@code perMinute} failures a minute each,
 * so a stranger's forgeries never use up the budget of signed deliveries. Memory is bounded: at
 * most {@code maxAddresses} addresses are remembered, the least recently seen is forgotten first
 * (an attacker who sprays addresses gains a fresh budget per address, never more memory).
 * Thread-safe.
 */
public final class FailureLimiter {
  private final int perMinute;
  private final int maxAddresses;
  private final LongSupplier nanos;
  private final Map<String, RateLimiter> byAddress;

  /**
   * @param perMinute failed attempts allowed per address and minute (bursts up to as many)
   * @param maxAddresses how many addresses are remembered at most
   * @param nanos a monotonic clock
   */
  public FailureLimiter(int perMinute, int maxAddresses, LongSupplier nanos) {
    if (maxAddresses <= 0) {
      throw new IllegalArgumentException("maxAddresses must be positive");
    }
    this.perMinute = perMinute;
    this.maxAddresses = maxAddresses;
    this.nanos = nanos;
    this.byAddress =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, RateLimiter> eldest) {
            return size() > FailureLimiter.this.maxAddresses;
          }
        };
  }

  /**
   * Counts one failed attempt from {@code address}; false when the address is over its budget (the
   * attempt should be answered 429 rather than 401, and not logged).
   */
  public synchronized boolean tryFail(String address) {
    return byAddress.computeIfAbsent(address, a -> new RateLimiter(perMinute, nanos)).tryAcquire();
  }

  /** How many addresses are remembered (at most {@code maxAddresses}). */
  public synchronized int size() {
    return byAddress.size();
  }
}
