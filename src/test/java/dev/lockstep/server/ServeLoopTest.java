package dev.lockstep.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.lockstep.reconcile.Coalescer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** serve's reconcile thread at shutdown: finish or abandon, never throw, never write after. */
class ServeLoopTest {
  private static final Duration GRACE = Duration.ofSeconds(10);

  @Test
  void anIdleLoopStopsAtOnceAndIgnoresLaterRequestsAndTicks() {
    AtomicInteger runs = new AtomicInteger();
    ServeLoop loop = new ServeLoop(runs::incrementAndGet);
    assertThat(loop.stop(GRACE)).isEqualTo(ServeLoop.Stop.IDLE);
    assertThatCode(
            () -> {
              assertThat(loop.request()).isEqualTo(Coalescer.Request.ABSORBED);
              loop.schedule(runs::incrementAndGet, 0, TimeUnit.MILLISECONDS);
            })
        .as("a scheduled run firing during shutdown is not an error")
        .doesNotThrowAnyException();
    assertThat(runs).hasValue(0);
    assertThat(loop.mayWrite()).isTrue();
  }

  @Test
  void aRunInProgressFinishesWithinTheGraceAndMayWriteToTheEnd() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    AtomicBoolean wroteAtTheEnd = new AtomicBoolean();
    ServeLoop[] loop = new ServeLoop[1];
    loop[0] =
        new ServeLoop(
            () -> {
              started.countDown();
              sleep(300);
              wroteAtTheEnd.set(loop[0].mayWrite());
            });
    loop[0].request();
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(loop[0].stop(GRACE)).isEqualTo(ServeLoop.Stop.FINISHED);
    assertThat(wroteAtTheEnd).isTrue();
  }

  @Test
  void aRunLongerThanTheGraceIsAbandonedWithWritesRefusedAndNotInterrupted() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    AtomicBoolean mayWriteAfter = new AtomicBoolean(true);
    CountDownLatch done = new CountDownLatch(1);
    ServeLoop[] loop = new ServeLoop[1];
    loop[0] =
        new ServeLoop(
            () -> {
              started.countDown();
              try {
                release.await(30, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                interrupted.set(true);
              }
              mayWriteAfter.set(loop[0].mayWrite());
              done.countDown();
            });
    loop[0].request();
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(loop[0].stop(Duration.ofMillis(200))).isEqualTo(ServeLoop.Stop.ABANDONED);
    assertThat(loop[0].mayWrite()).isFalse();
    release.countDown();
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(interrupted).as("the run is not interrupted mid-write").isFalse();
    assertThat(mayWriteAfter).as("its later writes are refused").isFalse();
  }

  @Test
  void aFollowUpQueuedBeforeTheStopDoesNotRunAfterIt() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    AtomicInteger runs = new AtomicInteger();
    ServeLoop loop =
        new ServeLoop(
            () -> {
              runs.incrementAndGet();
              started.countDown();
              sleep(300);
            });
    loop.request();
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(loop.request()).isEqualTo(Coalescer.Request.QUEUED);
    assertThat(loop.stop(GRACE)).isEqualTo(ServeLoop.Stop.FINISHED);
    assertThat(runs).hasValue(1);
  }

  @Test
  void aDelayedRunScheduledBeforeTheStopIsDropped() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    ServeLoop loop = new ServeLoop(runs::incrementAndGet);
    loop.schedule(loop::request, 200, TimeUnit.MILLISECONDS);
    assertThat(loop.stop(GRACE)).isEqualTo(ServeLoop.Stop.IDLE);
    Thread.sleep(400);
    assertThat(runs).hasValue(0);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
