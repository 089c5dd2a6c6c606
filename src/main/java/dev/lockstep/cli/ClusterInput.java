package dev.lockstep.cli;

import dev.lockstep.cluster.TargetKind;
import dev.lockstep.parse.LocalPath;
import dev.lockstep.parse.ParseResult;
import java.util.function.Function;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What {@code diff} and {@code apply} read: PATH, {@code --cluster}, {@code --auth-version} and the
 * {@code --live} options. A picocli mixin, so both commands take the same arguments.
 */
public final class ClusterInput {

  @Parameters(
      index = "0",
      paramLabel = "PATH",
      converter = PathArgument.class,
      description = "Repository or cluster folder.")
  LocalPath path;

  @Option(
      names = "--cluster",
      paramLabel = "NAME",
      description = "The cluster to use when PATH holds several.")
  String cluster;

  @picocli.CommandLine.Mixin AuthVersionOption authVersion;

  @Mixin LiveOptions live;

  /**
   * Parses and validates PATH and selects the cluster.
   *
   * @throws LiveOptions.Unreachable when {@code --live} cannot read a Proxy
   */
  DesiredCluster prepare(CommandSpec spec, Function<LocalPath, ParseResult> parser, TargetKind kind)
      throws LiveOptions.Unreachable {
    return DesiredCluster.prepare(spec, parser, path, cluster, authVersion.value(spec), live, kind);
  }
}
