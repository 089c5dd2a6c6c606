package dev.lockstep.cli;

import dev.lockstep.cluster.TargetKind;
import dev.lockstep.parse.ParseResult;
import java.nio.file.Path;
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

  @Parameters(index = "0", paramLabel = "PATH", description = "Repository or cluster folder.")
  Path path;

  @Option(
      names = "--cluster",
      paramLabel = "NAME",
      description = "The cluster to use when PATH holds several.")
  String cluster;

  @Option(
      names = "--auth-version",
      paramLabel = "VERSION",
      description =
          "Control-plane version for the compatibility rules; wins over cluster.yaml and --live.")
  String authVersion;

  @Mixin LiveOptions live;

  /**
   * Parses and validates PATH and selects the cluster.
   *
   * @throws LiveOptions.Unreachable when {@code --live} cannot read a Proxy
   */
  DesiredCluster prepare(CommandSpec spec, Function<Path, ParseResult> parser, TargetKind kind)
      throws LiveOptions.Unreachable {
    return DesiredCluster.prepare(
        spec,
        parser,
        path,
        cluster,
        Options.version(spec, "--auth-version", authVersion),
        live,
        kind);
  }
}
