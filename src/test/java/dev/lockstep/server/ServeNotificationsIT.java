package dev.lockstep.server;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.lockstep.cluster.MockApiServer;
import dev.lockstep.finding.Findings;
import dev.lockstep.notify.EventKind;
import dev.lockstep.notify.Notifier;
import dev.lockstep.notify.NotifySettings;
import dev.lockstep.reconcile.ReconcileReport;
import dev.lockstep.reconcile.ReportEventsTest;
import dev.lockstep.reconcile.StatusDocument;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ServeNotifications} end to end: two reconcile runs become events that reach WireMock
 * playing Slack's Web API and a generic signed webhook, while a third sink that never answers
 * delays neither {@code after} nor the other sinks.
 */
class ServeNotificationsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");
  private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");
  private static final String COMMIT = ReportEventsTest.COMMIT;

  @TempDir Path tmp;
  WireMockServer peer;
  final List<String> log = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startPeer() {
    peer = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    peer.start();
    peer.stubFor(
        post(urlEqualTo("/api/chat.postMessage"))
            .willReturn(okJson("{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1700000000.000100\"}")));
    peer.stubFor(
        post(urlEqualTo("/api/chat.update"))
            .willReturn(okJson("{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1700000000.000100\"}")));
    peer.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(204)));
    // never answers within the sink's timeout
    peer.stubFor(
        post(urlEqualTo("/hang")).willReturn(aResponse().withStatus(204).withFixedDelay(60_000)));
  }

  @AfterEach
  void stopPeer() {
    peer.stop();
  }

  private String base() {
    return "http://127.0.0.1:" + peer.port();
  }

  private Path secret(String name, String value) throws IOException {
    return Files.writeString(tmp.resolve(name), value + "\n");
  }

  private static ReconcileReport report(ReconcileReport.Result result, List<String> changes) {
    return new ReconcileReport(
        AT,
        "main@1a2b3c4d",
        result,
        result.name(),
        "",
        Findings.NONE,
        Optional.empty(),
        changes,
        List.of(),
        Optional.empty(),
        Duration.ZERO,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  private static Optional<StatusDocument> status(String firstGroupState) {
    StatusDocument.Rollout rollout =
        new StatusDocument.Rollout(
            "active",
            "17.1.0",
            "17.2.0",
            "halt-on-error",
            Optional.of(START),
            List.of(
                new StatusDocument.Group("dev", firstGroupState, "", Optional.empty(), 4, 4, 4),
                new StatusDocument.Group("prod", "unstarted", "", Optional.empty(), 9, 9, 0)));
    return Optional.of(ReportEventsTest.status(Optional.of(rollout)));
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) {
      Thread.sleep(50);
    }
    assertThat(condition.getAsBoolean()).as(what).isTrue();
  }

  private List<ServeEvent> requestsTo(String path) {
    return peer.getAllServeEvents().stream()
        .filter(e -> e.getRequest().getUrl().equals(path))
        .sorted((a, b) -> a.getRequest().getLoggedDate().compareTo(b.getRequest().getLoggedDate()))
        .toList();
  }

  @Test
  void twoRunsReachSlackAndTheSignedWebhookWhileAHangingSinkWaits() throws Exception {
    NotifySettings settings =
        new NotifySettings(
            List.of(
                new NotifySettings.Slack(
                    "team",
                    Set.of(EventKind.APPLIED, EventKind.GROUP_DONE),
                    URI.create(base() + "/api"),
                    secret("slack-token", "xoxb-secret-token"),
                    "#rollouts"),
                new NotifySettings.Webhook(
                    "audit", Set.of(), URI.create(base() + "/hook"), secret("key", "k3y")),
                new NotifySettings.Webhook(
                    "stuck", Set.of(), URI.create(base() + "/hang"), secret("key2", "other"))),
            new Notifier.Policy(10, 1, Duration.ofSeconds(1), Duration.ofSeconds(1)),
            Duration.ofSeconds(30));
    try (ServeNotifications n =
        ServeNotifications.start(settings.routes(), settings.policy(), "fallback", log::add)) {
      assertTimeoutPreemptively(
          Duration.ofSeconds(10),
          () -> {
            assertThat(
                    n.after(
                        report(
                            ReconcileReport.Result.APPLIED,
                            List.of("update autoupdate_version/autoupdate-version")),
                        status("active")))
                .extracting(e -> e.kind())
                .containsExactly(EventKind.APPLIED);
            assertThat(n.after(report(ReconcileReport.Result.UNCHANGED, List.of()), status("done")))
                .extracting(e -> e.kind())
                .containsExactly(EventKind.GROUP_DONE);
          },
          "after() queued and returned although the sink 'stuck' never answers");

      await("the webhook received both events", () -> requestsTo("/hook").size() == 2);
      List<ServeEvent> hook = requestsTo("/hook");
      assertThat(hook)
          .extracting(e -> e.getRequest().getHeader("X-Lockstep-Event"))
          .containsExactly("applied", "group_done");
      for (ServeEvent e : hook) {
        byte[] raw = e.getRequest().getBody();
        assertThat(e.getRequest().getHeader("X-Lockstep-Signature-256"))
            .isEqualTo("sha256=" + hmac("k3y", raw));
        JsonNode body = JSON.readTree(raw);
        assertThat(body.get("cluster").asText()).isEqualTo("prod");
        assertThat(body.get("revision").asText()).isEqualTo(COMMIT);
      }
      JsonNode groupDone = JSON.readTree(hook.get(1).getRequest().getBody());
      assertThat(groupDone.get("summary").asText()).isEqualTo("group dev is on 17.2.0");
      assertThat(groupDone.get("rollout").get("target_version").asText()).isEqualTo("17.2.0");

      await("Slack received both events", () -> requestsTo("/api/chat.postMessage").size() >= 2);
      List<ServeEvent> slack = requestsTo("/api/chat.postMessage");
      assertThat(slack)
          .allSatisfy(
              e ->
                  assertThat(e.getRequest().getHeader("Authorization"))
                      .isEqualTo("Bearer xoxb-secret-token"));
      assertThat(slack.get(0).getRequest().getBodyAsString()).contains("Applied");
      assertThat(slack.get(1).getRequest().getBodyAsString()).contains("#rollouts");

      assertThat(n.counts().get("stuck").delivered()).isZero();
      peer.verify(1, postRequestedFor(urlEqualTo("/hang")));
      assertThat(log).allSatisfy(l -> assertThat(l).doesNotContain("xoxb", "k3y"));
    }
  }

  @Test
  void noSinksSendsNothingAndStillTellsTheEvents() throws Exception {
    try (ServeNotifications n = ServeNotifications.start(NotifySettings.NONE, "prod")) {
      assertThat(
              n.after(
                  report(ReconcileReport.Result.APPLIED, List.of("update x/y")), Optional.empty()))
          .singleElement()
          .satisfies(e -> assertThat(e.cluster()).isEqualTo("prod"));
      assertThat(n.awaitIdle(Duration.ofSeconds(1))).isTrue();
      assertThat(n.counts()).isEmpty();
    }
    assertThat(peer.getAllServeEvents()).isEmpty();
  }

  @Test
  void onTheKubernetesTargetEveryRunIsAlsoAKubernetesEvent() throws Exception {
    try (MockApiServer api = new MockApiServer()) {
      ServeSettings settings =
          ServeSettingsTest.settings(
              Map.of(
                  "lockstep.target.kind", "kubernetes",
                  "lockstep.target.namespace", "teleport-operator"));
      try (ServeNotifications n = ServeNotifications.start(settings, () -> api.client, "prod")) {
        n.after(
            report(
                ReconcileReport.Result.APPLIED,
                List.of("update autoupdate_version/autoupdate-version")),
            status("active"));
        assertThat(n.awaitIdle(Duration.ofSeconds(30))).isTrue();
        assertThat(api.client.v1().events().inNamespace("teleport-operator").list().getItems())
            .singleElement()
            .satisfies(
                e -> {
                  assertThat(e.getReason()).isEqualTo("Applied");
                  assertThat(e.getInvolvedObject().getName()).isEqualTo("autoupdate-config");
                  assertThat(e.getMessage())
                      .startsWith("main@1a2b3c4d applied (1 change); change: update");
                });
      }
    }
  }

  @Test
  void onTheFileTargetNoKubernetesClientIsAskedFor() {
    ServeSettings settings = ServeSettingsTest.settings(Map.of());
    try (ServeNotifications n =
        ServeNotifications.start(
            settings,
            () -> {
              throw new AssertionError("no Kubernetes client on the file target");
            },
            "prod")) {
      assertThat(n.counts()).isEmpty();
    }
  }

  private static String hmac(String key, byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body));
  }
}
