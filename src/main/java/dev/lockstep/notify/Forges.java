package dev.lockstep.notify;

import dev.lockstep.forge.ForgeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** A platform error as a sink failure: retryable when the platform's reason is. */
final class Forges {
  private Forges() {}

  static SinkException failure(String sink, ForgeException e) {
    Optional<Duration> wait =
        e.retryAt().map(t -> Duration.between(Instant.now(), t)).filter(d -> !d.isNegative());
    return new SinkException(e.reason().retryable(), wait, sink + ": " + e.getMessage());
  }
}
