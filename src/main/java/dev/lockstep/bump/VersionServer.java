package dev.lockstep.bump;

import dev.lockstep.model.InvalidVersionException;
import dev.lockstep.model.Version;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads Teleport Cloud's stable version of a major from a version server: {@code GET
 * <server>/v1/stable/cloud/v<major>/version} (teleport-semantics §13.1: a semantic version with or
 * without {@code v}, trimmed; {@code none} advertises nothing). Unauthenticated, no redirects.
 */
public final class VersionServer {
  /** Teleport's public version server. */
  public static final URI DEFAULT = URI.create("https://updates.releases.teleport.dev");

  private final URI base;
  private final Duration timeout;
  private final HttpClient http;

  /** The server could not be read: the bump cannot honour {@code follow: cloud-stable}. */
  public static final class Unreachable extends Exception {
    private static final long serialVersionUID = 1L;

    Unreachable(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * @param base the server, e.g. {@code https://updates.releases.teleport.dev} (a mirror for
   *     air-gapped sites)
   * @param timeout connect timeout and timeout of one request
   */
  public VersionServer(URI base, Duration timeout) {
    this.base = URI.create(Objects.requireNonNull(base, "base").toString().replaceAll("/+$", ""));
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * The stable version Teleport Cloud publishes for {@code major}; empty when it publishes {@code
   * none} or has no channel for that major (404).
   *
   * @throws Unreachable when the server cannot be read or answers something else
   */
  public Optional<Version> cloudStable(long major) throws Unreachable {
    URI uri = URI.create(base + "/v1/stable/cloud/v" + major + "/version");
    HttpResponse<String> r;
    try {
      r =
          http.send(
              HttpRequest.newBuilder(uri)
                  .timeout(timeout)
                  .header("User-Agent", "lockstep")
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new Unreachable("cannot read " + uri + ": " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unreachable("cannot read " + uri + ": interrupted");
    }
    if (r.statusCode() == 404) {
      return Optional.empty();
    }
    if (r.statusCode() != 200) {
      throw new Unreachable("cannot read " + uri + ": HTTP " + r.statusCode());
    }
    String text = r.body().strip();
    if (text.equals("none")) {
      return Optional.empty();
    }
    try {
      return Optional.of(Version.parseLenient(text));
    } catch (InvalidVersionException e) {
      throw new Unreachable(uri + " answered \"" + clip(text) + "\", not a version");
    }
  }

  private static String clip(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "..." : s;
  }
}
