package dev.lockstep.source;

import java.util.Objects;

/**
 * What a poll found.
 *
 * @param revision the current head of the followed ref
 * @param changed false when the head is the one seen last time (nothing was fetched)
 */
public record PollResult(Revision revision, boolean changed) {
  public PollResult {
    Objects.requireNonNull(revision, "revision");
  }
}
