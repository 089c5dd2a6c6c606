package dev.lockstep.cluster;

import java.util.List;

/**
 * Desired against live for every resource a target manages, in apply order: what {@code lockstep
 * diff} prints and what drift detection compares. Resources live but not in Git are {@link
 * ChangeKind#DELETE} entries; they count as a change only when {@code prune} is on.
 *
 * @param target the target's name
 * @param resources one entry per desired or live resource
 * @param prune whether resources missing from Git would be deleted
 */
public record ClusterDiff(String target, List<ResourceDiff> resources, boolean prune) {
  public ClusterDiff {
    resources = List.copyOf(resources);
  }

  /** True when applying would write or delete anything. */
  public boolean hasChanges() {
    return resources.stream().anyMatch(this::counts);
  }

  /** True when this entry would be written or deleted. */
  public boolean counts(ResourceDiff d) {
    return d.change() == ChangeKind.DELETE ? prune : d.isChange();
  }
}
