package dev.lockstep.check;

import dev.lockstep.finding.Finding;
import dev.lockstep.finding.Findings;
import dev.lockstep.model.Channel;
import dev.lockstep.model.ClusterSource;
import dev.lockstep.model.DesiredState;
import dev.lockstep.model.LockstepCluster;
import dev.lockstep.parse.RepositoryParser;
import dev.lockstep.parse.ShownPaths;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which part of a repository a finding is about, by the file it names: a cluster's folder, a
 * channel's files, or the repository as a whole (policies, files outside {@code clusters/} and
 * {@code channels/}, findings that name no file of the repository). A cluster's scope is its own
 * folder, the channels it follows ({@code spec.channels}) and the repository-wide files; a
 * channel's scope is its own files and the repository-wide files. Pure.
 */
final class Scopes {
  private static final String CLUSTERS = "clusters/";
  private static final String CHANNELS = "channels/";
  private static final String POLICIES = "policies/";
  private static final String DEFAULTS = CLUSTERS + RepositoryParser.DEFAULTS_FOLDER + "/";

  private final DesiredState state;
  private final ShownPaths names;

  Scopes(DesiredState state, ShownPaths names) {
    this.state = state;
    this.names = names;
  }

  /** The findings of {@code all} in the scope of {@code cluster}. */
  Findings ofCluster(ClusterSource cluster, Findings all) {
    List<String> followed = cluster.cluster().map(LockstepCluster::channels).orElse(List.of());
    return keep(
        all,
        rel ->
            inFolder(rel, cluster.folder())
                || followed.stream().anyMatch(ch -> isChannelFile(rel, ch)));
  }

  /** The findings of {@code all} in the scope of {@code channel}. */
  Findings ofChannel(Channel channel, Findings all) {
    return keep(all, rel -> isChannelFile(rel, channel.name()));
  }

  /**
   * The findings that name no file of the repository, a repository-wide file, or a file {@code
   * owned} accepts (by its repository-relative path).
   */
  private Findings keep(Findings all, Predicate<String> owned) {
    return Findings.of(
        all.stream()
            .filter(
                f -> {
                  Optional<String> rel = relative(f);
                  return rel.isEmpty() || isRepositoryWide(rel.get()) || owned.test(rel.get());
                })
            .toList());
  }

  private Optional<String> relative(Finding f) {
    return names.relative(f.location().file());
  }

  /**
   * Outside every cluster's folder and every channel's: the policies, and any other file a root
   * cluster does not own.
   */
  private boolean isRepositoryWide(String rel) {
    if (rel.startsWith(DEFAULTS)) {
      return true; // every cluster inherits the repository defaults
    }
    if (rel.startsWith(CHANNELS)) {
      return false;
    }
    if (rel.startsWith(CLUSTERS)) {
      return false;
    }
    boolean rootCluster = state.clusters().stream().anyMatch(c -> c.folder().isEmpty());
    return !rootCluster || rel.startsWith(POLICIES) || rel.isEmpty();
  }

  private static boolean inFolder(String rel, String folder) {
    if (folder.isEmpty()) {
      return !rel.startsWith(CHANNELS) && !rel.startsWith(POLICIES) && !rel.startsWith(CLUSTERS);
    }
    return rel.equals(folder) || rel.startsWith(folder + "/");
  }

  private static boolean isChannelFile(String rel, String channel) {
    String folder = CHANNELS + channel;
    return rel.equals(folder) || rel.startsWith(folder + "/");
  }
}
