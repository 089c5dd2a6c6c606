package dev.lockstep.cli;

import dev.lockstep.cluster.TargetKind;
import dev.lockstep.finding.Findings;
import dev.lockstep.model.ClusterSource;
import dev.lockstep.model.Version;
import dev.lockstep.parse.LocalPath;
import dev.lockstep.parse.ParseResult;
import dev.lockstep.parse.PathScope;
import dev.lockstep.validate.ValidationContext;
import dev.lockstep.validate.Validator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The first steps of {@code diff} and {@code apply}: parse, pick one cluster, read live versions
 * ({@code --live}), validate, and add the target's own checks. Every finding of the revision
 * counts: a revision with an error anywhere applies nothing.
 *
 * @param revision the revision label
 * @param cluster the cluster to diff or apply
 * @param findings every finding of the revision, the target's checks included
 */
record DesiredCluster(String revision, ClusterSource cluster, Findings findings) {

  /**
   * @throws ParameterException (exit 2) for a missing path, no cluster, or an ambiguous one
   * @throws LiveOptions.Unreachable (exit 3) when {@code --live} cannot read a Proxy
   */
  static DesiredCluster prepare(
      CommandSpec spec,
      Function<LocalPath, ParseResult> parser,
      LocalPath path,
      String clusterName,
      Optional<Version> authVersion,
      LiveOptions live,
      TargetKind kind)
      throws LiveOptions.Unreachable {
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
    List<ClusterSource> clusters = parsed.state().clusters();
    ClusterSource cluster;
    if (clusterName != null) {
      cluster =
          parsed
              .state()
              .cluster(clusterName)
              .orElseThrow(
                  () ->
                      new ParameterException(
                          spec.commandLine(),
                          "--cluster: no cluster \""
                              + clusterName
                              + "\" under "
                              + path
                              + " (found: "
                              + names(clusters)
                              + ")"));
    } else if (clusters.size() == 1) {
      cluster = clusters.get(0);
    } else if (clusters.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(),
          "no cluster found under " + path + ": no Teleport resources to diff or apply");
    } else {
      throw new ParameterException(
          spec.commandLine(),
          path
              + " holds several clusters ("
              + names(clusters)
              + "): choose one with --cluster NAME");
    }
    Map<String, Version> liveVersions = live.read(spec, List.of(cluster));
    Findings findings =
        parsed
            .findings()
            .plus(
                new Validator()
                    .validate(parsed.state(), new ValidationContext(authVersion, liveVersions)))
            .plus(kind.check(cluster.resources()));
    return new DesiredCluster(parsed.state().revision(), cluster, findings);
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

  private static String names(List<ClusterSource> clusters) {
    return clusters.isEmpty()
        ? "none"
        : clusters.stream().map(ClusterSource::name).collect(Collectors.joining(", "));
  }

  /** Findings as compiler-style lines, one per finding. */
  String findingsText() {
    return findings.stream().map(f -> f + "\n").collect(Collectors.joining());
  }
}
