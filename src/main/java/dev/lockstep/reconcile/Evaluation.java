package dev.lockstep.reconcile;

import dev.lockstep.finding.Findings;
import dev.lockstep.model.ClusterSource;
import dev.lockstep.model.DesiredState;
import dev.lockstep.plan.Plan;
import dev.lockstep.source.Revision;
import dev.lockstep.source.Verification;
import java.util.Optional;
import java.util.Set;

/**
 * One revision read, checked and planned: what the check and plan steps return.
 *
 * @param revision the revision read
 * @param verification its signature check
 * @param state what it declares
 * @param cluster this instance's cluster in it, if it could be selected
 * @param findings the findings of this cluster's scope
 * @param otherFindings the one line counting other clusters' findings, if any
 * @param cleanChannels the channels without an error in their scope
 * @param plan the rollout plan, when the revision validated and could be planned
 * @param clusterProblem why no cluster could be selected, if none
 * @param inputs what the plan was computed from
 */
record Evaluation(
    Revision revision,
    Verification verification,
    DesiredState state,
    Optional<ClusterSource> cluster,
    Findings findings,
    Optional<String> otherFindings,
    Set<String> cleanChannels,
    Optional<Plan> plan,
    Optional<String> clusterProblem,
    Optional<PlanInputs> inputs) {

  String label() {
    return revision.label();
  }

  boolean valid() {
    return !findings.hasErrors() && cluster.isPresent() && verification.usable();
  }

  String commit() {
    return revision.commit();
  }
}
