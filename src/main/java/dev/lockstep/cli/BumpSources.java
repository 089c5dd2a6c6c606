package dev.lockstep.cli;

import dev.lockstep.bump.Bump;
import dev.lockstep.bump.Ceiling;
import dev.lockstep.bump.Decider;
import dev.lockstep.bump.Release;
import dev.lockstep.bump.StatusFiles;
import dev.lockstep.bump.StatusSnapshot;
import dev.lockstep.bump.VersionServer;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code lockstep bump} reads from outside the repository before it decides: the control
 * plane's version per cluster, the releases, Teleport Cloud's stable versions and the status
 * history of the clusters others are promoted from. Each failure says which input and exits 3 (2
 * for a bad file).
 */
final class BumpSources {
  private BumpSources() {}

  /** An input that could not be read; {@code exit} is 2 for bad input, 3 for unreachable. */
  static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;
    final int exit;

    Failure(int exit, String message) {
      super(message, null, false, false);
      this.exit = exit;
    }
  }

  /**
   * The ceiling of each selected cluster: {@code --live}, else {@code --auth-version}, else {@code
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
  static List<Release> releases(
      String source,
      URI githubApi,
      Optional<Secret> token,
      Map<String, String> env,
      Optional<Path> cache,
      List<ClusterSource> clusters)
      throws Failure {
    List<RawRelease> raw;
    if (!source.equals("github")) {
      Path file = Path.of(source);
      try {
        raw = GithubReleases.parse(Files.readAllBytes(file), source);
      } catch (IOException e) {
        throw new Failure(ExitCodes.USAGE, "--releases: cannot read " + source);
      } catch (ForgeException e) {
        throw new Failure(ExitCodes.USAGE, "--releases: " + e.getMessage());
      }
      return Release.generallyAvailable(raw);
    }
    Optional<Version> oldest =
        clusters.stream()
            .map(Bump::currentTarget)
            .flatMap(Optional::stream)
            .min(Version::compareTo);
    try {
      GithubReleases feed =
          new GithubReleases(
              ForgeSettings.of(Platform.GITHUB, githubApi, "gravitational/teleport", token, env),
              cache.map(EtagCache::inFolder).orElseGet(EtagCache::inMemory),
              Clock.systemUTC(),
              d -> Thread.sleep(d.toMillis()));
      raw =
          feed.list(
                  page ->
                      oldest.isPresent()
                          && Release.generallyAvailable(page).stream()
                              .allMatch(r -> r.version().compareTo(oldest.get()) < 0))
              .releases();
    } catch (ForgeException e) {
      throw new Failure(ExitCodes.UNAVAILABLE, "cannot read the releases: " + e.getMessage());
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
            throw new Failure(ExitCodes.UNAVAILABLE, "follow: cloud-stable: " + e.getMessage());
          }
        }
        caps.put(major, asked.get(major));
      }
      out.put(c.name(), caps);
    }
    return out;
  }

  /**
   * The status history of every cluster a selected cluster is promoted from, read from {@code
   * statusRef} (else {@code origin/<statusRef>}) of the Git repository holding {@code path}; empty
   * for a cluster whose status cannot be found there.
   */
  static Map<String, List<StatusSnapshot>> statusHistories(
      Path path,
      DesiredState state,
      List<ClusterSource> clusters,
      String statusRef,
      String statusPath)
      throws Failure {
    Map<String, List<StatusSnapshot>> out = new HashMap<>();
    List<String> from =
        clusters.stream()
            .map(c -> BumpPolicy.of(state.clusterDefaults(), Optional.ofNullable(c.descriptor())))
            .map(BumpPolicy::promoteFrom)
            .flatMap(Optional::stream)
            .distinct()
            .toList();
    if (from.isEmpty()) {
      return out;
    }
    try (LocalRevisions local = LocalRevisions.open(path)) {
      for (String cluster : from) {
        String file = statusPath.replace("{cluster}", cluster);
        List<FileHistory.Version> versions =
            local.fileHistory(statusRef, file, StatusFiles.HISTORY_LIMIT);
        if (versions.isEmpty()) {
          versions = local.fileHistory("origin/" + statusRef, file, StatusFiles.HISTORY_LIMIT);
        }
        out.put(cluster, StatusFiles.history(versions));
      }
    } catch (SourceException e) {
      if (e.reason() == SourceException.Reason.REPOSITORY_NOT_FOUND) {
        return out;
      }
      throw new Failure(ExitCodes.UNAVAILABLE, "cannot read the status branch: " + e.getMessage());
    }
    return out;
  }
}
