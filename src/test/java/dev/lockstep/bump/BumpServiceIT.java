package dev.lockstep.bump;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.lockstep.forge.ForgeSettings;
import dev.lockstep.forge.Platform;
import dev.lockstep.source.GitSettings;
import dev.lockstep.source.Secret;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link BumpService}, the run {@code serve} schedules, against a real {@code git daemon} and
 * WireMock as GitHub (prod and staging at 17.2.1, control plane 17.4.2): how each cluster's result
 * is named, and every way a run fails without writing and without quoting the platform token.
 */
class BumpServiceIT {
  @RegisterExtension final FleetRepo fleet = new FleetRepo();

  static final String TOKEN = "ghp_f1le-t0ken-value";
  static final String RELEASES = "/repos/gravitational/teleport/releases?per_page=100";
  static final String PULLS = DeliveryIT.PULLS;
  static final String BRANCH = "lockstep/bump/prod/17.3.0";

  @RegisterExtension
  final WireMockExtension github =
      WireMockExtension.newInstance()
          .options(options().bindAddress("127.0.0.1").dynamicPort())
          .build();

  BumpService service(String... clusters) throws Exception {
    URI api = URI.create(github.baseUrl());
    return new BumpService(
        new BumpService.Settings(
            "",
            List.of(clusters),
            new BumpInputs.Feed(
                "github", api, Optional.empty(), Map.of(), Optional.empty(), VersionServer.DEFAULT),
            BumpService.Delivery.PULL_REQUEST,
            "status/{cluster}.yaml",
            "Lockstep",
            "lockstep@localhost"),
        GitSettings.of(fleet.url(), "main", fleet.dir().resolve("mirror"))
            .withTimeout(Duration.ofSeconds(15)),
        Optional.empty(),
        Optional.of(
            ForgeSettings.of(
                Platform.GITHUB,
                api,
                "acme/fleet",
                Optional.of(
                    Secret.file(Files.writeString(fleet.dir().resolve("token"), TOKEN + "\n"))),
                Map.of())));
  }

  void releases(String... versionAndDaysAgo) throws Exception {
    Map<String, Instant> published = new LinkedHashMap<>();
    for (int i = 0; i < versionAndDaysAgo.length; i += 2) {
      published.put(
          versionAndDaysAgo[i], Inputs.daysAgo(Double.parseDouble(versionAndDaysAgo[i + 1])));
    }
    github.stubFor(get(urlEqualTo(RELEASES)).willReturn(okJson(GithubJson.releases(published))));
  }

  List<String> writes() {
    return github.findAll(anyRequestedFor(anyUrl())).stream()
        .filter(r -> !r.getMethod().getName().equals("GET"))
        .map(r -> r.getMethod() + " " + r.getUrl())
        .toList();
  }

  BumpService.ClusterResult runProd(boolean mayWrite) throws Exception {
    try (BumpService s = service("prod")) {
      BumpService.Run run = s.run(Inputs.NOW, clusters -> Map.of(), () -> mayWrite);
      assertThat(run.problem()).isEmpty();
      assertThat(run.revision()).isEqualTo(fleet.up().head());
      assertThat(run.clusters()).hasSize(1);
      return run.clusters().get(0);
    }
  }

  static Stream<Arguments> nothingToDeliver() {
    return Stream.of(
        Arguments.of(
            named("no release newer than 17.2.1: up-to-date", new String[] {"17.2.1", "60"}),
            BumpService.Result.UP_TO_DATE),
        Arguments.of(
            named(
                "17.3.0 out two days, minor soak is seven: blocked",
                new String[] {"17.3.0", "2", "17.2.1", "60"}),
            BumpService.Result.BLOCKED),
        Arguments.of(
            named(
                "only 17.5.0, above the 17.4.2 control plane: blocked",
                new String[] {"17.5.0", "30", "17.2.1", "60"}),
            BumpService.Result.BLOCKED),
        Arguments.of(
            named("the releases API answers 500: failed", new String[0]),
            BumpService.Result.FAILED));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nothingToDeliver")
  void eachClustersResultIsNamedAndNothingIsWritten(String[] feed, BumpService.Result expected)
      throws Exception {
    if (feed.length == 0) {
      github.stubFor(get(urlEqualTo(RELEASES)).willReturn(aResponse().withStatus(500)));
    } else {
      releases(feed);
    }

    BumpService.ClusterResult prod = runProd(true);

    assertThat(prod.result()).isEqualTo(expected);
    assertThat(prod.proposed()).isEmpty();
    assertThat(prod.delivered()).isEmpty();
    if (expected == BumpService.Result.FAILED) {
      assertThat(prod.reason()).startsWith("cannot read the releases");
    }
    assertThat(writes()).isEmpty();
    assertThat(fleet.up().git(fleet.up().bare, "branch", "--list", "lockstep/*")).isEmpty();
  }

  @Test
  void aRefusedPullRequestFailsTheClusterWithoutQuotingTheToken() throws Exception {
    releases("17.3.0", "10", "17.2.1", "60");
    github.stubFor(get(urlEqualTo(PULLS + "?state=open&per_page=100")).willReturn(okJson("[]")));
    github.stubFor(
        post(urlEqualTo(PULLS))
            .willReturn(
                aResponse()
                    .withStatus(403)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"message\":\"token " + TOKEN + " may not create pull requests\"}")));

    BumpService.ClusterResult prod = runProd(true);

    assertThat(github.findAll(postRequestedFor(urlEqualTo(PULLS))))
        .singleElement()
        .satisfies(r -> assertThat(r.getHeader("Authorization")).contains(TOKEN));
    assertThat(prod.result()).isEqualTo(BumpService.Result.FAILED);
    assertThat(prod.proposed().map(Object::toString)).contains("17.3.0");
    assertThat(prod.reason()).startsWith("cannot deliver 17.3.0: ").doesNotContain(TOKEN);
  }

  @Test
  void aReplicaThatMayNotWriteProposesButPushesAndOpensNothing() throws Exception {
    releases("17.3.0", "10", "17.2.1", "60");

    BumpService.ClusterResult prod = runProd(false);

    assertThat(prod.result()).isEqualTo(BumpService.Result.FAILED);
    assertThat(prod.reason()).startsWith("not delivered: this replica may not write");
    assertThat(github.findAll(anyRequestedFor(anyUrl())))
        .extracting(r -> r.getUrl())
        .containsExactly(RELEASES);
    assertThat(fleet.up().remoteTip(BRANCH)).isEmpty();
  }

  @Test
  void aClusterNotInTheRepositoryFailsAndTheOthersRun() throws Exception {
    releases("17.2.1", "60");
    try (BumpService s = service("prod", "qa")) {
      BumpService.Run run = s.run(Inputs.NOW, clusters -> Map.of(), () -> true);
      assertThat(run.clusters())
          .extracting(c -> c.cluster() + " " + c.result().label() + ": " + c.reason())
          .containsExactly(
              "qa failed: no cluster qa in the repository",
              "prod up-to-date: " + run.clusters().get(1).reason());
    }
  }

  @Test
  void aRevisionWithErrorsFailsEveryClusterAndReadsNoRelease() throws Exception {
    fleet
        .up()
        .commit("clusters/prod/autoupdate_version.yaml", Repos.version("17.2.0", "banana"), "oops");
    try (BumpService s = service()) {
      BumpService.Run run = s.run(Inputs.NOW, clusters -> Map.of(), () -> true);
      assertThat(run.clusters())
          .extracting(c -> c.cluster() + " " + c.result().label())
          .containsExactly("prod failed", "staging failed");
      assertThat(run.clusters().get(0).reason())
          .startsWith("the repository has errors at " + fleet.up().head());
    }
    assertThat(github.findAll(anyRequestedFor(anyUrl()))).isEmpty();
  }

  @Test
  void anUnreachableRepositoryIsTheRunsProblem() throws Exception {
    fleet.stop();
    try (BumpService s = service()) {
      BumpService.Run run = s.run(Inputs.NOW, clusters -> Map.of(), () -> true);
      assertThat(run.clusters()).isEmpty();
      assertThat(run.ok()).isFalse();
      assertThat(run.problem()).startsWith("cannot read main: ");
    }
  }
}
