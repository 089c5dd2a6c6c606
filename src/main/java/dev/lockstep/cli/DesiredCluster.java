package dev.lockstep.cli;

import dev.lockstep.check.CheckOptions;
import dev.lockstep.check.CheckResult;
import dev.lockstep.check.ClusterSelection;
import dev.lockstep.check.LiveVersions;
import dev.lockstep.check.RevisionCheck;
import dev.lockstep.cluster.TargetKind;
import dev.lockstep.finding.Findings;
import dev.lockstep.model.ClusterSource;
import dev.lockstep.model.Version;
import dev.lockstep.parse.LocalPath;
import dev.lockstep.parse.ParseResult;
import dev.lockstep.parse.PathScope;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The first steps of {@code diff} and {@code apply}: parse, then the revision check for one cluster
 * with the target's own checks (the repository's policies included).
 *
 * @param revision the revision label
 * @param cluster the cluster to diff or apply
 * @param findings the findings of the cluster's scope (its folder, the channels it follows, the
 *     repository-wide files), which decide whether it may be applied; other clusters' findings are
 *     only counted
 */
record DesiredCluster(String revision, ClusterSource cluster, Findings findings) {

  /**
   * @throws ParameterException (exit 2) for a missing path, no cluster, or an ambiguous one
   * @throws LiveVersions.Unreachable (exit 3) when {@code --live} cannot read a Proxy
   */
  static DesiredCluster prepare(
      CommandSpec spec,
      Function<LocalPath, ParseResult> parser,
      LocalPath path,
      String clusterName,
      Optional<Version> authVersion,
      LiveOptions live,
      TargetKind kind)
      throws LiveVersions.Unreachable {
    if (!path.exists()) {
      throw new ParameterException(spec.commandLine(), path + ": no such file or directory");
    }
    refuseAFileOfARepository(spec, path);
    ParseResult parsed = parser.apply(path);
    EmptyInput.problem(path, parsed)
        .ifPresent(
            problem -> {
              throw new ParameterException(spec.commandLine(), problem);
            });
    CheckResult checked =
        new RevisionCheck(new CheckOptions(authVersion, List.of(), Optional.of(kind)))
            .check(
                parsed,
                Optional.empty(),
                ClusterSelection.one(
                    Optional.ofNullable(clusterName), path.shown(), "--cluster NAME"),
                live.versions(spec));
    ClusterSource cluster =
        checked
            .selected()
            .orElseThrow(
                () ->
                    new ParameterException(
                        spec.commandLine(), checked.selectionProblem().orElseThrow()));
    checked.elsewhereLine().ifPresent(o -> spec.commandLine().getErr().println("lockstep: " + o));
    return new DesiredCluster(checked.revision(), cluster, checked.scope());
  }

  /**
   * diff and apply act on a whole cluster, all or nothing (and {@code --prune} deletes what Git
   * lacks): one file of a repository's cluster folder would stand for a cluster of that file alone.
   */
  private static void refuseAFileOfARepository(CommandSpec spec, LocalPath path) {
    if (path.isDirectory()) {
      return;
    }
    try {
      if (PathScope.of(path).isWholeRepository()) {
        return;
      }
    } catch (IOException e) {
      return; // the parser reports the unreadable path
    }
    Path folder = Path.of(path.shown()).getParent();
    String shownFolder = folder == null ? "." : folder.toString();
    throw new ParameterException(
        spec.commandLine(),
        path
            + " is one file of a repository: "
            + spec.name()
            + " acts on a whole cluster; give its folder: lockstep "
            + spec.name()
            + " "
            + shownFolder);
  }

  /** Findings as compiler-style lines, one per finding. */
  String findingsText() {
    return findings.stream().map(f -> f + "\n").collect(Collectors.joining());
  }
}
