package dev.lockstep.reconcile;

import dev.lockstep.cluster.ClusterTarget;
import dev.lockstep.halt.HaltOutcome;
import dev.lockstep.halt.HaltRequest;
import dev.lockstep.health.Assessment;
import dev.lockstep.health.Decision;
import dev.lockstep.health.HealthChecks;
import dev.lockstep.observe.Sample;
import dev.lockstep.observe.SampleHistory;
import dev.lockstep.rollout.GroupTimeline;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The observe, assess and halt steps of every run (teleport-semantics §5): reads the live rollout
 * ({@link ObserveStep}), appends its sample to the bounded history, judges the history with the
 * cluster's {@code spec.halt} checks, and, on the leader, halts a rollout whose check failed {@code
 * failure_limit} consecutive samples with action {@code suspend}: through the {@link Halter} once
 * per cluster and rollout, the suspend held until Git itself says suspended. Inconclusive data
 * never halts; nothing here ever resumes.
 */
final class WatchStep {
  private static final System.Logger LOG = System.getLogger(WatchStep.class.getName());

  /**
   * What the run saw of the rollout.
   *
   * @param observed the observation
   * @param history the sample history with this run's sample
   * @param assessment the checks' verdicts, when there is a sample
   * @param halt the halt of the current rollout (made now or before), if any
   * @param haltedNow true when this run made the halt: the suspend is applied at once
   */
  record Watched(
      ObserveStep.Observed observed,
      SampleHistory history,
      Optional<Assessment> assessment,
      Optional<StatusDocument.Halt> halt,
      boolean haltedNow) {}

  private final ClusterTarget target;
  private final Halter halter;

  WatchStep(ClusterTarget target, Halter halter) {
    this.target = Objects.requireNonNull(target, "target");
    this.halter = Objects.requireNonNull(halter, "halter");
  }

  /**
   * Observes, assesses and (when {@code leader}) halts.
   *
   * @param good the revision in force: its cluster's checks and schedule
   * @param history the samples so far
   * @param halt the halt recorded so far, if any
   */
  Watched watch(
      Evaluation good,
      SampleHistory history,
      Optional<StatusDocument.Halt> halt,
      Instant now,
      boolean leader) {
    List<String> groups =
        good.plan()
            .map(p -> p.groups().stream().map(GroupTimeline::name).toList())
            .orElse(List.of());
    ObserveStep.Observed seen = ObserveStep.observe(target, now, groups);
    Optional<Sample> sample = seen.sample(now);
    if (sample.isEmpty()) {
      return new Watched(seen, history, Optional.empty(), halt, false);
    }
    SampleHistory next = history.append(sample.get(), SampleHistory.Bounds.DEFAULT);
    String cluster = good.cluster().orElseThrow().name();
    Assessment assessment = HealthChecks.of(good.cluster().get().haltSpec()).assess(next, now);
    Optional<Decision> halting =
        assessment.decisions().stream().filter(Decision::halts).findFirst();
    Optional<HaltRequest> request = halting.flatMap(d -> request(cluster, d, sample.get(), now));
    if (request.isEmpty()
        || !leader
        || halt.map(h -> h.key().equals(request.get().key())).orElse(false)) {
      return new Watched(seen, next, Optional.of(assessment), halt, false);
    }
    return new Watched(
        seen, next, Optional.of(assessment), Optional.of(halt(request.get(), now)), true);
  }

  private static Optional<HaltRequest> request(
      String cluster, Decision d, Sample sample, Instant now) {
    return sample
        .rollout()
        .filter(r -> r.startTime() != null)
        .map(
            r ->
                new HaltRequest(
                    cluster,
                    d.check(),
                    d.group(),
                    d.evidence(),
                    r.targetVersion(),
                    r.startTime(),
                    now));
  }

  private StatusDocument.Halt halt(HaltRequest r, Instant now) {
    String outcome;
    Optional<String> commit = Optional.empty();
    String message;
    boolean holding = true;
    try {
      HaltOutcome o = halter.halt(r, now);
      outcome = o.kind().name().toLowerCase(Locale.ROOT);
      commit = o.commit();
      message = o.message() + o.pullRequest().map(p -> "; halt pull request " + p).orElse("");
      holding = o.kind() != HaltOutcome.Kind.ALREADY_SUSPENDED;
    } catch (Halter.Failed e) {
      outcome = "failed";
      message = "halt not committed (" + e.getMessage() + "); the suspend is applied and held";
    }
    LOG.log(
        Level.WARNING,
        "halted rollout {0}: {1} failed on {2}: {3}; {4}",
        r.key(),
        r.check(),
        r.group().isEmpty() ? "the rollout" : "group " + r.group(),
        r.evidence(),
        message);
    return new StatusDocument.Halt(
        r.key(), r.check(), r.group(), r.evidence(), outcome, commit, message, now, holding);
  }
}
