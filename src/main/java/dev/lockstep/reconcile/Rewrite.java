package dev.lockstep.reconcile;

import dev.lockstep.source.Revision;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A history rewrite of the followed ref (a force push): the head moved to a commit that does not
 * descend from the one seen before, for example a rollback by {@code git reset} and {@code push
 * --force}. It stands in the status until the ref moves on.
 *
 * @param previous the head seen before (40 hex)
 * @param commit the head after the rewrite (40 hex)
 * @param at the run that saw it
 */
public record Rewrite(String previous, String commit, Instant at) {

  public Rewrite {
    Objects.requireNonNull(previous, "previous");
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(at, "at");
  }

  /**
   * The rewrite that stands after polling {@code revision}: a new one when the poll found one, the
   * standing one while the head is still its commit, none once the ref has moved on.
   */
  public static Optional<Rewrite> after(
      Optional<Rewrite> standing, Revision revision, Instant now) {
    if (standing.isPresent() && standing.get().commit().equals(revision.commit())) {
      return standing;
    }
    if (revision.rewritten() && revision.previous().isPresent()) {
      return Optional.of(new Rewrite(revision.previous().get(), revision.commit(), now));
    }
    return Optional.empty();
  }

  /** One sentence for the log and the status, naming both revisions. */
  public String sentence(String ref) {
    return ref
        + " was rewritten (force push): its head moved from "
        + previous.substring(0, 8)
        + " to "
        + commit.substring(0, 8)
        + ", which does not descend from it";
  }
}
