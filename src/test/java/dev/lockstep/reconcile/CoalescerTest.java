package dev.lockstep.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CoalescerTest {

  @Test
  void aBurstDuringARunCausesExactlyOneFollowUp() throws Exception {
    CountDownLatch inFirstRun = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger runs = new AtomicInteger();
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      Coalescer c =
          new Coalescer(
              () -> {
                if (runs.incrementAndGet() == 1) {
                  inFirstRun.countDown();
                  await(release);
                }
              },
              executor);
      assertThat(c.request()).isEqualTo(Coalescer.Request.STARTED);
      assertThat(inFirstRun.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(c.request()).isEqualTo(Coalescer.Request.QUEUED);
      for (int i = 0; i < 99; i++) {
        assertThat(c.request()).isEqualTo(Coalescer.Request.ABSORBED);
      }
      release.countDown();
      waitUntil(() -> !c.isRunning());
      assertThat(runs.get()).isEqualTo(2);
      assertThat(c.completedRuns()).isEqualTo(2);
      assertThat(c.request()).isEqualTo(Coalescer.Request.STARTED);
      waitUntil(() -> c.completedRuns() == 3);
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void aFailingTaskDoesNotWedgeTheCoalescer() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    Coalescer c =
        new Coalescer(
            () -> {
              runs.incrementAndGet();
              throw new IllegalStateException("boom");
            },
            Runnable::run);
    c.request();
    c.request();
    assertThat(runs.get()).isEqualTo(2);
    assertThat(c.isRunning()).isFalse();
  }

  private static void await(CountDownLatch l) {
    try {
      l.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void waitUntil(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not reached in 5 s");
      }
      Thread.sleep(5);
    }
  }
}
