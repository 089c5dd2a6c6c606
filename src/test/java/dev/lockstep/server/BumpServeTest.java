package dev.lockstep.server;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.lockstep.bump.BumpService;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * serve's scheduled bump end to end ({@link BumpUpstream}: a real {@code git daemon}, WireMock as
 * GitHub): the leader's scheduled run pushes the branch and opens exactly one pull request; the
 * next scheduled run, with no new release, makes no write at all; a replica that is not the leader
 * makes no request; metrics and {@code /api/bump} show the result; the platform token reaches
 * GitHub and never the log or the API.
 */
@QuarkusTest
@TestProfile(BumpServeTest.Profile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BumpServeTest {
  /** serve with a scheduled bump against {@link BumpUpstream}. */
  public static class Profile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(new TestResourceEntry(BumpUpstream.class));
    }
  }

  static final String BRANCH = "lockstep/bump/prod/17.3.0";

  @Inject BumpJob job;
  @Inject Scheduler scheduler;

  @TestHTTPResource(value = "/", management = true)
  URL management;

  WireMock github() {
    return BumpUpstream.github();
  }

  static <T> T await(Supplier<Optional<T>> what) throws InterruptedException {
    Instant until = Instant.now().plus(Duration.ofSeconds(90));
    while (Instant.now().isBefore(until)) {
      Optional<T> t = what.get();
      if (t.isPresent()) {
        return t.get();
      }
      Thread.sleep(50);
    }
    throw new AssertionError("timed out");
  }

  List<String> writes(WireMock github) {
    return github.find(anyRequestedFor(anyUrl())).stream()
        .filter(r -> !r.getMethod().getName().equals("GET"))
        .map(r -> r.getMethod() + " " + r.getUrl())
        .toList();
  }

  String tip() throws Exception {
    Process p =
        new ProcessBuilder(
                "git", "--git-dir", BumpUpstream.upstream(), "rev-parse", "refs/heads/" + BRANCH)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes()).strip();
    p.waitFor(30, TimeUnit.SECONDS);
    return out;
  }

  @Test
  @Order(1)
  void theLeadersScheduledRunOpensOnePullRequestAndTheNextChangesNothing() throws Exception {
    WireMock github = github();
    BumpService.Run first = await(job::lastRun);
    scheduler.pause(BumpJob.JOB);
    try {
      assertThat(first.problem()).isEmpty();
      assertThat(first.clusters())
          .singleElement()
          .satisfies(
              c -> {
                assertThat(c.cluster()).isEqualTo("prod");
                assertThat(c.result()).isEqualTo(BumpService.Result.PROPOSED);
                assertThat(c.proposed().map(Object::toString)).contains("17.3.0");
                assertThat(c.delivered().map(d -> d.action())).contains("created");
                assertThat(c.delivered().flatMap(d -> d.pullRequest()))
                    .contains("https://github.example/acme/fleet/pull/7");
              });
      List<LoggedRequest> posts = github.find(postRequestedFor(urlEqualTo(BumpUpstream.PULLS)));
      assertThat(posts).as("exactly one pull request opened").hasSize(1);
      assertThat(posts.get(0).getHeader("Authorization")).contains(BumpUpstream.TOKEN);
      String branchTip = tip();
      assertThat(branchTip).matches("[0-9a-f]{40}");

      // GitHub now lists the pull request as the first run left it.
      JsonNode opened = new ObjectMapper().readTree(posts.get(0).getBodyAsString());
      github.register(
          get(urlEqualTo(BumpUpstream.OPEN))
              .willReturn(
                  okJson(
                      "["
                          + dev.lockstep.bump.GithubJson.pullRequest(
                              7, BRANCH, opened.get("title").asText(), opened.get("body").asText())
                          + "]")));
      github.resetRequests();
    } finally {
      scheduler.resume(BumpJob.JOB);
    }

    BumpService.Run second = await(() -> job.lastRun().filter(r -> r.at().isAfter(first.at())));
    assertThat(second.clusters())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.result()).isEqualTo(BumpService.Result.PROPOSED);
              assertThat(c.delivered().map(d -> d.action())).contains("unchanged");
            });
    assertThat(writes(github)).as("no new release: no write request").isEmpty();
    assertThat(tip()).isEqualTo(tip());

    String metrics =
        given().get(URI.create(management.toString()).resolve("/q/metrics")).asString();
    assertThat(metrics)
        .contains("lockstep_bump_result{cluster=\"prod\",result=\"proposed\"} 1.0")
        .contains("lockstep_bump_result{cluster=\"prod\",result=\"up-to-date\"} 0.0")
        .contains("lockstep_bump_proposals_opened_total 1.0")
        .contains("lockstep_bump_last_run_timestamp_seconds");
    String status = given().get("/api/bump").then().statusCode(200).extract().asString();
    assertThat(status)
        .contains("\"cluster\":\"prod\"")
        .contains("\"result\":\"proposed\"")
        .contains("\"pull_request\":\"https://github.example/acme/fleet/pull/7\"")
        .doesNotContain(BumpUpstream.TOKEN);
    String logged = BumpUpstream.log();
    assertThat(logged)
        .contains("bump prod: proposed (pr created")
        .doesNotContain(BumpUpstream.TOKEN);
  }

  @Test
  @Order(2)
  void aReplicaThatIsNotTheLeaderMakesNoRequest() throws Exception {
    WireMock github = github();
    BooleanSupplier leader = job.leaderGate(() -> false);
    try {
      github.resetRequests();
      assertThat(job.runNow()).isEmpty();
      Thread.sleep(3500); // a scheduled tick passes too
      assertThat(github.find(anyRequestedFor(anyUrl()))).isEmpty();
    } finally {
      job.leaderGate(leader);
    }
  }
}
