package dev.lockstep.bump;

import dev.lockstep.finding.Findings;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One cluster's bump: the decision, the files it changes and what the check of the edited revision
 * found.
 *
 * @param decision the decision; its outcome is {@link Outcome#REFUSED} when the edit could not be
 *     made or failed validation
 * @param files the changed files (empty unless proposed)
 * @param findings the findings of the edited revision (empty when nothing was edited)
 * @param plan the cluster's plan of the edited revision, as Markdown, when there is one
 */
public record ClusterBump(
    Decision decision, List<FileChange> files, Findings findings, Optional<String> plan) {
  public ClusterBump {
    Objects.requireNonNull(decision, "decision");
    files = List.copyOf(files);
    Objects.requireNonNull(findings, "findings");
    Objects.requireNonNull(plan, "plan");
  }

  /** The cluster's name. */
  public String cluster() {
    return decision.cluster();
  }

  /** What it came to. */
  public Outcome outcome() {
    return decision.outcome();
  }
}
