package dev.lockstep.cluster;

import dev.lockstep.model.ResourceId;
import java.util.List;
import java.util.Objects;

/**
 * What {@link ClusterTarget#apply} did (or, in a dry run, would do) to one resource.
 *
 * @param id the resource
 * @param change {@link ChangeKind#CREATE}, {@link ChangeKind#UPDATE} or {@link ChangeKind#NOOP}
 * @param fields the fields that differed before the write, in path order
 * @param written false for a dry run or a no-op
 */
public record ApplyOutcome(
    ResourceId id, ChangeKind change, List<FieldChange> fields, boolean written) {
  public ApplyOutcome {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(change, "change");
    fields = List.copyOf(fields);
  }

  /** The outcome for a diff, written or not. */
  static ApplyOutcome of(ResourceDiff diff, boolean written) {
    return new ApplyOutcome(
        diff.id(), diff.change(), diff.fields(), written && diff.change() != ChangeKind.NOOP);
  }
}
