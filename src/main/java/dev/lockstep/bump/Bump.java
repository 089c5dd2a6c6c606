package dev.lockstep.bump;

import dev.lockstep.edit.EditException;
import dev.lockstep.finding.Findings;
import dev.lockstep.model.AutoupdateVersion;
import dev.lockstep.model.BumpPolicy;
import dev.lockstep.model.ClusterSource;
import dev.lockstep.model.DesiredState;
import dev.lockstep.model.LockstepCluster;
import dev.lockstep.model.SourceTree;
import dev.lockstep.model.Version;
import dev.lockstep.validate.ValidationContext;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Proposes a bump per cluster: decides ({@link Decider}), edits the files ({@link BumpEdits}) and
 * checks the edited revision ({@link EditCheck}); an edit that cannot be made or fails validation
 * is never proposed ({@link Outcome#REFUSED}). Reads only the tree it is given; writes nothing,
 * delivers nothing.
 */
public final class Bump {
  private Bump() {}

  /**
   * What a bump run works from; the caller fetched everything from the outside world.
   *
   * @param tree the revision's files
   * @param folder the repository's folder inside the tree ("" at the root)
   * @param state the parsed revision (of {@code tree} and {@code folder})
   * @param clusters the clusters to bump (empty for all)
   * @param releases the GA releases
   * @param ceilings each cluster's control-plane version, by name (absent when unknown)
   * @param cloudStable Teleport Cloud's stable version per major, by cluster name
   * @param statusHistories status snapshots by cluster name, oldest first
   * @param now the time of the run
   */
  public record Request(
      SourceTree tree,
      String folder,
      DesiredState state,
      List<String> clusters,
      List<Release> releases,
      Map<String, Ceiling> ceilings,
      Map<String, Map<Long, Optional<Version>>> cloudStable,
      Map<String, List<StatusSnapshot>> statusHistories,
      Instant now) {
    public Request {
      Objects.requireNonNull(tree, "tree");
      Objects.requireNonNull(folder, "folder");
      Objects.requireNonNull(state, "state");
      clusters = List.copyOf(clusters);
      releases = List.copyOf(releases);
      ceilings = Map.copyOf(ceilings);
      cloudStable = Map.copyOf(cloudStable);
      statusHistories = Map.copyOf(statusHistories);
      Objects.requireNonNull(now, "now");
    }
  }

  /** The clusters a request covers: the named ones, or all. */
  public static List<ClusterSource> selected(DesiredState state, List<String> names) {
    if (names.isEmpty()) {
      return state.clusters();
    }
    List<ClusterSource> out = new ArrayList<>();
    for (String n : names) {
      state.cluster(n).ifPresent(out::add);
    }
    return out;
  }

  /** The agents' current target of a cluster, when it has a valid one. */
  public static Optional<Version> currentTarget(ClusterSource c) {
    return c.autoupdateVersion()
        .map(AutoupdateVersion::agents)
        .flatMap(a -> a == null ? Optional.empty() : Version.tryParse(a.targetVersion()));
  }

  /** Each selected cluster's decision. Pure. */
  public static List<Decision> decide(Request r) {
    List<Decision> out = new ArrayList<>();
    for (ClusterSource c : selected(r.state(), r.clusters())) {
      BumpPolicy policy =
          BumpPolicy.of(r.state().clusterDefaults(), Optional.ofNullable(c.descriptor()));
      Optional<List<StatusSnapshot>> history =
          policy.promoteFrom().map(from -> r.statusHistories().getOrDefault(from, List.of()));
      out.add(
          Decider.decide(
              new DecisionInput(
                  c.name(),
                  c.cluster().map(LockstepCluster::cloud).orElse(false),
                  currentTarget(c),
                  Optional.ofNullable(r.ceilings().get(c.name())),
                  r.releases(),
                  policy,
                  r.cloudStable().getOrDefault(c.name(), Map.of()),
                  history,
                  r.now())));
    }
    return out;
  }

  /**
   * Decides, edits and checks every selected cluster. The plan of an edited revision is simulated
   * from the start of the next UTC day, so a proposal's text changes at most once a day when
   * nothing else does.
   */
  public static BumpReport propose(Request r, EditCheck check) throws IOException {
    List<Decision> decisions = decide(r);
    Map<String, Version> targetsAfter = new HashMap<>();
    for (ClusterSource c : r.state().clusters()) {
      currentTarget(c).ifPresent(v -> targetsAfter.put(c.name(), v));
    }
    for (Decision d : decisions) {
      d.proposed().ifPresent(v -> targetsAfter.put(d.cluster(), v));
    }
    Instant planFrom = r.now().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
    List<ClusterBump> out = new ArrayList<>();
    for (Decision d : decisions) {
      if (d.outcome() != Outcome.PROPOSED) {
        out.add(new ClusterBump(d, List.of(), Findings.NONE, Optional.empty()));
        continue;
      }
      ClusterSource cluster = r.state().cluster(d.cluster()).orElseThrow();
      List<FileChange> files;
      try {
        files = BumpEdits.of(r.state(), r.tree(), cluster, d.proposed().get(), targetsAfter);
      } catch (EditException e) {
        out.add(
            new ClusterBump(
                d.withOutcome(
                    Outcome.REFUSED,
                    "the edit to " + d.proposed().get() + " cannot be made: " + e.getMessage()),
                List.of(),
                Findings.NONE,
                Optional.empty()));
        continue;
      }
      Map<String, byte[]> replaced = new LinkedHashMap<>();
      files.forEach(f -> replaced.put(f.path(), f.afterBytes()));
      EditCheck.Verdict verdict =
          check.check(
              new OverlayTree(r.tree(), replaced),
              r.tree(),
              r.folder(),
              d.cluster(),
              context(d),
              planFrom);
      if (!verdict.valid()) {
        out.add(
            new ClusterBump(
                d.withOutcome(
                    Outcome.REFUSED,
                    "the edited revision fails validation ("
                        + verdict.findings().items().stream()
                            .filter(f -> f.severity() == dev.lockstep.finding.Severity.ERROR)
                            .count()
                        + " error(s)); "
                        + d.proposed().get()
                        + " is not proposed"),
                files,
                verdict.findings(),
                Optional.empty()));
        continue;
      }
      out.add(new ClusterBump(d, files, verdict.findings(), verdict.planMarkdown()));
    }
    return new BumpReport(out);
  }

  /**
   * Validation knows the ceiling the decision used: live and flag versions win over cluster.yaml.
   */
  static ValidationContext context(Decision d) {
    if (d.ceiling().isEmpty()) {
      return ValidationContext.OFFLINE;
    }
    Ceiling c = d.ceiling().get();
    return switch (c.source()) {
      case LIVE -> new ValidationContext(Optional.empty(), Map.of(d.cluster(), c.version()));
      case FLAG -> new ValidationContext(Optional.of(c.version()), Map.of());
      case DECLARED -> ValidationContext.OFFLINE;
    };
  }
}
