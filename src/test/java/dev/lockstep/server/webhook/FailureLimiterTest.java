package dev.lockstep.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FailureLimiterTest {
  private final AtomicLong now = new AtomicLong();

  @Test
  void eachAddressHasItsOwnBudget() {
    FailureLimiter limiter = new FailureLimiter(3, 100, now::get);
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.tryFail("203.0.113.7")).isTrue();
    }
    assertThat(limiter.tryFail("203.0.113.7")).isFalse();
    assertThat(limiter.tryFail("192.0.2.1")).as("another address is unaffected").isTrue();
  }

  @Test
  void theBudgetRefillsOverAMinute() {
    FailureLimiter limiter = new FailureLimiter(3, 100, now::get);
    for (int i = 0; i < 3; i++) {
      limiter.tryFail("203.0.113.7");
    }
    assertThat(limiter.tryFail("203.0.113.7")).isFalse();
    now.addAndGet(20_000_000_000L); // a third of a minute: one failure back
    assertThat(limiter.tryFail("203.0.113.7")).isTrue();
    assertThat(limiter.tryFail("203.0.113.7")).isFalse();
  }

  @Test
  void memoryIsBoundedWhateverTheNumberOfAddresses() {
    FailureLimiter limiter = new FailureLimiter(3, 1000, now::get);
    for (int i = 0; i < 100_000; i++) {
      limiter.tryFail("2001:db8::" + Integer.toHexString(i));
    }
    assertThat(limiter.size()).isEqualTo(1000);
  }

  @Test
  void theLeastRecentlySeenAddressIsForgottenFirst() {
    FailureLimiter limiter = new FailureLimiter(1, 2, now::get);
    assertThat(limiter.tryFail("a")).isTrue();
    assertThat(limiter.tryFail("b")).isTrue();
    assertThat(limiter.tryFail("a")).as("a is remembered and spent").isFalse();
    limiter.tryFail("c"); // forgets b, the least recently seen
    assertThat(limiter.tryFail("a")).as("a is still remembered").isFalse();
    assertThat(limiter.tryFail("b")).as("b was forgotten: a fresh budget").isTrue();
  }
}
