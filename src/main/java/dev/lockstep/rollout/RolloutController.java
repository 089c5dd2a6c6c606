package dev.lockstep.rollout;

import dev.lockstep.model.AutoupdateConfig;
import dev.lockstep.model.AutoupdateVersion;
import dev.lockstep.model.ClusterMaintenanceConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Teleport's rollout controller, one run ({@code tryReconcile}, teleport-semantics §5.3), as a pure
 * function: the resources, the existing rollout, the instant and the fleet in; the rollout Teleport
 * would write out. Never reads a clock, never writes to a cluster.
 */
public final class RolloutController {
  private RolloutController() {}

  /**
   * The resources the controller reads.
   *
   * @param config the autoupdate_config, or null
   * @param version the autoupdate_version, or null
   * @param maintenance the cluster_maintenance_config, or null
   */
  public record Sources(
      AutoupdateConfig config, AutoupdateVersion version, ClusterMaintenanceConfig maintenance) {

    /**
     * The spec a controller run would build, or null when there is no {@code version.spec.agents}.
     */
    public RolloutSpec spec() {
      return version == null || version.agents() == null
          ? null
          : RolloutSpec.from(config, version.agents());
    }

    /** The groups a new rollout would copy (teleport-semantics §5.4). */
    public List<GroupConfig> groups() {
      return GroupConfig.from(config, maintenance);
    }
  }

  /**
   * One run's outcome.
   *
   * @param rollout the rollout to store, or null when it is deleted or never created
   * @param reset true when the run created or reset the rollout
   * @param errors strategy errors (the status is still written, as Teleport does)
   */
  public record Reconciled(Rollout rollout, boolean reset, List<String> errors) {
    public Reconciled {
      errors = List.copyOf(errors);
    }
  }

  /**
   * Runs the controller once.
   *
   * @param sources the resources as stored
   * @param observed the existing rollout, or null
   * @param now the controller's clock reading (a {@code time_override} in the status wins for group
   *     progress; a reset always uses this instant as the rollout start)
   * @param fleet reports and inventory at {@code now}
   * @throws RolloutException when the spec cannot be built (empty version mode, unknown values)
   */
  public static Reconciled reconcile(Sources sources, Rollout observed, Instant now, Fleet fleet) {
    Objects.requireNonNull(now, "now");
    RolloutSpec spec = sources.spec();
    if (spec == null) {
      // no agents block: the rollout is deleted if it exists (teleport-semantics §5.3 step 2)
      return new Reconciled(null, false, List.of());
    }
    boolean reset = observed == null || spec.resets(observed.spec());
    RolloutStatus status = reset ? RolloutStatus.fresh(now) : observed.status();
    if (spec.schedule() == Schedule.IMMEDIATE) {
      return new Reconciled(new Rollout(spec, status.withGroups(List.of())), reset, List.of());
    }
    Instant effectiveNow = effectiveNow(status, now);
    if (status.groups().isEmpty()) {
      List<GroupStatus> created = new ArrayList<>();
      for (GroupConfig c : sources.groups()) {
        created.add(GroupStatus.created(c, effectiveNow));
      }
      status = status.withGroups(created);
    }
    StrategyResult result =
        RolloutStrategy.of(spec.strategy()).progress(spec, status, effectiveNow, fleet);
    return new Reconciled(
        new Rollout(spec, result.status().withComputedState()), reset, result.errors());
  }

  /** {@code time_override} when set and neither zero nor the Unix epoch, else {@code now}. */
  static Instant effectiveNow(RolloutStatus status, Instant now) {
    Instant o = status.timeOverride();
    return o == null || o.equals(Instant.EPOCH) ? now : o;
  }
}
