package dev.lockstep.cluster;

import dev.lockstep.finding.Findings;
import dev.lockstep.model.ResourceId;
import java.util.List;
import java.util.Objects;

/**
 * The result of applying one revision to one target: a value the caller persists or prints. A
 * failed resource stays failed here (never hidden) and is retried on the next run, because the next
 * diff still shows it.
 *
 * @param revision the source revision that was applied
 * @param target the target's name
 * @param status the overall verdict
 * @param results one entry per resource, in the order they were handled
 * @param blocking the error findings that stopped the apply ({@link Status#BLOCKED}), else none
 * @param message a human sentence summarising the verdict
 */
public record ApplyReport(
    String revision,
    String target,
    Status status,
    List<ResourceResult> results,
    Findings blocking,
    String message) {

  /** The overall verdict. */
  public enum Status {
    /** Everything was already as desired; nothing was written. */
    UNCHANGED,
    /** Every change was written (and, on the operator, reconciled). */
    APPLIED,
    /** A dry run that found changes; nothing was written. */
    DRY_RUN,
    /** The revision has error findings: nothing was applied. */
    BLOCKED,
    /** The target could not be read, or at least one write failed. */
    FAILED
  }

  /** What happened to one resource. */
  public enum Outcome {
    /** Desired equals live. */
    UNCHANGED,
    /** Created, updated or deleted. */
    APPLIED,
    /** Would be created, updated or deleted (dry run). */
    WOULD_APPLY,
    /** Live but not in Git, kept because pruning is off. */
    LEFT,
    /** The write failed; see the message. Retried on the next run. */
    FAILED,
    /**
     * Not attempted because an earlier resource failed (apply order matters, teleport-semantics
     * §5.3).
     */
    SKIPPED
  }

  /**
   * One resource's result.
   *
   * @param id the resource
   * @param change what the diff asked for
   * @param outcome what happened
   * @param fields the differing fields before the write
   * @param message human detail ("" when there is nothing to add)
   */
  public record ResourceResult(
      ResourceId id, ChangeKind change, Outcome outcome, List<FieldChange> fields, String message) {
    public ResourceResult {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(change, "change");
      Objects.requireNonNull(outcome, "outcome");
      fields = List.copyOf(fields);
      Objects.requireNonNull(message, "message");
    }
  }

  public ApplyReport {
    Objects.requireNonNull(revision, "revision");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(status, "status");
    results = List.copyOf(results);
    Objects.requireNonNull(blocking, "blocking");
    Objects.requireNonNull(message, "message");
  }

  /** The results whose write failed. */
  public List<ResourceResult> failures() {
    return results.stream().filter(r -> r.outcome() == Outcome.FAILED).toList();
  }
}
