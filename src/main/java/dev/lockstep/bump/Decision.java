package dev.lockstep.bump;

import dev.lockstep.model.Version;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Decider} decided for one cluster, with every step that led there.
 *
 * @param cluster the cluster's name
 * @param outcome {@link Outcome#PROPOSED}, {@link Outcome#NOTHING} or {@link Outcome#CANNOT_RUN}
 *     (the edit check may later turn a proposal into {@link Outcome#REFUSED})
 * @param current the current agents target, if any
 * @param proposed the version to move to, when proposed
 * @param ceiling the control plane's version, when known
 * @param candidates the GA releases newer than {@code current} and at most one major ahead, newest
 *     first
 * @param steps the decision's steps in order
 * @param reason one sentence: why this outcome
 * @param promotion the evidence from the {@code promote_from} cluster, when it was consulted
 */
public record Decision(
    String cluster,
    Outcome outcome,
    Optional<Version> current,
    Optional<Version> proposed,
    Optional<Ceiling> ceiling,
    List<Candidate> candidates,
    List<Step> steps,
    String reason,
    Optional<Promotion> promotion) {

  /**
   * What the cluster a version is promoted from shows.
   *
   * @param from that cluster
   * @param version the target of its latest rollout, "" when it has none
   * @param doneSince since when that rollout has been done without a halt, if it is
   * @param soakEnds when the promotion soak ends, if the rollout is done
   * @param commit the status commit that first showed it done, or ""
   */
  public record Promotion(
      String from,
      String version,
      Optional<Instant> doneSince,
      Optional<Instant> soakEnds,
      String commit) {
    public Promotion {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(doneSince, "doneSince");
      Objects.requireNonNull(soakEnds, "soakEnds");
      Objects.requireNonNull(commit, "commit");
    }
  }

  public Decision {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(current, "current");
    Objects.requireNonNull(proposed, "proposed");
    Objects.requireNonNull(ceiling, "ceiling");
    candidates = List.copyOf(candidates);
    steps = List.copyOf(steps);
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(promotion, "promotion");
  }

  /** The same decision with another outcome and reason (an edit refused by validation). */
  public Decision withOutcome(Outcome o, String why) {
    return new Decision(
        cluster,
        o,
        current,
        o == Outcome.PROPOSED ? proposed : Optional.empty(),
        ceiling,
        candidates,
        steps,
        why,
        promotion);
  }
}
