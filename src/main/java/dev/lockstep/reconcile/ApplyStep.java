package dev.lockstep.reconcile;

import dev.lockstep.cluster.Applier;
import dev.lockstep.cluster.ApplyOutcome;
import dev.lockstep.cluster.ApplyReport;
import dev.lockstep.cluster.ChangeKind;
import dev.lockstep.cluster.ClusterTarget;
import dev.lockstep.cluster.TargetException;
import dev.lockstep.model.ClusterSource;
import dev.lockstep.model.Resource;
import dev.lockstep.model.ResourceId;
import dev.lockstep.model.ResourceKind;
import dev.lockstep.reconcile.ReconcileReport.Result;
import dev.lockstep.reconcile.StatusDocument.AppliedResource;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * The apply step: writes a validated revision to the cluster (a new revision always, drift of the
 * applied one when self-heal is on, nothing while suspended or not the leader) and returns what
 * changed as an {@link Applied}; the run's outcome is {@link Applied#outcome}.
 */
final class ApplyStep {
  private static final System.Logger LOG = System.getLogger(ApplyStep.class.getName());

  /**
   * One apply.
   *
   * @param evaluation the revision applied
   * @param target the target it went to, stamped with the revision
   * @param newRevision true when it is not the revision last applied
   * @param writes true when writes were allowed (not suspended, the leader)
   * @param dryRun true when nothing was written
   * @param changed one line per resource changed (or that would change)
   * @param resources what was applied, for the status
   * @param failure why the apply failed, if it did
   * @param clusterProblem why the cluster could not be written, if it could not
   */
  record Applied(
      Evaluation evaluation,
      ClusterTarget target,
      boolean newRevision,
      boolean writes,
      boolean dryRun,
      List<String> changed,
      List<AppliedResource> resources,
      Optional<StepFailure> failure,
      Optional<String> clusterProblem) {

    /** True when this apply wrote a new revision: the status records it as applied. */
    boolean recorded() {
      return failure.isEmpty() && newRevision && writes;
    }

    /** The run's outcome when this is the head revision. */
    RunOutcome outcome(boolean suspended) {
      if (failure.isPresent()) {
        return RunOutcome.failed(failure.get());
      }
      String label = evaluation.label();
      if (!writes) {
        return RunOutcome.succeeded(
                Result.SUSPENDED,
                Reconciler.SUSPENDED,
                (suspended ? "Suspended" : "Not the leader")
                    + ": read "
                    + label
                    + ", "
                    + changed.size()
                    + " change(s) pending, nothing written to the "
                    + target.name()
                    + " target")
            .with(List.of(), newRevision ? List.of() : changed, changed);
      }
      if (newRevision) {
        changed.forEach(
            c -> LOG.log(Level.INFO, "applied {0} to the {1} target", c, target.name()));
        // the message stays the same on the next, unchanged run: the status is not committed again
        return RunOutcome.succeeded(
                changed.isEmpty() ? Result.UNCHANGED : Result.APPLIED,
                Reconciler.SUCCEEDED,
                "Applied revision " + label)
            .with(changed, List.of(), List.of());
      }
      if (changed.isEmpty()) {
        return RunOutcome.succeeded(
            Result.UNCHANGED, Reconciler.SUCCEEDED, "Applied revision " + label);
      }
      if (dryRun) {
        LOG.log(Level.WARNING, "drift left (self-heal off): {0}", changed);
        return RunOutcome.succeeded(
                Result.DRIFT_DETECTED,
                Reconciler.DRIFT_DETECTED,
                "Live differs from "
                    + label
                    + ", left (self-heal off): "
                    + String.join("; ", changed))
            .with(List.of(), changed, List.of());
      }
      LOG.log(Level.INFO, "corrected drift: {0}", changed);
      return RunOutcome.succeeded(
              Result.DRIFT_CORRECTED,
              Reconciler.DRIFT_CORRECTED,
              "Corrected drift back to " + label + ": " + String.join("; ", changed))
          .with(changed, changed, List.of());
    }

    /** The drift of the revision in force, healed under a bad head (logged, never failing). */
    List<String> healed() {
      if (failure.isPresent()) {
        LOG.log(
            Level.WARNING,
            "cannot check drift of {0}: {1}",
            evaluation.label(),
            failure.get().getMessage());
        return List.of();
      }
      if (!changed.isEmpty()) {
        LOG.log(
            dryRun ? Level.WARNING : Level.INFO,
            "{0} drift of {1}: {2}",
            dryRun ? "left" : "corrected",
            evaluation.label(),
            changed);
      }
      return changed;
    }
  }

  private final ClusterTarget target;
  private final ReconcileSettings settings;
  private final BooleanSupplier mayWrite;

  ApplyStep(ClusterTarget target, ReconcileSettings settings, BooleanSupplier mayWrite) {
    this.target = Objects.requireNonNull(target, "target");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.mayWrite = Objects.requireNonNull(mayWrite, "mayWrite");
  }

  /** The target's name, for messages. */
  String targetName() {
    return target.name();
  }

  /**
   * With a head refused for its signature or its findings, the revision in force still gets its
   * drift corrected (or reported); empty when there is none or the head names no cluster.
   */
  Optional<Applied> heal(
      StepFailure refusal,
      Optional<Evaluation> good,
      Optional<String> appliedCommit,
      boolean suspended,
      boolean hold) {
    if (refusal.reason().equals(StepFailure.CLUSTER_NOT_FOUND)) {
      return Optional.empty();
    }
    return good.filter(g -> g.cluster().isPresent())
        .map(g -> apply(g, appliedCommit, suspended, hold, false));
  }

  /**
   * Applies {@code ev} (which has a cluster).
   *
   * @param appliedCommit the commit last applied, if any
   * @param suspended true while writes are suspended
   * @param hold true while a halt holds: the {@code autoupdate_config} is applied with {@code
   *     spec.agents.mode: suspended} whatever the revision says
   * @param haltNow true on the run that halts: the suspend is written even with self-heal off
   */
  Applied apply(
      Evaluation ev,
      Optional<String> appliedCommit,
      boolean suspended,
      boolean hold,
      boolean haltNow) {
    ClusterSource cluster = ev.cluster().orElseThrow();
    boolean newRevision = !appliedCommit.equals(Optional.of(ev.commit()));
    boolean writes = !suspended && mayWrite.getAsBoolean();
    boolean dryRun = !writes || (!newRevision && !settings.selfHeal() && !haltNow);
    List<Resource> desired =
        hold
            ? cluster.resources().stream().map(ApplyStep::suspended).toList()
            : cluster.resources();
    ClusterTarget t = target.forRevision(ev.label());
    ApplyReport report =
        new Applier(new GatedTarget(t, mayWrite), settings.targetKind())
            .apply(ev.label(), desired, ev.findings(), dryRun, settings.prune());
    List<String> changed = new ArrayList<>();
    for (ApplyReport.ResourceResult r : report.results()) {
      if (r.outcome() == ApplyReport.Outcome.APPLIED
          || r.outcome() == ApplyReport.Outcome.WOULD_APPLY) {
        String fields =
            r.change() == ChangeKind.CREATE
                ? ""
                : r.fields().stream().map(f -> f.path()).limit(5).collect(Collectors.joining(", "))
                    + (r.fields().size() > 5 ? ", ..." : "");
        changed.add(
            r.change().label() + " " + r.id() + (fields.isEmpty() ? "" : " (" + fields + ")"));
      }
    }
    Optional<StepFailure> failure = Optional.empty();
    Optional<String> problem = Optional.empty();
    if (report.status() == ApplyReport.Status.FAILED) {
      problem = Optional.of(report.message());
      String detail =
          report.failures().stream()
              .map(f -> f.id() + ": " + f.message())
              .collect(Collectors.joining("; "));
      failure =
          Optional.of(
              new StepFailure.Transient(
                  report.failures().isEmpty()
                      ? StepFailure.CLUSTER_UNAVAILABLE
                      : StepFailure.APPLY_FAILED,
                  report.failures().isEmpty()
                      ? report.message()
                      : "Applying " + ev.label() + " failed: " + detail));
    }
    List<AppliedResource> resources =
        report.results().stream()
            .filter(r -> r.outcome() != ApplyReport.Outcome.LEFT)
            .map(
                r ->
                    new AppliedResource(
                        r.id().kind().kind(),
                        r.id().name(),
                        r.change().label(),
                        sourceFile(cluster, r.id())))
            .toList();
    return new Applied(ev, t, newRevision, writes, dryRun, changed, resources, failure, problem);
  }

  /** True when the revision itself suspends agent updates. */
  static boolean suspends(Evaluation ev) {
    return ev.cluster()
        .flatMap(c -> c.find(ResourceKind.AUTOUPDATE_CONFIG))
        .flatMap(r -> r.at("spec.agents.mode"))
        .map(m -> m.equals("suspended"))
        .orElse(false);
  }

  /** The {@code autoupdate_config} with {@code spec.agents.mode: suspended}; others unchanged. */
  private static Resource suspended(Resource r) {
    if (r.kind() != ResourceKind.AUTOUPDATE_CONFIG) {
      return r;
    }
    Map<String, Object> doc = new LinkedHashMap<>(r.document());
    Map<String, Object> spec = copy(doc.get("spec"));
    Map<String, Object> agents = copy(spec.get("agents"));
    agents.put("mode", "suspended");
    spec.put("agents", agents);
    doc.put("spec", spec);
    return new Resource(
        r.kind(), r.name(), doc, r.origin(), r.positions(), r.wellFormed(), r.misspelt());
  }

  private static Map<String, Object> copy(Object map) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (map instanceof Map<?, ?> m) {
      m.forEach((k, v) -> out.put(String.valueOf(k), v));
    }
    return out;
  }

  private static String sourceFile(ClusterSource cluster, ResourceId id) {
    return cluster.resources().stream()
        .filter(r -> r.id().equals(id))
        .findFirst()
        .map(Resource::file)
        .orElse("");
  }

  /**
   * Refuses writes the moment {@code mayWrite} turns false (lost lease), between two resources too.
   */
  private record GatedTarget(ClusterTarget delegate, BooleanSupplier mayWrite)
      implements ClusterTarget {
    @Override
    public String name() {
      return delegate.name();
    }

    @Override
    public Map<ResourceId, Resource> observe(Set<ResourceId> ids) throws TargetException {
      return delegate.observe(ids);
    }

    @Override
    public ApplyOutcome apply(Resource desired, boolean dryRun) throws TargetException {
      if (!dryRun && !mayWrite.getAsBoolean()) {
        throw new TargetException(
            TargetException.Reason.REJECTED, "write refused: this replica is no longer the leader");
      }
      return delegate.apply(desired, dryRun);
    }

    @Override
    public void delete(ResourceId id) throws TargetException {
      if (!mayWrite.getAsBoolean()) {
        throw new TargetException(
            TargetException.Reason.REJECTED,
            "delete refused: this replica is no longer the leader");
      }
      delegate.delete(id);
    }
  }
}
