package dev.lockstep.reconcile;

import dev.lockstep.model.SourceTree;
import dev.lockstep.source.GitSource;
import dev.lockstep.source.Revision;
import dev.lockstep.source.SourceException;
import dev.lockstep.source.StatusSettings;
import dev.lockstep.source.Verification;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The source step: polls the followed ref, reads trees and verifies signatures. Failures come back
 * as {@link StepFailure}s typed by whether retrying can help.
 */
final class SourceStep {
  /**
   * One poll.
   *
   * @param revision the head read, when the poll succeeded
   * @param fetch how long the fetch took
   * @param failure why the poll failed, if it did
   */
  record Polled(Optional<Revision> revision, Duration fetch, Optional<StepFailure> failure) {}

  private final GitSource source;
  private final StatusSettings statusSettings;
  private final boolean verifySignatures;
  private final LongSupplier nanos;

  SourceStep(
      GitSource source,
      StatusSettings statusSettings,
      boolean verifySignatures,
      LongSupplier nanos) {
    this.source = Objects.requireNonNull(source, "source");
    this.statusSettings = Objects.requireNonNull(statusSettings, "statusSettings");
    this.verifySignatures = verifySignatures;
    this.nanos = Objects.requireNonNull(nanos, "nanos");
  }

  /** Fetches the ref; never throws. */
  Polled poll() {
    long t0 = nanos.getAsLong();
    try {
      Revision r = source.poll().revision();
      return new Polled(Optional.of(r), since(t0), Optional.empty());
    } catch (SourceException e) {
      return new Polled(Optional.empty(), since(t0), Optional.of(failure(e)));
    }
  }

  private Duration since(long t0) {
    return Duration.ofNanos(nanos.getAsLong() - t0);
  }

  /** True when the commits since the last one read touch only Lockstep's status files. */
  boolean onlyStatusChanges(Revision revision) throws StepFailure {
    try {
      return source.onlyStatusChanges(revision, statusSettings);
    } catch (SourceException e) {
      throw failure(e);
    }
  }

  /** The revision's files. */
  SourceTree tree(Revision revision) throws StepFailure {
    try {
      return source.tree(revision);
    } catch (SourceException e) {
      throw failure(e);
    }
  }

  /** The signature check, or a skipped one when signatures are not verified. */
  Verification verify(Revision revision) {
    return verifySignatures ? source.verify(revision) : Verification.skipped(revision.commit());
  }

  /** A Git failure as a step failure: transient when retrying can help, else stalled. */
  static StepFailure failure(SourceException e) {
    String reason = e.reason().conditionReason();
    return e.reason().retryable()
        ? new StepFailure.Transient(reason, e.getMessage())
        : new StepFailure.Stalled(reason, e.getMessage());
  }
}
