package dev.lockstep.parse;

import dev.lockstep.finding.Finding;
import dev.lockstep.finding.Findings;
import dev.lockstep.model.Channel;
import dev.lockstep.model.ClusterSource;
import dev.lockstep.model.DesiredState;
import dev.lockstep.model.LockstepCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a folder given on the command line asks Lockstep to read: the repository folder to parse,
 * how to name its files ({@link ShownPaths}), and which clusters to report.
 *
 * <p>A folder inside a repository's {@code clusters/} (a cluster folder, a folder within one, or
 * {@code clusters/} itself) is read with its repository, so the channels it follows and the
 * repository's policies are known; only the clusters under that folder, the channels they follow
 * and the policies are reported. The repository is the parent of the nearest ancestor named {@code
 * clusters}, when that parent holds a {@code channels/} or {@code policies/} folder (without them
 * the cluster folder alone reads the same) and no folder between it and PATH holds its own {@code
 * .git}. Any other folder is a repository of its own.
 *
 * <p>Files under PATH are named as PATH was written followed by their path under it; the others by
 * the way from PATH to them, folded ({@code sample-repo/clusters/prod} gives {@code
 * sample-repo/channels/...}, {@code .} inside {@code clusters/prod} gives {@code
 * ../../channels/...}), or by their absolute path when PATH reached the repository through a link
 * that {@code ..} does not climb back.
 *
 * @param root the repository folder to read (a real path: links resolved)
 * @param names how the files of {@code root} are named in findings
 * @param clusters repository-relative folder whose clusters are reported; "" for every cluster
 */
public record PathScope(Path root, ShownPaths names, String clusters) {
  private static final String CLUSTERS = "clusters";

  public PathScope {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(names, "names");
    Objects.requireNonNull(clusters, "clusters");
  }

  /**
   * The scope of a folder given on the command line.
   *
   * @throws IOException when the folder cannot be resolved (it vanished, or a link is broken)
   */
  public static PathScope of(LocalPath folder) throws IOException {
    Path real = folder.location().toRealPath();
    Optional<Path> repository = enclosingRepository(real);
    if (repository.isEmpty()) {
      return new PathScope(real, ShownPaths.prefix(folder.shownPrefix()), "");
    }
    Path repo = repository.get();
    String base = repo.relativize(real).toString().replace('\\', '/');
    int depth = repo.relativize(real).getNameCount();
    Path lexical = folder.location().toAbsolutePath().normalize();
    for (int i = 0; i < depth && lexical != null; i++) {
      lexical = lexical.getParent();
    }
    String outside;
    if (lexical != null && Files.isSameFile(lexical, repo)) {
      String up = Path.of(folder.shown()).resolve("../".repeat(depth)).normalize().toString();
      outside = up.isEmpty() ? "" : up.replace('\\', '/') + "/";
    } else {
      outside = repo.toString().replace('\\', '/') + "/";
    }
    return new PathScope(repo, new ShownPaths(base, folder.shownPrefix(), outside), base);
  }

  /**
   * The repository holding {@code folder} when {@code folder} is {@code clusters/} or inside it;
   * empty for a folder that is a repository of its own.
   */
  private static Optional<Path> enclosingRepository(Path folder) {
    if (isNamed(folder, CLUSTERS) && isRepository(folder.getParent())) {
      return Optional.of(folder.getParent());
    }
    for (Path dir = folder; dir.getParent() != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve(".git"))) {
        return Optional.empty(); // PATH's own Git repository ends here
      }
      Path parent = dir.getParent();
      if (isNamed(parent, CLUSTERS)) {
        return isRepository(parent.getParent())
            ? Optional.of(parent.getParent())
            : Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static boolean isNamed(Path p, String name) {
    return p != null && p.getFileName() != null && p.getFileName().toString().equals(name);
  }

  private static boolean isRepository(Path dir) {
    return dir != null
        && (Files.isDirectory(dir.resolve("channels"))
            || Files.isDirectory(dir.resolve("policies")));
  }

  /** True when the scope is the whole repository. */
  public boolean isWholeRepository() {
    return clusters.isEmpty();
  }

  /**
   * The parse result limited to this scope: its clusters, the channels they follow ({@code
   * spec.channels} of cluster.yaml), the policies, and the findings about those files (and those
   * naming no file of the repository).
   */
  public ParseResult restrict(ParseResult full) {
    if (isWholeRepository()) {
      return full;
    }
    DesiredState state = restrict(full.state());
    Set<String> followed =
        state.channels().stream().map(Channel::name).collect(Collectors.toUnmodifiableSet());
    List<String> folders = state.clusters().stream().map(ClusterSource::folder).toList();
    List<Finding> kept =
        full.findings().stream()
            .filter(
                f ->
                    names
                        .relative(f.location().file())
                        .map(rel -> isReported(rel, folders, followed))
                        .orElse(true))
            .toList();
    return new ParseResult(state, Findings.of(kept));
  }

  /** The desired state limited to this scope (see {@link #restrict(ParseResult)}). */
  public DesiredState restrict(DesiredState full) {
    if (isWholeRepository()) {
      return full;
    }
    List<ClusterSource> inScope =
        full.clusters().stream().filter(c -> isUnder(c.folder(), clusters)).toList();
    Set<String> followed =
        inScope.stream()
            .flatMap(c -> c.cluster().map(LockstepCluster::channels).orElse(List.of()).stream())
            .collect(Collectors.toUnmodifiableSet());
    List<Channel> channels =
        full.channels().stream().filter(ch -> followed.contains(ch.name())).toList();
    return new DesiredState(full.revision(), inScope, channels, full.policies());
  }

  private boolean isReported(String relative, List<String> folders, Set<String> followed) {
    if (isUnder(relative, clusters) || relative.startsWith("policies/")) {
      return true;
    }
    if (folders.stream().anyMatch(f -> isUnder(relative, f))) {
      return true;
    }
    if (relative.startsWith("channels/")) {
      int slash = relative.lastIndexOf('/');
      return slash > "channels/".length()
          && followed.contains(relative.substring("channels/".length(), slash));
    }
    return false;
  }

  /**
   * True when one of the two folders holds the other (a cluster under the scope, or a scope inside
   * a cluster).
   */
  private static boolean isUnder(String path, String folder) {
    return path.equals(folder)
        || path.startsWith(folder + "/")
        || (!path.isEmpty() && folder.startsWith(path + "/"));
  }
}
