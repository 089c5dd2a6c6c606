package dev.lockstep.cluster;

import dev.lockstep.model.ResourceId;
import java.util.List;
import java.util.Objects;

/**
 * Desired against observed for one resource: a decision value, computed without touching the
 * cluster.
 *
 * @param id the resource
 * @param change what a write would do
 * @param fields the differing fields, in path order (empty for {@link ChangeKind#NOOP})
 * @param source the repository file of the desired resource, or "" when it is not in Git
 */
public record ResourceDiff(
    ResourceId id, ChangeKind change, List<FieldChange> fields, String source) {
  public ResourceDiff {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(source, "source");
    fields = List.copyOf(fields);
  }

  /** True unless desired and observed are equal. */
  public boolean isChange() {
    return change != ChangeKind.NOOP;
  }
}
