package dev.lockstep.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The queue and retry machinery with in-memory sinks: filters, backoff, giving up, a bounded queue
 * that drops its oldest events, and a sink that hangs without delaying the caller or the others.
 */
class NotifierTest {
  static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
  static final Duration GUARD = Duration.ofSeconds(20);

  final List<String> log = new CopyOnWriteArrayList<>();
  final List<Duration> slept = Collections.synchronizedList(new ArrayList<>());

  static Event event(EventKind kind, int n) {
    return Event.of(kind, "prod", "event " + n, List.of(), T0.plusSeconds(n));
  }

  /** Records what it receives; fails with the given failures first. */
  static final class Recording implements Sink {
    final List<Event> received = new CopyOnWriteArrayList<>();
    final List<SinkException> failures;
    final Semaphore deliveries = new Semaphore(0);
    int calls;

    Recording(SinkException... failures) {
      this.failures = new ArrayList<>(List.of(failures));
    }

    @Override
    public String name() {
      return "recording";
    }

    @Override
    public void deliver(Event e) throws SinkException {
      calls++;
      if (!failures.isEmpty()) {
        throw failures.remove(0);
      }
      received.add(e);
      deliveries.release();
    }
  }

  /** Hangs on its first event until released. */
  static final class Hanging implements Sink {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final List<Event> received = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
      return "hanging";
    }

    @Override
    public void deliver(Event e) {
      entered.countDown();
      try {
        release.await();
      } catch (InterruptedException x) {
        Thread.currentThread().interrupt();
      }
      received.add(e);
    }
  }

  Notifier start(Notifier.Policy policy, Notifier.Route... routes) {
    return Notifier.start(List.of(routes), policy, slept::add, log::add);
  }

  static SinkException retryable(String what) {
    return new SinkException(true, Optional.empty(), what);
  }

  @Test
  void aSinkReceivesOnlyTheEventsItsFilterNames() throws Exception {
    Recording halts = new Recording();
    Recording all = new Recording();
    try (Notifier n =
        start(
            Notifier.Policy.DEFAULT,
            new Notifier.Route(halts, Set.of(EventKind.HALTED)),
            new Notifier.Route(all, Set.of()))) {
      n.publish(event(EventKind.APPLIED, 1));
      n.publish(event(EventKind.HALTED, 2));
      n.publish(event(EventKind.BLIND, 3));

      assertThat(n.awaitIdle(GUARD)).isTrue();
    }
    assertThat(halts.received).extracting(Event::kind).containsExactly(EventKind.HALTED);
    assertThat(all.received)
        .extracting(Event::kind)
        .containsExactly(EventKind.APPLIED, EventKind.HALTED, EventKind.BLIND);
  }

  @Test
  void aRetryableFailureIsTriedAgainAfterABackoffThatDoublesUpToItsCeiling() throws Exception {
    Recording sink = new Recording(retryable("a"), retryable("b"), retryable("c"));
    Notifier.Policy policy =
        new Notifier.Policy(10, 5, Duration.ofSeconds(1), Duration.ofSeconds(3));
    try (Notifier n = start(policy, new Notifier.Route(sink, Set.of()))) {
      n.publish(event(EventKind.HALTED, 1));
      assertThat(n.awaitIdle(GUARD)).isTrue();
      assertThat(n.counts().get("recording")).isEqualTo(new Notifier.Counts(1, 0, 0, 3));
    }
    assertThat(slept)
        .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3));
    assertThat(sink.received).hasSize(1);
    assertThat(log).isEmpty();
  }

  @Test
  void thePeersRetryAfterIsHonouredWithinTheCeiling() throws Exception {
    Recording sink =
        new Recording(
            new SinkException(true, Optional.of(Duration.ofSeconds(7)), "429"),
            new SinkException(true, Optional.of(Duration.ofHours(2)), "429"));
    try (Notifier n = start(Notifier.Policy.DEFAULT, new Notifier.Route(sink, Set.of()))) {
      n.publish(event(EventKind.HALTED, 1));
      assertThat(n.awaitIdle(GUARD)).isTrue();
    }
    // an absurd Retry-After falls back to the backoff (1 s then 2 s)
    assertThat(slept).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(2));
  }

  @Test
  void aRefusalIsNotRetriedAndIsLoggedOnce() throws Exception {
    Recording sink =
        new Recording(new SinkException(false, Optional.empty(), "recording: HTTP 403"));
    try (Notifier n = start(Notifier.Policy.DEFAULT, new Notifier.Route(sink, Set.of()))) {
      n.publish(event(EventKind.HALTED, 1));
      assertThat(n.awaitIdle(GUARD)).isTrue();
      assertThat(n.counts().get("recording")).isEqualTo(new Notifier.Counts(0, 1, 0, 0));
    }
    assertThat(sink.calls).isEqualTo(1);
    assertThat(slept).isEmpty();
    assertThat(log)
        .containsExactly("recording: HTTP 403 (halted of prod, given up after 1 attempt(s))");
  }

  @Test
  void anEventStillFailingAfterEveryAttemptIsGivenUp() throws Exception {
    Recording sink = new Recording(retryable("x"), retryable("x"), retryable("x"));
    Notifier.Policy policy =
        new Notifier.Policy(10, 3, Duration.ofSeconds(1), Duration.ofMinutes(1));
    try (Notifier n = start(policy, new Notifier.Route(sink, Set.of()))) {
      n.publish(event(EventKind.HALTED, 1));
      assertThat(n.awaitIdle(GUARD)).isTrue();
      assertThat(n.counts().get("recording")).isEqualTo(new Notifier.Counts(0, 1, 0, 2));
    }
    assertThat(sink.calls).isEqualTo(3);
    assertThat(log).singleElement().asString().contains("given up after 3 attempt(s)");
  }

  @Test
  void aHangingSinkDelaysNeitherTheCallerNorTheOtherSinksAndDropsItsOldestEvents()
      throws Exception {
    Hanging hanging = new Hanging();
    Recording healthy = new Recording();
    Notifier.Policy policy =
        new Notifier.Policy(4, 3, Duration.ofSeconds(1), Duration.ofMinutes(1));
    try (Notifier n =
        start(
            policy, new Notifier.Route(hanging, Set.of()), new Notifier.Route(healthy, Set.of()))) {
      n.publish(event(EventKind.APPLIED, 1));
      assertThat(hanging.entered.await(GUARD.toSeconds(), TimeUnit.SECONDS)).isTrue();

      assertThat(healthy.deliveries.tryAcquire(GUARD.toSeconds(), TimeUnit.SECONDS)).isTrue();
      // the guard only turns a hang into a failure: publishing never waits, and the healthy sink
      // delivers each event while the hanging one is stuck on its first
      assertTimeoutPreemptively(
          GUARD,
          () -> {
            for (int i = 2; i <= 50; i++) {
              n.publish(event(EventKind.APPLIED, i));
              assertThat(healthy.deliveries.tryAcquire(GUARD.toSeconds(), TimeUnit.SECONDS))
                  .isTrue();
            }
          });
      assertThat(hanging.received).isEmpty();
      assertThat(n.counts().get("hanging").dropped()).isEqualTo(45);

      hanging.release.countDown();
      assertThat(n.awaitIdle(GUARD)).isTrue();
      assertThat(n.counts().get("hanging")).isEqualTo(new Notifier.Counts(5, 0, 45, 0));
    }
    assertThat(hanging.received)
        .extracting(Event::summary)
        .containsExactly("event 1", "event 47", "event 48", "event 49", "event 50");
    assertThat(healthy.received).hasSize(50);
  }
}
