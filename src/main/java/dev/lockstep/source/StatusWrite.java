package dev.lockstep.source;

import java.util.Objects;
import java.util.Optional;

/**
 * What writing a status file did.
 *
 * @param outcome committed, unchanged or disabled
 * @param commit the new commit, when one was pushed
 * @param attempts pushes tried (more than one when another writer pushed first)
 */
public record StatusWrite(Outcome outcome, Optional<String> commit, int attempts) {

  /** What happened. */
  public enum Outcome {
    /** A new commit was pushed. */
    COMMITTED,
    /** The file already held the same content (timestamps aside): nothing committed. */
    UNCHANGED,
    /** Status write-back is off. */
    DISABLED
  }

  public StatusWrite {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(commit, "commit");
  }
}
