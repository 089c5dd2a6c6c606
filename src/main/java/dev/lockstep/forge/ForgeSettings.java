package dev.lockstep.forge;

import dev.lockstep.source.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach a platform's API.
 *
 * @param platform which API dialect
 * @param api the API base address: {@code https://api.github.com}, {@code
 *     https://github.example.com/api/v3} (Enterprise Server), {@code
 *     https://gitlab.example.com/api/v4}, {@code https://gitea.example.com/api/v1}
 * @param repository {@code owner/name} (GitHub, Gitea) or the project path {@code group/project} or
 *     numeric id (GitLab)
 * @param token where the token is read (a file or an environment variable), read again for every
 *     request so a rotated token needs no restart; empty for anonymous reads
 * @param environment the process environment, for an environment-variable token (core code never
 *     reads it itself)
 * @param timeout connect timeout and timeout of one request
 * @param attempts tries of a read (GET) on a connection failure, timeout or 5xx; writes are tried
 *     once
 * @param backoff wait before the second try, doubled before each later one
 * @param maxRateLimitWait the longest wait for a rate limit to reset before a request; a longer one
 *     fails with {@link ForgeException.Reason#RATE_LIMITED}
 */
public record ForgeSettings(
    Platform platform,
    URI api,
    String repository,
    Optional<Secret> token,
    Map<String, String> environment,
    Duration timeout,
    int attempts,
    Duration backoff,
    Duration maxRateLimitWait) {

  public ForgeSettings {
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(api, "api");
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(token, "token");
    environment = Map.copyOf(environment);
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(backoff, "backoff");
    Objects.requireNonNull(maxRateLimitWait, "maxRateLimitWait");
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1");
    }
    String scheme = api.getScheme();
    if ((!"https".equals(scheme) && !"http".equals(scheme)) || api.getHost() == null) {
      throw new IllegalArgumentException(
          "the API address must be an http(s) URL such as https://api.github.com, not " + api);
    }
    String path = api.getPath() == null ? "" : api.getPath();
    if (path.endsWith("/")) {
      api = URI.create(api.toString().replaceAll("/+$", ""));
    }
  }

  /** Defaults: 30 s timeout, 3 attempts, 1 s backoff, wait at most 60 s for a rate limit. */
  public static ForgeSettings of(
      Platform platform,
      URI api,
      String repository,
      Optional<Secret> token,
      Map<String, String> environment) {
    return new ForgeSettings(
        platform,
        api,
        repository,
        token,
        environment,
        Duration.ofSeconds(30),
        3,
        Duration.ofSeconds(1),
        Duration.ofSeconds(60));
  }

  /** Safe to log: the token's reference, never its value, and no environment values. */
  @Override
  public String toString() {
    return "ForgeSettings[platform="
        + platform.label()
        + ", api="
        + api
        + ", repository="
        + repository
        + ", token="
        + token.map(Secret::toString).orElse("none")
        + ", timeout="
        + timeout
        + "]";
  }
}
