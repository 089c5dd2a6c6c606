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
 * What a path given on the command line asks Lockstep to read: the repository folder to parse, how
 * to name its files ({@link ShownPaths}), and what to report.
 *
 * <p>A path inside a repository's {@code clusters/} (a cluster folder, a folder or file within one,
 * or {@code clusters/} itself) is read with its repository, so the channels it follows and the
 * repository's policies are known; only the clusters under it, the channels they follow and the
 * policies are reported. A path inside {@code channels/} (a channel's folder or file, a folder of
 * channels, {@code channels/} itself) reports those channels and the policies. The repository is
 * the parent of the nearest ancestor named {@code clusters} or {@code channels}, when that parent
 * is a Git work tree's root or holds another of {@code clusters/}, {@code channels/}, {@code
 * policies/} (else the folder alone reads the same, and a home folder is never read whole), and no
 * folder between it and PATH holds its own {@code .git}. Any other folder is a repository of its
 * own, and any other file one cluster.
 *
 * <p>Files under PATH's folder are named as PATH was written followed by their path under it; the
 * others by the way from PATH's folder to them, folded ({@code sample-repo/clusters/prod} gives
 * {@code sample-repo/channels/...}, {@code .} inside {@code clusters/prod} gives {@code
 * ../../channels/...}), or by their absolute path when PATH reached the repository through a link
 * that {@code ..} does not climb back.
 *
 * @param root the repository folder to read (a real path: links resolved)
 * @param names how the files of {@code root} are named in findings
 * @param scope repository-relative folder whose clusters or channels are reported; "" for all
 */
public record PathScope(Path root, ShownPaths names, String scope) {
  private static final String CLUSTERS = "clusters";
  private static final String CHANNELS = "channels";
  private static final String POLICIES = "policies";

  public PathScope {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(names, "names");
    Objects.requireNonNull(scope, "scope");
  }

  /**
   * The scope of a folder or file given on the command line; for a file outside any repository, its
   * folder as a repository of its own.
   *
   * @throws IOException when the path cannot be resolved (it vanished, or a link is broken)
   */
  public static PathScope of(LocalPath path) throws IOException {
    Path real = path.location().toRealPath();
    LocalPath folder = Files.isDirectory(real) ? path : parentOf(path);
    Path realFolder = Files.isDirectory(real) ? real : real.getParent();
    Optional<Path> repository = enclosingRepository(realFolder);
    if (repository.isEmpty()) {
      return new PathScope(realFolder, ShownPaths.prefix(folder.shownPrefix()), "");
    }
    Path repo = repository.get();
    String base = repo.relativize(realFolder).toString().replace('\\', '/');
    int depth = repo.relativize(realFolder).getNameCount();
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

  /** A file's folder, written as the user would write it. */
  private static LocalPath parentOf(LocalPath file) {
    Path typed = Path.of(file.typed()).getParent();
    Path location = file.location().toAbsolutePath().getParent();
    return new LocalPath(location, typed == null ? "" : typed.toString());
  }

  /**
   * The repository holding {@code folder} when {@code folder} is {@code clusters/}, {@code
   * channels/} or inside one of them; empty for a folder that is a repository of its own.
   */
  private static Optional<Path> enclosingRepository(Path folder) {
    for (Path dir = folder; dir != null && dir.getParent() != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve(".git"))) {
        return Optional.empty(); // PATH's own Git repository ends here
      }
      String name = dir.getFileName().toString();
      if (name.equals(CLUSTERS) || name.equals(CHANNELS)) {
        return isRepository(dir.getParent(), name)
            ? Optional.of(dir.getParent())
            : Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static boolean isRepository(Path dir, String via) {
    return Files.exists(dir.resolve(".git"))
        || Set.of(CLUSTERS, CHANNELS, POLICIES).stream()
            .filter(f -> !f.equals(via))
            .anyMatch(f -> Files.isDirectory(dir.resolve(f)));
  }

  /** True when the scope is the whole repository. */
  public boolean isWholeRepository() {
    return scope.isEmpty();
  }

  /** True when PATH named clusters (a cluster folder, {@code clusters/}, or a path in one). */
  public boolean isClusters() {
    return scope.equals(CLUSTERS) || scope.startsWith(CLUSTERS + "/");
  }

  /**
   * The parse result limited to this scope: its clusters and the channels they follow ({@code
   * spec.channels} of cluster.yaml), or its channels; the policies; and the findings about those
   * files (and those naming no file of the repository).
   */
  public ParseResult restrict(ParseResult full) {
    if (isWholeRepository()) {
      return full;
    }
    DesiredState state = restrict(full.state());
    Set<String> channels =
        state.channels().stream()
            .map(ch -> CHANNELS + "/" + ch.name())
            .collect(Collectors.toUnmodifiableSet());
    List<String> clusters = state.clusters().stream().map(ClusterSource::folder).toList();
    List<Finding> kept =
        full.findings().stream()
            .filter(
                f ->
                    names
                        .relative(f.location().file())
                        .map(rel -> isReported(rel, clusters, channels))
                        .orElse(true))
            .toList();
    return new ParseResult(state, Findings.of(kept));
  }

  /** The desired state limited to this scope (see {@link #restrict(ParseResult)}). */
  public DesiredState restrict(DesiredState full) {
    if (isWholeRepository()) {
      return full;
    }
    if (!isClusters()) {
      List<Channel> channels =
          full.channels().stream()
              .filter(ch -> isUnder(CHANNELS + "/" + ch.name(), scope))
              .toList();
      return new DesiredState(full.revision(), List.of(), channels, full.policies());
    }
    List<ClusterSource> inScope =
        full.clusters().stream().filter(c -> isUnder(c.folder(), scope)).toList();
    Set<String> followed =
        inScope.stream()
            .flatMap(c -> c.cluster().map(LockstepCluster::channels).orElse(List.of()).stream())
            .collect(Collectors.toUnmodifiableSet());
    List<Channel> channels =
        full.channels().stream().filter(ch -> followed.contains(ch.name())).toList();
    return new DesiredState(full.revision(), inScope, channels, full.policies());
  }

  private boolean isReported(String relative, List<String> clusters, Set<String> channels) {
    if (isUnder(relative, scope) || relative.startsWith(POLICIES + "/")) {
      return true;
    }
    if (clusters.stream().anyMatch(f -> isUnder(relative, f))) {
      return true;
    }
    int slash = relative.lastIndexOf('/');
    return slash > 0 && channels.contains(relative.substring(0, slash));
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
