package dev.lockstep.bump;

import java.util.Comparator;
import java.util.List;

/**
 * Every selected cluster's bump, sorted by cluster name.
 *
 * @param clusters one entry per cluster
 */
public record BumpReport(List<ClusterBump> clusters) {
  public BumpReport {
    clusters = clusters.stream().sorted(Comparator.comparing(ClusterBump::cluster)).toList();
  }

  /** The most serious outcome of any cluster ({@link Outcome} order), {@code NOTHING} if none. */
  public Outcome outcome() {
    return clusters.stream()
        .map(ClusterBump::outcome)
        .max(Comparator.naturalOrder())
        .orElse(Outcome.NOTHING);
  }
}
