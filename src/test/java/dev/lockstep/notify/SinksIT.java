package dev.lockstep.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.lockstep.forge.ForgeSettings;
import dev.lockstep.forge.Platform;
import dev.lockstep.source.Secret;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every sink against WireMock playing the peer: Slack's Web API and incoming webhooks, a Teams
 * workflow, a generic receiver that checks signatures, and GitHub's API. Exact payloads, in-place
 * updates, retries, and no secret in any message.
 */
class SinksIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Instant START = Instant.parse("2026-11-23T09:55:00Z");
  static final Event.Rollout ROLLOUT = new Event.Rollout("17.3.0", START);
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  @TempDir Path tmp;
  WireMockServer peer;
  final List<String> log = new CopyOnWriteArrayList<>();
  final List<Duration> slept = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startPeer() {
    peer = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    peer.start();
  }

  @AfterEach
  void stopPeer() {
    peer.stop();
  }

  String base() {
    return "http://127.0.0.1:" + peer.port();
  }

  Path secret(String name, String value) throws IOException {
    return Files.writeString(tmp.resolve(name), value + "\n");
  }

  /** Requests in the order they arrived: "METHOD path body". */
  List<ServeEvent> served() {
    List<ServeEvent> events = new ArrayList<>(peer.getAllServeEvents());
    events.sort(Comparator.comparing(e -> e.getRequest().getLoggedDate()));
    return events;
  }

  static JsonNode body(ServeEvent e) throws IOException {
    return JSON.readTree(e.getRequest().getBodyAsString());
  }

  static Event halted() {
    return Event.of(
            EventKind.HALTED,
            "prod",
            "canary_timeout failed on prod for 3 samples",
            List.of(new Event.Fact("group", "prod"), new Event.Fact("canaries", "0/2 <alive>")),
            Instant.parse("2026-11-23T13:15:00Z"))
        .inRollout(ROLLOUT);
  }

  static Event started() {
    return Event.of(
            EventKind.ROLLOUT_STARTED,
            "prod",
            "17.2.0 -> 17.3.0",
            List.of(),
            Instant.parse("2026-11-23T09:55:00Z"))
        .inRollout(ROLLOUT);
  }

  void deliverAll(Sink sink, Event... events) throws Exception {
    try (Notifier n =
        Notifier.start(
            List.of(new Notifier.Route(sink, Set.of())),
            new Notifier.Policy(10, 3, Duration.ofSeconds(1), Duration.ofSeconds(30)),
            slept::add,
            log::add)) {
      for (Event e : events) {
        n.publish(e);
      }
      assertThat(n.awaitIdle(Duration.ofSeconds(30))).isTrue();
    }
  }

  @Test
  void slackKeepsOneThreadPerRolloutAndUpdatesItsParentInPlace() throws Exception {
    peer.stubFor(
        post(urlEqualTo("/api/chat.postMessage"))
            .willReturn(
                okJson("{\"ok\":true,\"channel\":\"C0123\",\"ts\":\"1700000000.000100\"}")));
    peer.stubFor(
        post(urlEqualTo("/api/chat.update"))
            .willReturn(
                okJson("{\"ok\":true,\"channel\":\"C0123\",\"ts\":\"1700000000.000100\"}")));
    Event other =
        Event.of(EventKind.APPLIED, "prod", "main@1a2b3c4d", List.of(), START.plusSeconds(60));
    SlackSink sink =
        new SlackSink(
            "team-slack",
            URI.create(base() + "/api/"),
            secret("slack-token", "xoxb-secret-token"),
            "#rollouts",
            TIMEOUT);

    deliverAll(sink, started(), halted(), other);

    List<ServeEvent> s = served();
    assertThat(s)
        .extracting(e -> e.getRequest().getUrl())
        .containsExactly(
            "/api/chat.postMessage", // the thread's parent
            "/api/chat.postMessage", // the first event, in the thread
            "/api/chat.update", // the parent shows the second event
            "/api/chat.postMessage", // the second event, in the thread
            "/api/chat.postMessage"); // an event of no rollout: its own message
    assertThat(s)
        .allSatisfy(
            e ->
                assertThat(e.getRequest().getHeader("Authorization"))
                    .isEqualTo("Bearer xoxb-secret-token"));
    assertThat(body(s.get(0)))
        .isEqualTo(
            JSON.readTree(
                """
                {"channel":"#rollouts","unfurl_links":false,
                 "text":"[prod] Rollout to 17.3.0 started 2026-11-23T09:55:00Z - latest: Rollout started: 17.2.0 -&gt; 17.3.0"}
                """));
    assertThat(body(s.get(1)))
        .isEqualTo(
            JSON.readTree(
                """
                {"channel":"C0123","unfurl_links":false,"thread_ts":"1700000000.000100",
                 "text":"*[prod] Rollout started: 17.2.0 -&gt; 17.3.0*"}
                """));
    assertThat(body(s.get(2)))
        .isEqualTo(
            JSON.readTree(
                """
                {"channel":"C0123","unfurl_links":false,"ts":"1700000000.000100",
                 "text":"[prod] Rollout to 17.3.0 started 2026-11-23T09:55:00Z - latest: Rollout halted: canary_timeout failed on prod for 3 samples"}
                """));
    assertThat(body(s.get(3)))
        .isEqualTo(
            JSON.readTree(
                """
                {"channel":"C0123","unfurl_links":false,"thread_ts":"1700000000.000100",
                 "text":"*[prod] Rollout halted: canary_timeout failed on prod for 3 samples*\\ngroup: prod\\ncanaries: 0/2 &lt;alive&gt;"}
                """));
    assertThat(body(s.get(4)))
        .isEqualTo(
            JSON.readTree(
                """
                {"channel":"#rollouts","unfurl_links":false,"text":"*[prod] Applied: main@1a2b3c4d*"}
                """));
    assertThat(log).isEmpty();
  }

  @Test
  void slackRateLimitsAreRetriedAfterRetryAfterAndRefusalsAreNotAndNeverQuoteTheToken()
      throws Exception {
    peer.stubFor(
        post(urlEqualTo("/api/chat.postMessage"))
            .inScenario("limit")
            .whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7"))
            .willSetStateTo("then refused"));
    peer.stubFor(
        post(urlEqualTo("/api/chat.postMessage"))
            .inScenario("limit")
            .whenScenarioStateIs("then refused")
            .willReturn(okJson("{\"ok\":false,\"error\":\"invalid_auth\"}")));
    SlackSink sink =
        new SlackSink(
            "team-slack",
            URI.create(base() + "/api"),
            secret("slack-token", "xoxb-secret-token"),
            "#rollouts",
            TIMEOUT);

    deliverAll(sink, Event.of(EventKind.BLIND, "prod", "reports expired", List.of(), START));

    assertThat(served()).hasSize(2);
    assertThat(slept).containsExactly(Duration.ofSeconds(7));
    assertThat(log)
        .containsExactly(
            "team-slack: chat.postMessage failed: invalid_auth (not retried: check the token's"
                + " scopes and the channel) (blind of prod, given up after 2 attempt(s))");
    assertThat(String.join("\n", log)).doesNotContain("xoxb");
  }

  @Test
  void aSlackIncomingWebhookPostsEachEventAsItsOwnMessage() throws Exception {
    peer.stubFor(post(urlEqualTo("/services/T0/B0/secret")).willReturn(aResponse().withBody("ok")));
    ChatWebhookSink sink =
        ChatWebhookSink.slack(
            "slack-hook", secret("slack-url", base() + "/services/T0/B0/secret"), TIMEOUT);

    deliverAll(sink, started(), halted());

    List<ServeEvent> s = served();
    assertThat(s).hasSize(2);
    assertThat(body(s.get(1)))
        .isEqualTo(
            JSON.readTree(
                """
                {"unfurl_links":false,
                 "text":"*[prod] Rollout halted: canary_timeout failed on prod for 3 samples*\\ngroup: prod\\ncanaries: 0/2 &lt;alive&gt;"}
                """));
    assertThat(body(s.get(0)).has("thread_ts")).isFalse();
  }

  @Test
  void aRefusingWebhookIsReportedWithoutItsUrl() throws Exception {
    peer.stubFor(
        post(urlEqualTo("/services/T0/B0/secret")).willReturn(aResponse().withStatus(404)));
    ChatWebhookSink sink =
        ChatWebhookSink.slack(
            "slack-hook", secret("slack-url", base() + "/services/T0/B0/secret"), TIMEOUT);

    deliverAll(sink, halted());

    assertThat(log)
        .singleElement()
        .asString()
        .startsWith("slack-hook: the peer answered HTTP 404 (not retried")
        .doesNotContain("/services/")
        .doesNotContain("secret");
  }

  @Test
  void teamsGetsOneAdaptiveCardPerEvent() throws Exception {
    peer.stubFor(post(urlEqualTo("/workflows/abc")).willReturn(aResponse().withStatus(202)));
    ChatWebhookSink sink =
        ChatWebhookSink.teams("teams", secret("teams-url", base() + "/workflows/abc"), TIMEOUT);

    deliverAll(sink, halted());

    assertThat(body(served().get(0)))
        .isEqualTo(
            JSON.readTree(
                """
                {"type":"message","attachments":[{
                  "contentType":"application/vnd.microsoft.card.adaptive","contentUrl":null,
                  "content":{
                    "$schema":"http://adaptivecards.io/schemas/adaptive-card.json",
                    "type":"AdaptiveCard","version":"1.4",
                    "body":[
                      {"type":"TextBlock","size":"Medium","weight":"Bolder","text":"[prod] Rollout halted","wrap":true},
                      {"type":"TextBlock","text":"canary_timeout failed on prod for 3 samples","wrap":true},
                      {"type":"FactSet","facts":[{"title":"group","value":"prod"},{"title":"canaries","value":"0/2 <alive>"}]}
                    ]}}]}
                """));
    assertThat(log).isEmpty();
  }

  @Test
  void theGenericWebhookSignsTheExactBodyAndKeepsItsDeliveryIdAcrossRetries() throws Exception {
    peer.stubFor(
        post(urlEqualTo("/hook"))
            .inScenario("flaky")
            .whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo("up"));
    peer.stubFor(
        post(urlEqualTo("/hook"))
            .inScenario("flaky")
            .whenScenarioStateIs("up")
            .willReturn(aResponse().withStatus(204)));
    WebhookSink sink =
        new WebhookSink(
            "receiver", URI.create(base() + "/hook"), secret("hook-key", "k3y"), TIMEOUT);

    deliverAll(sink, halted().onRevision("1a2b3c4d5e6f"));

    List<ServeEvent> s = served();
    assertThat(s).hasSize(2);
    assertThat(slept).containsExactly(Duration.ofSeconds(1));
    for (ServeEvent e : s) {
      byte[] raw = e.getRequest().getBody();
      assertThat(e.getRequest().getHeader(WebhookSink.SIGNATURE))
          .isEqualTo("sha256=" + hmac("k3y", raw));
      assertThat(e.getRequest().getHeader("X-Lockstep-Event")).isEqualTo("halted");
    }
    String delivery = s.get(0).getRequest().getHeader("X-Lockstep-Delivery");
    assertThat(s.get(1).getRequest().getHeader("X-Lockstep-Delivery")).isEqualTo(delivery);
    assertThat(body(s.get(1)))
        .isEqualTo(
            JSON.readTree(
                """
                {"event":"halted","delivery":"%s","cluster":"prod","at":"2026-11-23T13:15:00Z",
                 "summary":"canary_timeout failed on prod for 3 samples",
                 "rollout":{"target_version":"17.3.0","start_time":"2026-11-23T09:55:00Z"},
                 "facts":{"group":"prod","canaries":"0/2 <alive>"},
                 "revision":"1a2b3c4d5e6f","pull_request":null}
                """
                    .formatted(delivery)));
  }

  /** The receiver's side, written independently of {@link WebhookSink#sign}. */
  static String hmac(String key, byte[] body) throws Exception {
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(
        new javax.crypto.spec.SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    StringBuilder hex = new StringBuilder();
    for (byte b : mac.doFinal(body)) {
      hex.append(String.format("%02x", b));
    }
    return hex.toString();
  }

  ForgeSettings github() throws IOException {
    return new ForgeSettings(
        Platform.GITHUB,
        URI.create(base()),
        "acme/teleport-config",
        Optional.of(Secret.file(secret("gh-token", "ghp_secret"))),
        Map.of(),
        TIMEOUT,
        1,
        Duration.ofMillis(1),
        Duration.ofSeconds(1));
  }

  @Test
  void commitStatusesFollowTheRolloutPerClusterOnTheSourceRevision() throws Exception {
    String sha = "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d";
    peer.stubFor(
        post(urlEqualTo("/repos/acme/teleport-config/statuses/" + sha))
            .willReturn(aResponse().withStatus(201)));
    Sink sink =
        new NotifySettings.CommitStatuses(
                "statuses", Set.of(), github(), "lockstep", Optional.empty())
            .sink(TIMEOUT);

    deliverAll(
        sink,
        started().onRevision(sha),
        halted().onRevision(sha),
        halted(), // no revision: nothing to set
        Event.of(EventKind.BLIND, "prod", "expired", List.of(), START).onRevision(sha));

    List<ServeEvent> s = served();
    assertThat(s).hasSize(2);
    assertThat(s.get(0).getRequest().getHeader("Authorization")).contains("ghp_secret");
    assertThat(body(s.get(0)))
        .isEqualTo(
            JSON.readTree(
                """
                {"state":"pending","context":"lockstep/prod","description":"Rollout started: 17.2.0 -> 17.3.0"}
                """));
    assertThat(body(s.get(1)))
        .isEqualTo(
            JSON.readTree(
                """
                {"state":"failure","context":"lockstep/prod",
                 "description":"Rollout halted: canary_timeout failed on prod for 3 samples"}
                """));
  }

  @Test
  void thePlanCommentIsPostedOnceThenEditedInPlace() throws Exception {
    String marker = "<!-- lockstep:plan:prod -->";
    peer.stubFor(
        get(urlPathEqualTo("/repos/acme/teleport-config/issues/7/comments"))
            .inScenario("comment")
            .whenScenarioStateIs(STARTED)
            .willReturn(okJson("[]")));
    peer.stubFor(
        post(urlEqualTo("/repos/acme/teleport-config/issues/7/comments"))
            .inScenario("comment")
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withBody("{\"id\":5,\"body\":\"plan v1\\n\\n" + marker + "\"}"))
            .willSetStateTo("posted"));
    peer.stubFor(
        get(urlPathEqualTo("/repos/acme/teleport-config/issues/7/comments"))
            .inScenario("comment")
            .whenScenarioStateIs("posted")
            .willReturn(okJson("[{\"id\":5,\"body\":\"plan v1\\n\\n" + marker + "\"}]")));
    peer.stubFor(
        WireMock.patch(urlEqualTo("/repos/acme/teleport-config/issues/comments/5"))
            .willReturn(okJson("{\"id\":5,\"body\":\"plan v2\\n\\n" + marker + "\"}")));
    Sink sink = new NotifySettings.PlanComment("plan", Set.of(), github()).sink(TIMEOUT);
    Event plan = Event.of(EventKind.PLAN, "prod", "plan of main@1a2b", List.of(), START);

    deliverAll(sink, plan.onPullRequest(7, "plan v1"), plan.onPullRequest(7, "plan v2"));

    List<ServeEvent> s = served();
    assertThat(s)
        .extracting(e -> e.getRequest().getMethod().getName() + " " + e.getRequest().getUrl())
        .containsExactly(
            "GET /repos/acme/teleport-config/issues/7/comments?per_page=100",
            "POST /repos/acme/teleport-config/issues/7/comments",
            "GET /repos/acme/teleport-config/issues/7/comments?per_page=100",
            "PATCH /repos/acme/teleport-config/issues/comments/5");
    assertThat(body(s.get(3)))
        .isEqualTo(JSON.readTree("{\"body\":\"plan v2\\n\\n" + marker + "\"}"));
  }

  @Test
  void aPlatformTokenMustComeFromAFile() throws IOException {
    ForgeSettings env =
        ForgeSettings.of(
            Platform.GITHUB,
            URI.create(base()),
            "acme/teleport-config",
            Optional.of(Secret.env("GITHUB_TOKEN")),
            Map.of("GITHUB_TOKEN", "ghp_secret"));

    assertThatThrownBy(() -> new NotifySettings.PlanComment("plan", Set.of(), env))
        .hasMessage(
            "notification sink plan: the platform token must come from a file (token-file), not"
                + " env:GITHUB_TOKEN");
  }
}
