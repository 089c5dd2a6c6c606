package dev.lockstep.cli;

import dev.lockstep.check.LiveVersions;
import dev.lockstep.cluster.TargetKind;
import dev.lockstep.parse.LocalPath;
import dev.lockstep.parse.ParseResult;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What {@code diff} and {@code apply} read: PATH, {@code --cluster}, {@code --auth-version} and the
 * {@code --live} options. Both commands add them to their model ({@link #addTo}), so both take the
 * same arguments.
 */
public final class ClusterInput {

  LocalPath path;
  String cluster;
  final AuthVersionOption authVersion = new AuthVersionOption();
  final LiveOptions live = new LiveOptions();

  /** Adds this group's options to {@code spec}, bound to this group. */
  void addTo(CommandSpec spec, PathArgument paths) {
    spec.addPositional(
        CommandModel.positional(0, LocalPath.class, v -> path = v)
            .paramLabel("PATH")
            .converters(paths)
            .description("Repository or cluster folder.")
            .build());
    spec.addOption(
        CommandModel.option("--cluster", v -> cluster = v)
            .paramLabel("NAME")
            .description("The cluster to use when PATH holds several.")
            .build());
    authVersion.addTo(spec);
    live.addTo(spec);
  }

  /**
   * Parses and validates PATH and selects the cluster.
   *
   * @throws LiveVersions.Unreachable when {@code --live} cannot read a Proxy
   */
  DesiredCluster prepare(CommandSpec spec, Function<LocalPath, ParseResult> parser, TargetKind kind)
      throws LiveVersions.Unreachable {
    return DesiredCluster.prepare(spec, parser, path, cluster, authVersion.value(spec), live, kind);
  }
}
