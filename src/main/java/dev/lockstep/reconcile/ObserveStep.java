package dev.lockstep.reconcile;

import dev.lockstep.cluster.ClusterTarget;
import dev.lockstep.cluster.TargetException;
import dev.lockstep.observe.Observation;
import dev.lockstep.observe.ObservationSource;
import dev.lockstep.observe.Sample;
import dev.lockstep.rollout.Rollout;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The observe step: the live rollout and agent reports, where the target can read them. */
final class ObserveStep {
  private static final System.Logger LOG = System.getLogger(ObserveStep.class.getName());

  /**
   * One observation.
   *
   * @param observation what was read; empty when the target cannot read the rollout or the read
   *     failed
   * @param problem why the read failed, if it did
   */
  record Observed(Optional<Observation> observation, Optional<String> problem) {
    static final Observed NOTHING = new Observed(Optional.empty(), Optional.empty());

    /**
     * The sample of this observation: as read, or a failed one (inconclusive for every check) when
     * the read failed; empty when the target cannot read the rollout at all.
     */
    Optional<Sample> sample(Instant at) {
      return observation
          .map(Sample::of)
          .or(() -> problem.map(p -> Sample.failed(at, ObservationSource.TCTL, p)));
    }

    /** The rollout for the status: as read, else {@code last} (a failed read keeps it). */
    Optional<StatusDocument.Rollout> rollout(Optional<StatusDocument.Rollout> last) {
      return observation.isPresent() ? observation.get().rollout().map(ObserveStep::status) : last;
    }
  }

  private ObserveStep() {}

  /** Reads the live rollout of the schedule's {@code groups}; never throws. */
  static Observed observe(ClusterTarget t, Instant now, List<String> groups) {
    try {
      return new Observed(t.observeRollout(now, groups), Optional.empty());
    } catch (TargetException e) {
      LOG.log(Level.WARNING, "cannot read the live rollout: {0}", e.getMessage());
      return new Observed(Optional.empty(), Optional.of(e.getMessage()));
    }
  }

  private static StatusDocument.Rollout status(Rollout r) {
    return new StatusDocument.Rollout(
        r.status().state().label(),
        r.spec().startVersion(),
        r.spec().targetVersion(),
        r.spec().strategy().label(),
        Optional.ofNullable(r.status().startTime()),
        r.status().groups().stream()
            .map(
                g ->
                    new StatusDocument.Group(
                        g.name(),
                        g.state().label(),
                        g.lastUpdateReason(),
                        Optional.ofNullable(g.startTime()),
                        g.initialCount(),
                        g.presentCount(),
                        g.upToDateCount()))
            .toList());
  }
}
