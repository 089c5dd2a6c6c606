package dev.lockstep.check;

import dev.lockstep.finding.Findings;
import java.util.Objects;

/**
 * Whether one cluster of a revision may be applied: the findings of its scope (its own folder, the
 * channels it follows, the repository-wide files it reads) and whether any is an error. Findings of
 * other clusters never block it.
 *
 * @param cluster the cluster name
 * @param findings the findings of its scope
 */
public record ClusterVerdict(String cluster, Findings findings) {
  public ClusterVerdict {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(findings, "findings");
  }

  /** True when no finding of the scope is an error: the cluster may be applied. */
  public boolean clean() {
    return !findings.hasErrors();
  }
}
