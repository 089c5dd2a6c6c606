package dev.lockstep.forge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.forge.ForgeException.Reason;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Lists a repository's releases from GitHub's REST API ({@code GET /repos/{owner}/{repo}/releases},
 * 100 a page, newest first), following {@code Link: rel="next"}. Every page is asked with {@code
 * If-None-Match} when the cache holds it; a {@code 304} reuses the cached page. Rate limits are
 * honoured: a reset announced with no request left makes the next request wait (up to {@link
 * ForgeSettings#maxRateLimitWait()}) or fail with {@link ForgeException.Reason#RATE_LIMITED} naming
 * the reset time, as does a 403 or 429 that says the limit is exhausted. Reads only.
 */
public final class GithubReleases {
  /** GitHub answers at most 1000 releases (10 pages of 100). */
  static final int MAX_PAGES = 10;

  private final ApiClient api;
  private final EtagCache cache;

  /**
   * What one listing fetched.
   *
   * @param releases every release of the pages read, in the API's order
   * @param requests HTTP requests made
   * @param notModified how many of them answered 304
   */
  public record Listing(List<RawRelease> releases, int requests, int notModified) {
    public Listing {
      releases = List.copyOf(releases);
    }
  }

  /**
   * @param settings GitHub's API address and the repository ({@code gravitational/teleport})
   * @param cache where answers are kept between listings
   */
  public GithubReleases(
      ForgeSettings settings, EtagCache cache, Clock clock, Forge.Sleeper sleeper) {
    this.api = new ApiClient(settings, clock, sleeper::sleep);
    this.cache = Objects.requireNonNull(cache, "cache");
  }

  /**
   * Reads pages until one satisfies {@code lastPage} (given that page's releases), the listing
   * ends, or GitHub's 1000-release window is reached.
   */
  public Listing list(Predicate<List<RawRelease>> lastPage) throws ForgeException {
    String repo = api.settings().repository();
    Optional<URI> next = Optional.of(api.uri("/repos/" + repo + "/releases?per_page=100"));
    List<RawRelease> all = new ArrayList<>();
    int requests = 0;
    int notModified = 0;
    for (int page = 0; next.isPresent() && page < MAX_PAGES; page++) {
      URI uri = next.get();
      Optional<EtagCache.Entry> cached = cache.get(uri);
      ApiClient.Response r =
          api.send(
              "GET",
              uri,
              null,
              cached.map(c -> Map.of("If-None-Match", c.etag())).orElse(Map.of()));
      requests++;
      byte[] body;
      String link;
      if (r.status() == 304 && cached.isPresent()) {
        notModified++;
        body = cached.get().body();
        link = cached.get().link();
      } else {
        body = r.body();
        link = r.header("link").orElse("");
        Optional<String> etag = r.header("etag");
        if (etag.isPresent()) {
          cache.put(uri, new EtagCache.Entry(etag.get(), link, body));
        }
      }
      List<RawRelease> releases = parse(body, "GET " + uri.getRawPath());
      all.addAll(releases);
      if (releases.isEmpty() || lastPage.test(releases)) {
        break;
      }
      next = ApiClient.nextLink(link);
    }
    return new Listing(all, requests, notModified);
  }

  /**
   * Releases from a JSON array shaped as the API answers (what {@code --releases FILE} reads).
   *
   * @param source names the input in messages
   * @throws ForgeException {@link Reason#INVALID_ANSWER} when it is not such an array
   */
  public static List<RawRelease> parse(byte[] json, String source) throws ForgeException {
    JsonNode root;
    try {
      root = ApiClient.JSON.readTree(json);
    } catch (IOException e) {
      throw invalid(source, "is not JSON");
    }
    if (root == null || !root.isArray()) {
      throw invalid(source, "is not a JSON array of releases (as GitHub's releases API answers)");
    }
    List<RawRelease> out = new ArrayList<>();
    int i = 0;
    for (JsonNode r : root) {
      if (!r.isObject() || !r.path("tag_name").isTextual()) {
        throw invalid(source, "item " + i + " has no tag_name");
      }
      Optional<Instant> published;
      try {
        published =
            r.path("published_at").isTextual()
                ? Optional.of(Instant.parse(r.path("published_at").asText()))
                : Optional.empty();
      } catch (DateTimeParseException e) {
        throw invalid(source, "item " + i + " has a published_at that is not an RFC 3339 time");
      }
      out.add(
          new RawRelease(
              r.path("tag_name").asText(),
              text(r, "name"),
              text(r, "body"),
              r.path("draft").asBoolean(false),
              r.path("prerelease").asBoolean(false),
              published,
              text(r, "html_url")));
      i++;
    }
    return out;
  }

  private static String text(JsonNode r, String field) {
    JsonNode n = r.path(field);
    return n.isTextual() ? n.asText() : "";
  }

  private static ForgeException invalid(String source, String why) {
    return new ForgeException(Reason.INVALID_ANSWER, 0, Optional.empty(), source + " " + why);
  }
}
