package dev.lockstep.server;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import dev.lockstep.server.webhook.WebhookSignatures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * serve's wiring over HTTP, on the embedded default (the sample repository into the file target):
 * webhooks (signatures, size cap, rate limit, coalescing), the API (status, plan, bearer token,
 * suspend/resume) and health.
 */
@QuarkusTest
@TestProfile(ServeProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServeResourcesTest {
  static final byte[] BODY = "{\"ref\":\"refs/heads/main\"}".getBytes(StandardCharsets.UTF_8);

  @Inject LockstepService service;
  @Inject LockstepConfig config;

  @TestHTTPResource("/")
  URL base;

  @TestHTTPResource(value = "/", management = true)
  URL management;

  @BeforeEach
  void firstRunDone() throws InterruptedException {
    awaitIdle(1);
  }

  void awaitIdle(long atLeast) throws InterruptedException {
    BrowserTestBase.awaitRuns(service, atLeast);
  }

  @Test
  @Order(1)
  void embeddedDefaultIsAppliedAndReady() {
    management().get("/q/health/ready").then().statusCode(200).body(containsString("main@"));
    management().get("/q/health/live").then().statusCode(200);
    management().get("/q/health/started").then().statusCode(200);
    reader()
        .get("/api/status")
        .then()
        .statusCode(200)
        .body("cluster", equalTo("prod"))
        .body("conditions[0].type", equalTo("Ready"))
        .body("kind", equalTo("lockstep_status"))
        .body("conditions[0].status", equalTo("True"))
        .body("history[0].ready", equalTo("True"))
        .body("source.commit", not(emptyOrNullString()));
    reader()
        .get("/api/plan")
        .then()
        .statusCode(200)
        .body("rollout.target_version", equalTo("17.5.2"));
    management()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("lockstep_reconcile_total{result=\"applied\"}"))
        .body(containsString("lockstep_applied_revision_info"))
        .body(containsString("lockstep_rollout_group_start_minutes{group=\"dev\"}"))
        .body(containsString("lockstep_plan_group_state{group=\"dev\",state="))
        // the file target observes no live rollout: no group series, nothing halted
        .body(containsString("lockstep_rollout_halted{cluster=\"prod\"} 0.0"))
        .body(not(containsString("lockstep_rollout_group_agents")));
  }

  @Test
  @Order(1)
  void healthAndMetricsAreOnlyOnTheManagementPort() {
    for (String path : List.of("/q/health/ready", "/q/health", "/q/metrics")) {
      reader().get(path).then().statusCode(404);
    }
  }

  @Test
  @Order(1)
  void readsNeedTheReadOrTheWriteTokenAndChannelsStayPublic() {
    for (String path : List.of("/api/status", "/api/plan", "/")) {
      given()
          .get(path)
          .then()
          .statusCode(401)
          .header("WWW-Authenticate", "Bearer")
          .body(not(containsString(ServeProfile.READ_TOKEN)));
      given().header("Authorization", "Bearer nope").get(path).then().statusCode(401);
      given().header("Authorization", "Bearer nope").head(path).then().statusCode(401);
    }
    given()
        .header("Authorization", "Bearer " + ServeProfile.API_TOKEN)
        .get("/api/status")
        .then()
        .statusCode(200);
    given().get("/channels/stable/rolling/version").then().statusCode(200).body(equalTo("v17.5.2"));
    given()
        .get("/v1/webapi/automaticupgrades/channel/stable/rolling/critical")
        .then()
        .statusCode(200);
  }

  @Test
  @Order(1)
  void theStatusCommitCarriesTheDocumentedDefaultMessage() throws Exception {
    Path git = config.dataDir().resolve("embedded-repo").resolve(".git");
    try (Repository repo = new FileRepositoryBuilder().setGitDir(git.toFile()).build();
        RevWalk walk = new RevWalk(repo)) {
      ObjectId tip = repo.resolve("refs/heads/lockstep/status");
      assertThat(tip).as("the status branch of the embedded repository").isNotNull();
      assertThat(walk.parseCommit(tip).getFullMessage().strip())
          .matches("lockstep: prod ReconciliationSucceeded at main@[0-9a-f]{8}");
    }
  }

  @Test
  @Order(2)
  void webhooksRejectBadMissingAndOversized() {
    given().body(BODY).post("/hooks/github").then().statusCode(401);
    given()
        .header("X-Hub-Signature-256", WebhookSignatures.sign("wrong".getBytes(), BODY))
        .body(BODY)
        .post("/hooks/github")
        .then()
        .statusCode(401);
    given()
        .header("X-Gitlab-Token", "wrong")
        .body(BODY)
        .post("/hooks/gitlab")
        .then()
        .statusCode(401);
    given()
        .header("X-Signature", "sha256=00")
        .body(BODY)
        .post("/hooks/generic")
        .then()
        .statusCode(401);
    byte[] big = new byte[ServeProfile.MAX_PAYLOAD + 1];
    given()
        .header("X-Hub-Signature-256", sign(ServeProfile.GITHUB_SECRET, big))
        .body(big)
        .post("/hooks/github")
        .then()
        .statusCode(413);
  }

  @Test
  @Order(2)
  void pushesToOtherRefsAndPingsAreAnsweredWithoutAReconcile() throws Exception {
    awaitQuiet();
    long before = service.completedRuns();
    byte[] statusBranch =
        "{\"ref\":\"refs/heads/lockstep-status\",\"after\":\"0badc0de\"}"
            .getBytes(StandardCharsets.UTF_8);
    given()
        .header("X-Hub-Signature-256", sign(ServeProfile.GITHUB_SECRET, statusBranch))
        .body(statusBranch)
        .post("/hooks/github")
        .then()
        .statusCode(200)
        .body("reconcile", equalTo("none"))
        .body("reason", equalTo("push to refs/heads/lockstep-status; following main"));
    given()
        .header("X-Gitlab-Token", ServeProfile.GITLAB_TOKEN)
        .body(statusBranch)
        .post("/hooks/gitlab")
        .then()
        .statusCode(200)
        .body("reconcile", equalTo("none"));
    byte[] ping =
        "{\"zen\":\"Keep it logically awesome.\",\"hook_id\":1}".getBytes(StandardCharsets.UTF_8);
    given()
        .header("X-GitHub-Event", "ping")
        .header("X-Hub-Signature-256", sign(ServeProfile.GITHUB_SECRET, ping))
        .body(ping)
        .post("/hooks/github")
        .then()
        .statusCode(200)
        .body("reason", equalTo("ping"));
    // authentication still comes first
    given()
        .header("X-GitHub-Event", "ping")
        .body(ping)
        .post("/hooks/github")
        .then()
        .statusCode(401);
    given().body(statusBranch).post("/hooks/github").then().statusCode(401);
    Thread.sleep(1500);
    assertThat(service.completedRuns()).isEqualTo(before);
  }

  @Test
  @Order(2)
  void aChunkedBodyIsCutAtTheCapWhileItStreams() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", base.getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /hooks/github HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
                  + "X-Hub-Signature-256: "
                  + sign(ServeProfile.GITHUB_SECRET, BODY)
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      byte[] chunk = new byte[1024];
      Arrays.fill(chunk, (byte) 'a');
      for (int sent = 0; sent <= ServeProfile.MAX_PAYLOAD; sent += chunk.length) {
        out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(chunk);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
      }
      // the body never ends (no last chunk): the answer comes while it streams
      RawHttp.Reply reply = RawHttp.read(socket.getInputStream());
      assertThat(reply.status()).isEqualTo(413);
      assertThat(reply.body()).contains("payload larger than " + ServeProfile.MAX_PAYLOAD);
    }
  }

  @Test
  @Order(3)
  void forgedDeliveriesNeverSpendTheBudgetOfSignedOnes() throws Exception {
    awaitQuiet();
    List<Integer> codes = new ArrayList<>();
    for (int i = 0; i < 61; i++) {
      codes.add(
          switch (i % 3) {
            case 0 -> given().body(BODY).post("/hooks/github").statusCode();
            case 1 ->
                given()
                    .header("X-Hub-Signature-256", sign("guessed", BODY))
                    .body(BODY)
                    .post("/hooks/github")
                    .statusCode();
            default ->
                given()
                    .header("X-Gitlab-Token", "guessed")
                    .body(BODY)
                    .post("/hooks/gitlab")
                    .statusCode();
          });
    }
    // every forged request is refused; past its address's budget of failures, with 429
    assertThat(codes).containsOnly(401, 429);
    // 20 failures a minute per address (the tests before this one spent a few; it refills as it
    // runs)
    assertThat(codes.subList(0, 10)).containsOnly(401);
    assertThat(codes.stream().filter(c -> c == 429).count()).isGreaterThanOrEqualTo(25);
    signedGithubDelivery().statusCode(202);
  }

  @Test
  @Order(4)
  void signedWebhooksTriggerAndABurstCausesNoExtraReconciles() throws Exception {
    awaitQuiet();
    long before = service.completedRuns();
    long start = System.nanoTime();
    signedGithubDelivery().statusCode(202);
    given()
        .header("X-Gitlab-Token", ServeProfile.GITLAB_TOKEN)
        .body(BODY)
        .post("/hooks/gitlab")
        .then()
        .statusCode(202);
    given()
        .header("X-Signature", sign(ServeProfile.HMAC_SECRET, BODY))
        .body(BODY)
        .post("/hooks/generic")
        .then()
        .statusCode(202);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(10);
    java.util.List<java.util.concurrent.Future<Integer>> codes = new java.util.ArrayList<>();
    String signature = sign(ServeProfile.GITHUB_SECRET, BODY);
    for (int i = 0; i < 100; i++) {
      codes.add(
          pool.submit(
              () ->
                  given()
                      .header("X-Hub-Signature-256", signature)
                      .body(BODY)
                      .post("/hooks/github")
                      .statusCode()));
    }
    int accepted = 0;
    int limited = 0;
    for (var f : codes) {
      int code = f.get(30, java.util.concurrent.TimeUnit.SECONDS);
      if (code == 202) {
        accepted++;
      } else if (code == 429) {
        limited++;
      }
    }
    pool.shutdown();
    long burstSeconds = (System.nanoTime() - start) / 1_000_000_000L;
    assertThat(accepted + limited).isEqualTo(100);
    assertThat(limited).isPositive(); // 60 a minute, less the requests above
    Thread.sleep(1500);
    awaitIdle(before + 1);
    // webhook runs are throttled (one at once, one trailing per second) and coalesced: the burst
    // costs
    // about one run per second it lasted, not one per request
    awaitQuiet();
    long runs = service.completedRuns() - before;
    assertThat(runs).isBetween(1L, burstSeconds + 3);
  }

  @Test
  @Order(5)
  void writeApiNeedsTheBearerToken() {
    given().post("/api/reconcile").then().statusCode(401);
    given().header("Authorization", "Bearer nope").post("/api/reconcile").then().statusCode(401);
    given()
        .header("Authorization", "Bearer " + ServeProfile.API_TOKEN)
        .post("/api/reconcile")
        .then()
        .statusCode(202);
    given()
        .header("Authorization", "Bearer " + ServeProfile.API_TOKEN)
        .post("/api/suspend")
        .then()
        .statusCode(200);
    assertThat(service.reconciler().isSuspended()).isTrue();
    given()
        .header("Authorization", "Bearer " + ServeProfile.API_TOKEN)
        .post("/api/resume")
        .then()
        .statusCode(200);
    assertThat(service.reconciler().isSuspended()).isFalse();
  }

  void awaitQuiet() throws InterruptedException {
    long seen;
    do {
      seen = service.completedRuns();
      Thread.sleep(1500);
    } while (seen != service.completedRuns() || service.reconciler().lastReport().isEmpty());
  }

  /** A request on the main port carrying the read token. */
  static RequestSpecification reader() {
    return given().header("Authorization", "Bearer " + ServeProfile.READ_TOKEN);
  }

  /** A request on the management port (health, metrics). */
  RequestSpecification management() {
    return given().baseUri("http://127.0.0.1").port(management.getPort());
  }

  /** A push to main, signed with the GitHub secret. */
  static ValidatableResponse signedGithubDelivery() {
    return given()
        .header("X-Hub-Signature-256", sign(ServeProfile.GITHUB_SECRET, BODY))
        .body(BODY)
        .post("/hooks/github")
        .then();
  }

  static String sign(String secret, byte[] body) {
    return WebhookSignatures.sign(secret.getBytes(StandardCharsets.UTF_8), body);
  }
}
