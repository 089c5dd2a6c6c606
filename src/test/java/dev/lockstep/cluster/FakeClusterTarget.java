package dev.lockstep.cluster;

import dev.lockstep.model.Resource;
import dev.lockstep.model.ResourceId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An in-memory {@link ClusterTarget} (for tests): keeps live resources in a map, records every
 * write and delete in order, and fails the next N writes of a resource on request.
 */
public final class FakeClusterTarget implements ClusterTarget {
  private final Map<ResourceId, Resource> live = new TreeMap<>();
  private final Map<ResourceId, Integer> failNext = new HashMap<>();

  /** Every write ("apply kind/name") and delete ("delete kind/name"), in order. */
  public final List<String> calls = new ArrayList<>();

  private boolean unreachable;

  @Override
  public String name() {
    return "fake";
  }

  /** Puts a resource live, as if someone had created it. */
  public void put(Resource r) {
    live.put(r.id(), r);
  }

  /** The live resource, or null. */
  public Resource get(ResourceId id) {
    return live.get(id);
  }

  /** The next {@code times} writes of {@code id} fail. */
  public void failWrites(ResourceId id, int times) {
    failNext.put(id, times);
  }

  /** Every call fails as if the cluster were down. */
  public void setUnreachable(boolean unreachable) {
    this.unreachable = unreachable;
  }

  @Override
  public Map<ResourceId, Resource> observe(Set<ResourceId> ids) throws TargetException {
    check();
    Map<ResourceId, Resource> out = new TreeMap<>();
    ids.forEach(
        id -> {
          if (live.containsKey(id)) {
            out.put(id, live.get(id));
          }
        });
    return out;
  }

  @Override
  public ApplyOutcome apply(Resource desired, boolean dryRun) throws TargetException {
    check();
    ResourceDiff diff = SpecDiff.of(desired, live.get(desired.id()));
    if (!diff.isChange() || dryRun) {
      return ApplyOutcome.of(diff, false);
    }
    calls.add("apply " + desired.id());
    int failures = failNext.getOrDefault(desired.id(), 0);
    if (failures > 0) {
      failNext.put(desired.id(), failures - 1);
      throw new TargetException(
          TargetException.Reason.REJECTED, "injected failure writing " + desired.id());
    }
    live.put(desired.id(), desired);
    return ApplyOutcome.of(diff, true);
  }

  @Override
  public void delete(ResourceId id) throws TargetException {
    check();
    calls.add("delete " + id);
    live.remove(id);
  }

  private void check() throws TargetException {
    if (unreachable) {
      throw new TargetException(TargetException.Reason.UNREACHABLE, "fake cluster is down");
    }
  }
}
