package dev.lockstep.bump;

import dev.lockstep.forge.EtagCache;
import dev.lockstep.forge.ForgeException;
import dev.lockstep.forge.ForgeSettings;
import dev.lockstep.forge.GithubReleases;
import dev.lockstep.forge.Platform;
import dev.lockstep.forge.RawRelease;
import dev.lockstep.model.BumpPolicy;
import dev.lockstep.model.ClusterSource;
import dev.lockstep.model.DesiredState;
import dev.lockstep.model.LockstepCluster;
import dev.lockstep.model.SourceTree;
import dev.lockstep.model.Version;
import dev.lockstep.source.FileHistory;
import dev.lockstep.source.LocalRevisions;
import dev.lockstep.source.Secret;
import dev.lockstep.source.SourceException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a bump run reads from outside the repository before it decides, for {@code lockstep bump}
 * and {@code serve} alike: the control plane's version per cluster, the releases, Teleport Cloud's
 * stable versions and the status history of the clusters others are promoted from. Each failure
 * says which input; it never carries a token.
 */
public final class BumpInputs {
  private BumpInputs() {}

  /** An input that could not be read. */
  public static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;

    /** Whose fault: a bad file given by the user, or a peer that could not be reached. */
    public enum Kind {
      /** A file that cannot be read or parsed (exit 2). */
      BAD_INPUT,
      /** The feed, the version server or Git could not be read (exit 3). */
      UNREACHABLE
    }

    private final Kind kind;

    Failure(Kind kind, String message) {
      super(message, null, false, false);
      this.kind = kind;
    }

    /** Whose fault. */
    public Kind kind() {
      return kind;
    }
  }

  /**
   * Where releases come from.
   *
   * @param releases {@code github} (GitHub's releases API) or the path of a JSON file of the same
   *     shape
   * @param githubApi the GitHub API the releases are read from
   * @param token a GitHub token for higher rate limits, if any
   * @param environment the process environment, for a token named by variable
   * @param cache a folder keeping release pages with their ETags between runs, if any
   * @param versionServer the version server asked for {@code follow: cloud-stable}
   */
  public record Feed(
      String releases,
      URI githubApi,
      Optional<Secret> token,
      Map<String, String> environment,
      Optional<Path> cache,
      URI versionServer) {
    public Feed {
      Objects.requireNonNull(releases, "releases");
      Objects.requireNonNull(githubApi, "githubApi");
      Objects.requireNonNull(token, "token");
      environment = Map.copyOf(environment);
      Objects.requireNonNull(cache, "cache");
      Objects.requireNonNull(versionServer, "versionServer");
    }
  }

  /** Reads the committed versions of a status file, oldest first; empty when there are none. */
  @FunctionalInterface
  public interface StatusReader {
    /**
     * The versions of {@code file} (a path in the repository).
     *
     * @throws SourceException when the history cannot be read
     */
    List<FileHistory.Version> history(String file) throws SourceException;
  }

  /**
   * Status files of the Git repository holding {@code dir}: on {@code ref}, else on {@code
   * origin/<ref>}; nothing when {@code dir} is not in a Git repository.
   */
  public static StatusReader localStatus(Path dir, String ref) {
    return file -> {
      try (LocalRevisions local = LocalRevisions.open(dir)) {
        List<FileHistory.Version> versions =
            local.fileHistory(ref, file, StatusFiles.HISTORY_LIMIT);
        return versions.isEmpty()
            ? local.fileHistory("origin/" + ref, file, StatusFiles.HISTORY_LIMIT)
            : versions;
      } catch (SourceException e) {
        if (e.reason() == SourceException.Reason.REPOSITORY_NOT_FOUND) {
          return List.of();
        }
        throw e;
      }
    };
  }

  /**
   * Everything a run decides from, for the {@code clusters} of a parsed revision (all when empty).
   *
   * @param live control-plane versions read from the Proxies, by cluster (win over the rest)
   * @param flag a control-plane version given for every cluster (wins over {@code auth_version})
   * @param statusPath the status file of a cluster, {@code {cluster}} replaced by its name
   * @throws Failure when the releases, the version server or a status history cannot be read
   */
  public static Bump.Request request(
      SourceTree tree,
      String folder,
      DesiredState state,
      List<String> clusters,
      Map<String, Version> live,
      Optional<Version> flag,
      Feed feed,
      StatusReader statuses,
      String statusPath,
      Instant now)
      throws Failure {
    List<ClusterSource> selected = Bump.selected(state, clusters);
    Map<String, Ceiling> ceilings = ceilings(selected, live, flag);
    return new Bump.Request(
        tree,
        folder,
        state,
        clusters,
        releases(feed, selected),
        ceilings,
        cloudStable(state, selected, ceilings, feed.versionServer()),
        statusHistories(state, selected, statuses, statusPath),
        now);
  }

  /**
   * The ceiling of each cluster: its live version, else {@code flag}, else {@code
   * spec.auth_version}; absent when none is known (the decision then says so).
   */
  static Map<String, Ceiling> ceilings(
      List<ClusterSource> clusters, Map<String, Version> live, Optional<Version> flag) {
    Map<String, Ceiling> out = new HashMap<>();
    for (ClusterSource c : clusters) {
      Version v = live.get(c.name());
      if (v != null) {
        String proxy = c.cluster().map(LockstepCluster::proxy).orElse("");
        out.put(c.name(), new Ceiling(v, Ceiling.Source.LIVE, proxy));
      } else if (flag.isPresent()) {
        out.put(c.name(), new Ceiling(flag.get(), Ceiling.Source.FLAG, ""));
      } else {
        c.cluster()
            .map(LockstepCluster::authVersion)
            .filter(s -> !s.isEmpty())
            .flatMap(
                s -> {
                  try {
                    return Optional.of(Version.parseLenient(s));
                  } catch (dev.lockstep.model.InvalidVersionException e) {
                    return Optional.empty();
                  }
                })
            .ifPresent(
                v2 ->
                    out.put(
                        c.name(), new Ceiling(v2, Ceiling.Source.DECLARED, c.descriptor().file())));
      }
    }
    return out;
  }

  /**
   * The GA releases: from GitHub's releases API ({@code github}), reading pages until one holds
   * only releases older than every current target, or from a JSON file of the same shape.
   */
  static List<Release> releases(Feed feed, List<ClusterSource> clusters) throws Failure {
    List<RawRelease> raw;
    if (!feed.releases().equals("github")) {
      try {
        raw = GithubReleases.parse(Files.readAllBytes(Path.of(feed.releases())), feed.releases());
      } catch (IOException e) {
        throw new Failure(Failure.Kind.BAD_INPUT, "--releases: cannot read " + feed.releases());
      } catch (ForgeException e) {
        throw new Failure(Failure.Kind.BAD_INPUT, "--releases: " + e.getMessage());
      }
      return Release.generallyAvailable(raw);
    }
    Optional<Version> oldest =
        clusters.stream()
            .map(Bump::currentTarget)
            .flatMap(Optional::stream)
            .min(Version::compareTo);
    try {
      GithubReleases reader =
          new GithubReleases(
              ForgeSettings.of(
                  Platform.GITHUB,
                  feed.githubApi(),
                  "gravitational/teleport",
                  feed.token(),
                  feed.environment()),
              feed.cache().map(EtagCache::inFolder).orElseGet(EtagCache::inMemory),
              Clock.systemUTC(),
              d -> Thread.sleep(d.toMillis()));
      raw =
          reader
              .list(
                  page ->
                      oldest.isPresent()
                          && Release.generallyAvailable(page).stream()
                              .allMatch(r -> r.version().compareTo(oldest.get()) < 0))
              .releases();
    } catch (ForgeException e) {
      throw new Failure(Failure.Kind.UNREACHABLE, "cannot read the releases: " + e.getMessage());
    }
    return Release.generallyAvailable(raw);
  }

  /** Teleport Cloud's stable versions of the majors each cloud-stable cluster may move within. */
  static Map<String, Map<Long, Optional<Version>>> cloudStable(
      DesiredState state, List<ClusterSource> clusters, Map<String, Ceiling> ceilings, URI server)
      throws Failure {
    VersionServer vs = new VersionServer(server, Duration.ofSeconds(10));
    Map<Long, Optional<Version>> asked = new HashMap<>();
    Map<String, Map<Long, Optional<Version>>> out = new HashMap<>();
    for (ClusterSource c : clusters) {
      BumpPolicy policy =
          BumpPolicy.of(state.clusterDefaults(), Optional.ofNullable(c.descriptor()));
      Optional<Version> current = Bump.currentTarget(c);
      if (!policy.followCloudStable() || current.isEmpty()) {
        continue;
      }
      Map<Long, Optional<Version>> caps = new HashMap<>();
      for (long major :
          Decider.majorsToCap(current.get(), Optional.ofNullable(ceilings.get(c.name())))) {
        if (!asked.containsKey(major)) {
          try {
            asked.put(major, vs.cloudStable(major));
          } catch (VersionServer.Unreachable e) {
            throw new Failure(Failure.Kind.UNREACHABLE, "follow: cloud-stable: " + e.getMessage());
          }
        }
        caps.put(major, asked.get(major));
      }
      out.put(c.name(), caps);
    }
    return out;
  }

  /** The status history of every cluster a selected cluster is promoted from. */
  static Map<String, List<StatusSnapshot>> statusHistories(
      DesiredState state, List<ClusterSource> clusters, StatusReader reader, String statusPath)
      throws Failure {
    Map<String, List<StatusSnapshot>> out = new HashMap<>();
    List<String> from =
        clusters.stream()
            .map(c -> BumpPolicy.of(state.clusterDefaults(), Optional.ofNullable(c.descriptor())))
            .map(BumpPolicy::promoteFrom)
            .flatMap(Optional::stream)
            .distinct()
            .toList();
    try {
      for (String cluster : from) {
        out.put(
            cluster, StatusFiles.history(reader.history(statusPath.replace("{cluster}", cluster))));
      }
    } catch (SourceException e) {
      throw new Failure(
          Failure.Kind.UNREACHABLE, "cannot read the status branch: " + e.getMessage());
    }
    return out;
  }
}
