package dev.lockstep.check;

import dev.lockstep.finding.Findings;
import dev.lockstep.model.ClusterSource;
import dev.lockstep.model.DesiredState;
import dev.lockstep.parse.ParseResult;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What {@link RevisionCheck} found in one revision.
 *
 * @param parsed the parsed revision (state and parse findings)
 * @param findings every finding of the revision: parse, Teleport, compatibility, base-revision,
 *     channel, policy and target findings
 * @param selected the cluster chosen by a {@link ClusterSelection#one} selection, if one could be
 * @param selectionProblem why no cluster could be chosen, in the one wording of {@link
 *     DesiredState#select}; empty when one was, or for {@link ClusterSelection#all()}
 * @param clusters the verdict of each cluster, by name
 * @param channels the findings of each channel's scope, by name
 */
public record CheckResult(
    ParseResult parsed,
    Findings findings,
    Optional<ClusterSource> selected,
    Optional<String> selectionProblem,
    Map<String, ClusterVerdict> clusters,
    Map<String, Findings> channels) {

  public CheckResult {
    Objects.requireNonNull(parsed, "parsed");
    Objects.requireNonNull(findings, "findings");
    Objects.requireNonNull(selected, "selected");
    Objects.requireNonNull(selectionProblem, "selectionProblem");
    clusters = Collections.unmodifiableMap(new TreeMap<>(clusters));
    channels = Collections.unmodifiableMap(new TreeMap<>(channels));
  }

  /** The parsed desired state. */
  public DesiredState state() {
    return parsed.state();
  }

  /** The revision label. */
  public String revision() {
    return parsed.state().revision();
  }

  /**
   * The findings that decide: those of the selected cluster's scope; every finding when nothing is
   * selected (the whole revision, or no cluster could be chosen).
   */
  public Findings scope() {
    return selected.map(c -> clusters.get(c.name()).findings()).orElse(findings);
  }

  /** The findings outside {@link #scope()}: other clusters' (and channels they alone follow). */
  public Findings elsewhere() {
    Findings in = scope();
    return Findings.of(findings.stream().filter(f -> !in.items().contains(f)).toList());
  }

  /**
   * The one line that counts other clusters' findings where a single cluster is checked ({@code
   * serve}'s status and log, {@code plan}, {@code diff}, {@code apply}); empty when there are none.
   * They are counted, never listed: {@code lockstep validate} of the repository lists them.
   */
  public Optional<String> elsewhereLine() {
    int n = elsewhere().size();
    return n == 0 || selected.isEmpty()
        ? Optional.empty()
        : Optional.of(n + " finding(s) in other clusters");
  }

  /** True when {@link #scope()} holds an error: nothing of it may be applied or published. */
  public boolean blocked() {
    return scope().hasErrors();
  }

  /**
   * The channels that are clean: no error in their own files (the channel rules, the compatibility
   * rules of every cluster that follows them, the policies on channels) nor in the repository-wide
   * files. Only these are published.
   */
  public Set<String> cleanChannels() {
    Set<String> clean = new TreeSet<>();
    channels.forEach(
        (name, found) -> {
          if (!found.hasErrors()) {
            clean.add(name);
          }
        });
    return clean;
  }
}
