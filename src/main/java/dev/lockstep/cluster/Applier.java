package dev.lockstep.cluster;

import dev.lockstep.cluster.ApplyReport.Outcome;
import dev.lockstep.cluster.ApplyReport.ResourceResult;
import dev.lockstep.cluster.ApplyReport.Status;
import dev.lockstep.finding.Findings;
import dev.lockstep.finding.Severity;
import dev.lockstep.model.Resource;
import dev.lockstep.model.ResourceId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Applies one revision's resources to one target with the semantics of README "Apply semantics":
 *
 * <ul>
 *   <li>a revision with any error finding applies nothing (the findings include {@link
 *       TargetKind#check}: a kind the target cannot hold is an error, not a silent skip);
 *   <li>resources are written in {@link dev.lockstep.model.ResourceKind} declaration order ({@code
 *       cluster_maintenance_config}, {@code autoupdate_config}, {@code autoupdate_version}),
 *       because a rollout copies the groups when it is created (teleport-semantics §5.3);
 *   <li>only what differs from live is written; a live edit (drift) is a difference and is undone;
 *   <li>after the first failed write the later resources are skipped, reported as such, and every
 *       one of them is retried on the next run (the next diff still shows them);
 *   <li>a resource live but no longer in Git is left and reported, unless {@code prune}.
 * </ul>
 *
 * <p>Returns values; never prints, never persists status.
 */
public final class Applier {
  private final ClusterTarget target;
  private final TargetKind kind;

  /** An applier for one target of the given kind. */
  public Applier(ClusterTarget target, TargetKind kind) {
    this.target = Objects.requireNonNull(target, "target");
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /**
   * Desired against live for every resource the target manages. Reads the cluster, writes nothing.
   *
   * @param desired the cluster's resources from Git (non-Teleport kinds are ignored)
   * @throws TargetException when the target cannot be read
   */
  public ClusterDiff diff(Collection<Resource> desired, boolean prune) throws TargetException {
    Map<ResourceId, Resource> wanted = byId(desired);
    Map<ResourceId, Resource> live = target.observe(kind.managedIds());
    List<ResourceDiff> out = new ArrayList<>();
    wanted.forEach((id, r) -> out.add(SpecDiff.of(r, live.get(id))));
    live.forEach(
        (id, observed) -> {
          if (!wanted.containsKey(id)) {
            out.add(SpecDiff.removal(id, observed));
          }
        });
    return new ClusterDiff(target.name(), out, prune);
  }

  /**
   * Applies a revision.
   *
   * @param revision the source revision, for the report
   * @param desired the cluster's resources from Git
   * @param findings every finding of the revision so far (parse and validation)
   * @param dryRun compute and report the changes without writing
   * @param prune delete live resources that are no longer in Git
   * @return the report; never throws for a cluster failure (that is {@link Status#FAILED})
   */
  public ApplyReport apply(
      String revision,
      Collection<Resource> desired,
      Findings findings,
      boolean dryRun,
      boolean prune) {
    Findings all = findings.plus(kind.check(desired));
    if (all.hasErrors()) {
      Findings errors =
          Findings.of(all.stream().filter(f -> f.severity() == Severity.ERROR).toList());
      return new ApplyReport(
          revision,
          target.name(),
          Status.BLOCKED,
          List.of(),
          errors,
          "Revision "
              + revision
              + " has "
              + errors.size()
              + " error finding(s): nothing was applied");
    }
    ClusterDiff diff;
    try {
      diff = diff(desired, prune);
    } catch (TargetException e) {
      return new ApplyReport(
          revision,
          target.name(),
          Status.FAILED,
          List.of(),
          Findings.NONE,
          "Cannot read the " + target.name() + " target: " + e.getMessage());
    }
    Map<ResourceId, Resource> wanted = byId(desired);
    List<ResourceResult> results = new ArrayList<>();
    ResourceId failed = null;
    List<ResourceDiff> deletions = new ArrayList<>();
    for (ResourceDiff d : diff.resources()) {
      if (d.change() == ChangeKind.DELETE) {
        deletions.add(0, d); // delete in reverse apply order: the version before the config
        continue;
      }
      if (!d.isChange()) {
        results.add(result(d, Outcome.UNCHANGED, ""));
      } else if (failed != null) {
        results.add(
            result(
                d,
                Outcome.SKIPPED,
                "not attempted because " + failed + " failed; retried on the next run"));
      } else if (dryRun) {
        results.add(result(d, Outcome.WOULD_APPLY, ""));
      } else {
        try {
          ApplyOutcome o = target.apply(wanted.get(d.id()), false);
          results.add(
              new ResourceResult(
                  d.id(),
                  o.change(),
                  o.written() ? Outcome.APPLIED : Outcome.UNCHANGED,
                  o.fields(),
                  ""));
        } catch (TargetException e) {
          failed = d.id();
          results.add(result(d, Outcome.FAILED, e.getMessage()));
        }
      }
    }
    for (ResourceDiff d : deletions) {
      if (!prune) {
        results.add(
            result(d, Outcome.LEFT, "not in Git; left in the cluster (--prune deletes it)"));
      } else if (failed != null) {
        results.add(
            result(
                d,
                Outcome.SKIPPED,
                "not deleted because " + failed + " failed; retried on the next run"));
      } else if (dryRun) {
        results.add(result(d, Outcome.WOULD_APPLY, ""));
      } else {
        try {
          target.delete(d.id());
          results.add(result(d, Outcome.APPLIED, ""));
        } catch (TargetException e) {
          failed = d.id();
          results.add(result(d, Outcome.FAILED, e.getMessage()));
        }
      }
    }
    return verdict(revision, results);
  }

  private ApplyReport verdict(String revision, List<ResourceResult> results) {
    long failures = results.stream().filter(r -> r.outcome() == Outcome.FAILED).count();
    long applied = results.stream().filter(r -> r.outcome() == Outcome.APPLIED).count();
    long would = results.stream().filter(r -> r.outcome() == Outcome.WOULD_APPLY).count();
    Status status;
    String message;
    if (failures > 0) {
      status = Status.FAILED;
      message =
          "Applying revision "
              + revision
              + " failed for "
              + failures
              + " resource(s); "
              + applied
              + " applied; the rest is retried on the next run";
    } else if (would > 0) {
      status = Status.DRY_RUN;
      message = "Dry run of revision " + revision + ": " + would + " resource(s) would change";
    } else if (applied > 0) {
      status = Status.APPLIED;
      message = "Applied revision " + revision + ": " + applied + " resource(s) changed";
    } else {
      status = Status.UNCHANGED;
      message = "Revision " + revision + " is already applied";
    }
    return new ApplyReport(revision, target.name(), status, results, Findings.NONE, message);
  }

  private static ResourceResult result(ResourceDiff d, Outcome outcome, String message) {
    return new ResourceResult(
        d.id(), d.change(), outcome, d.fields(), message == null ? "" : message);
  }

  private static Map<ResourceId, Resource> byId(Collection<Resource> desired) {
    Map<ResourceId, Resource> out = new TreeMap<>();
    for (Resource r : desired) {
      if (r.kind().isTeleport()) {
        out.putIfAbsent(r.id(), r);
      }
    }
    return out;
  }
}
