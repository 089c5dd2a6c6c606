package dev.lockstep.forge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.lockstep.source.Secret;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@link GithubReleases} against WireMock playing GitHub's releases API on 127.0.0.1. */
class GithubReleasesIT {
  static final String TOKEN = "ghp_secretTokenValue123";
  static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  static final String PATH = "/repos/gravitational/teleport/releases";

  @RegisterExtension
  final WireMockExtension wiremock =
      WireMockExtension.newInstance()
          .options(options().bindAddress("127.0.0.1").dynamicPort())
          .build();

  final List<Duration> slept = new ArrayList<>();

  GithubReleases feed(Optional<Secret> token, EtagCache cache) {
    ForgeSettings settings =
        new ForgeSettings(
            Platform.GITHUB,
            URI.create(wiremock.baseUrl()),
            "gravitational/teleport",
            token,
            Map.of("GH_TOKEN", TOKEN),
            Duration.ofSeconds(5),
            2,
            Duration.ofMillis(10),
            Duration.ofSeconds(30));
    return new GithubReleases(settings, cache, Clock.fixed(NOW, ZoneOffset.UTC), slept::add);
  }

  static String release(String tag, String published, String body) {
    return "{\"tag_name\":\""
        + tag
        + "\",\"name\":\"Teleport "
        + tag
        + "\",\"draft\":false,\"prerelease\":false,\"published_at\":\""
        + published
        + "\",\"html_url\":\"https://github.com/gravitational/teleport/releases/tag/"
        + tag
        + "\",\"body\":\""
        + body
        + "\"}";
  }

  String link(int next, int last) {
    String base = wiremock.baseUrl() + PATH + "?per_page=100&page=";
    return "<" + base + next + ">; rel=\"next\", <" + base + last + ">; rel=\"last\"";
  }

  void stubPages() {
    wiremock.stubFor(
        get(urlEqualTo(PATH + "?per_page=100"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withHeader("ETag", "W/\"p1\"")
                    .withHeader("Link", link(2, 3))
                    .withBody(
                        "["
                            + release("v17.3.0", "2026-11-30T12:00:00Z", "Fixes.")
                            + ","
                            + release(
                                "v16.5.1", "2026-11-29T12:00:00Z", "labels: security-patch=yes")
                            + "]")));
    wiremock.stubFor(
        get(urlEqualTo(PATH + "?per_page=100&page=2"))
            .willReturn(
                aResponse()
                    .withHeader("ETag", "W/\"p2\"")
                    .withHeader("Link", link(3, 3))
                    .withBody("[" + release("v17.2.1", "2026-11-01T12:00:00Z", "") + "]")));
    wiremock.stubFor(
        get(urlEqualTo(PATH + "?per_page=100&page=3"))
            .willReturn(
                aResponse()
                    .withHeader("ETag", "W/\"p3\"")
                    .withBody("[" + release("v17.2.0", "2026-10-01T12:00:00Z", "") + "]")));
  }

  @Test
  void followsLinkHeadersPageByPageWithGithubsHeaders() throws Exception {
    stubPages();

    GithubReleases.Listing listing =
        feed(Optional.of(Secret.env("GH_TOKEN")), EtagCache.inMemory()).list(page -> false);

    assertThat(listing.releases())
        .extracting(RawRelease::tag)
        .containsExactly("v17.3.0", "v16.5.1", "v17.2.1", "v17.2.0");
    assertThat(listing.releases().get(1).body()).isEqualTo("labels: security-patch=yes");
    assertThat(listing.releases().get(0).publishedAt())
        .contains(Instant.parse("2026-11-30T12:00:00Z"));
    assertThat(listing.requests()).isEqualTo(3);
    wiremock.verify(
        getRequestedFor(urlEqualTo(PATH + "?per_page=100"))
            .withHeader("Accept", equalTo("application/vnd.github+json"))
            .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28"))
            .withHeader("Authorization", equalTo("Bearer " + TOKEN))
            .withHeader("User-Agent", equalTo("lockstep"))
            .withHeader("If-None-Match", absent()));
    wiremock.verify(1, getRequestedFor(urlEqualTo(PATH + "?per_page=100&page=2")));
    wiremock.verify(1, getRequestedFor(urlEqualTo(PATH + "?per_page=100&page=3")));
  }

  @Test
  void stopsAfterThePageTheCallerSaysIsEnough() throws Exception {
    stubPages();

    GithubReleases.Listing listing =
        feed(Optional.empty(), EtagCache.inMemory())
            .list(page -> page.stream().anyMatch(r -> r.tag().equals("v17.2.1")));

    assertThat(listing.requests()).isEqualTo(2);
    wiremock.verify(0, getRequestedFor(urlEqualTo(PATH + "?per_page=100&page=3")));
    wiremock.verify(getRequestedFor(urlPathEqualTo(PATH)).withHeader("Authorization", absent()));
  }

  @Test
  void aSecondListingAsksIfNoneMatchAndReusesThePagesOn304(@TempDir Path dir) throws Exception {
    stubPages();
    EtagCache cache = EtagCache.inFolder(dir.resolve("cache"));
    feed(Optional.empty(), cache).list(page -> false);
    wiremock.resetAll();
    for (String[] page : new String[][] {{"", "p1"}, {"&page=2", "p2"}, {"&page=3", "p3"}}) {
      wiremock.stubFor(
          get(urlEqualTo(PATH + "?per_page=100" + page[0]))
              .withHeader("If-None-Match", equalTo("W/\"" + page[1] + "\""))
              .willReturn(aResponse().withStatus(304)));
    }

    GithubReleases.Listing again = feed(Optional.empty(), cache).list(page -> false);

    assertThat(again.notModified()).isEqualTo(3);
    assertThat(again.releases())
        .extracting(RawRelease::tag)
        .containsExactly("v17.3.0", "v16.5.1", "v17.2.1", "v17.2.0");
    assertThat(Files.list(dir.resolve("cache"))).hasSize(3);
  }

  @Test
  void a403WithNoRequestsLeftFailsNamingTheResetTimeAndSendsNothingMore() throws Exception {
    long reset = NOW.plus(Duration.ofMinutes(20)).getEpochSecond();
    wiremock.stubFor(
        get(urlEqualTo(PATH + "?per_page=100"))
            .willReturn(
                aResponse()
                    .withStatus(403)
                    .withHeader("x-ratelimit-remaining", "0")
                    .withHeader("x-ratelimit-reset", Long.toString(reset))
                    .withBody("{\"message\":\"API rate limit exceeded for 127.0.0.1.\"}")));
    GithubReleases feed = feed(Optional.empty(), EtagCache.inMemory());

    assertThatThrownBy(() -> feed.list(page -> false))
        .isInstanceOfSatisfying(
            ForgeException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(ForgeException.Reason.RATE_LIMITED);
              assertThat(e.retryAt()).contains(Instant.ofEpochSecond(reset));
              assertThat(e.getMessage())
                  .isEqualTo(
                      "GitHub API: GET /repos/gravitational/teleport/releases: the rate limit is"
                          + " exhausted until 2026-12-01 10:20:00 UTC; run again after that, or"
                          + " give a token (higher limits)");
            });
    assertThatThrownBy(() -> feed.list(page -> false))
        .hasMessageContaining("not sent, the rate limit is exhausted until 2026-12-01 10:20:00");
    wiremock.verify(1, getRequestedFor(urlPathEqualTo(PATH)));
    assertThat(slept).isEmpty();
  }

  @Test
  void a429WithAShortRetryAfterWaitsThenRetries() throws Exception {
    wiremock.stubFor(
        get(urlEqualTo(PATH + "?per_page=100"))
            .inScenario("limit")
            .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7"))
            .willSetStateTo("open"));
    wiremock.stubFor(
        get(urlEqualTo(PATH + "?per_page=100"))
            .inScenario("limit")
            .whenScenarioStateIs("open")
            .willReturn(
                aResponse().withBody("[" + release("v17.2.0", "2026-10-01T12:00:00Z", "") + "]")));

    GithubReleases.Listing listing =
        feed(Optional.empty(), EtagCache.inMemory()).list(page -> false);

    assertThat(listing.releases()).hasSize(1);
    assertThat(slept).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void theTokenNeverReachesAMessageEvenWhenTheServerEchoesIt() {
    wiremock.stubFor(
        get(urlEqualTo(PATH + "?per_page=100"))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withBody("{\"message\":\"Bad credentials: Bearer " + TOKEN + "\"}")));

    assertThatThrownBy(
            () ->
                feed(Optional.of(Secret.env("GH_TOKEN")), EtagCache.inMemory()).list(page -> false))
        .isInstanceOfSatisfying(
            ForgeException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(ForgeException.Reason.AUTHENTICATION);
              assertThat(e.getMessage())
                  .doesNotContain(TOKEN)
                  .contains("the token was refused (HTTP 401); check env:GH_TOKEN");
            });
  }

  @Test
  void aNextLinkToAnotherHostIsNotFollowedWithTheToken() {
    wiremock.stubFor(
        get(urlEqualTo(PATH + "?per_page=100"))
            .willReturn(
                aResponse()
                    .withHeader("Link", "<https://evil.example/steal?page=2>; rel=\"next\"")
                    .withBody("[" + release("v17.3.0", "2026-11-30T12:00:00Z", "") + "]")));

    assertThatThrownBy(
            () ->
                feed(Optional.of(Secret.env("GH_TOKEN")), EtagCache.inMemory()).list(page -> false))
        .hasMessageContaining("a link points to https://evil.example")
        .hasMessageContaining("not followed");
  }

  @Test
  void aReleasesFileIsReadWithTheSameShapeAndBadInputIsNamed() throws Exception {
    byte[] json =
        ("[" + release("v17.2.0", "2026-10-01T12:00:00Z", "x") + ",{\"tag_name\":\"v1.0.0\"}]")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(GithubReleases.parse(json, "releases.json"))
        .extracting(RawRelease::tag, RawRelease::publishedAt)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "v17.2.0", Optional.of(Instant.parse("2026-10-01T12:00:00Z"))),
            org.assertj.core.groups.Tuple.tuple("v1.0.0", Optional.empty()));
    assertThatThrownBy(() -> GithubReleases.parse("{}".getBytes(), "releases.json"))
        .hasMessage(
            "releases.json is not a JSON array of releases (as GitHub's releases API answers)");
    assertThatThrownBy(() -> GithubReleases.parse("[{\"name\":1}]".getBytes(), "r.json"))
        .hasMessage("r.json item 0 has no tag_name");
  }
}
