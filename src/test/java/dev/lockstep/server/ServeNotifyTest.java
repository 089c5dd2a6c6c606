package dev.lockstep.server;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.lockstep.notify.WebhookSink;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * serve's notification settings end to end: {@code lockstep.notify.sinks.hook.*} as an operator
 * writes them, the embedded default repository applied on the first run, and the signed webhook
 * (WireMock) receiving the {@code applied} event with a signature its receiver can check. The
 * signing key is read from a file and sent nowhere.
 */
@QuarkusTest
@TestProfile(ServeNotifyTest.Profile.class)
class ServeNotifyTest {
  static final String SECRET = "n0tify-s3cret-value";

  @TestHTTPResource(value = "/", management = true)
  URL management;

  /** serve on the embedded default with one signed webhook sink. */
  public static class Profile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(new TestResourceEntry(Hook.class));
    }
  }

  /** WireMock as the webhook receiver. */
  public static class Hook implements QuarkusTestResourceLifecycleManager {
    static WireMockServer server;

    @Override
    public Map<String, String> start() {
      try {
        Path dir = Files.createTempDirectory("lockstep-notify-serve");
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(post("/hook").willReturn(aResponse().withStatus(204)));
        return Map.ofEntries(
            Map.entry("lockstep-serve.loop", "true"),
            Map.entry("lockstep.data-dir", dir.resolve("data").toString()),
            Map.entry("lockstep.git.interval", "PT1H"),
            Map.entry("lockstep.reconcile.jitter", "PT0S"),
            Map.entry("lockstep.notify.sinks.hook.type", "webhook"),
            Map.entry("lockstep.notify.sinks.hook.url", server.baseUrl() + "/hook"),
            Map.entry(
                "lockstep.notify.sinks.hook.secret-file",
                Files.writeString(dir.resolve("hook-secret"), SECRET + "\n").toString()));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void stop() {
      if (server != null) {
        server.stop();
      }
    }
  }

  @Test
  void theFirstApplyReachesTheSignedWebhook() throws Exception {
    long deadline = System.nanoTime() + 30_000_000_000L;
    List<LoggedRequest> got = List.of();
    while (System.nanoTime() < deadline) {
      got = Hook.server.findAll(postRequestedFor(urlEqualTo("/hook")));
      if (!got.isEmpty()) {
        break;
      }
      Thread.sleep(100);
    }
    List<LoggedRequest> events = got;
    assertThat(events).as("events POSTed to the webhook").isNotEmpty();
    LoggedRequest applied =
        events.stream()
            .filter(r -> "applied".equals(r.getHeader("X-Lockstep-Event")))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no applied event in " + events));
    byte[] body = applied.getBody();
    assertThat(applied.getHeader(WebhookSink.SIGNATURE))
        .isEqualTo("sha256=" + WebhookSink.sign(SECRET, body));
    JsonNode json = new ObjectMapper().readTree(body);
    assertThat(json.get("event").asText()).isEqualTo("applied");
    assertThat(json.get("revision").asText()).isNotBlank();
    assertThat(new String(body, java.nio.charset.StandardCharsets.UTF_8)).doesNotContain(SECRET);
    // the sink counts the delivery once the receiver answered, a moment after WireMock logs it
    String delivered = "lockstep_notify_events_total{outcome=\"delivered\",sink=\"hook\"} ";
    String metrics = BrowserTestBase.metrics(management);
    for (long until = System.nanoTime() + 10_000_000_000L;
        metrics.contains(delivered + "0.0") && System.nanoTime() < until; ) {
      Thread.sleep(100);
      metrics = BrowserTestBase.metrics(management);
    }
    assertThat(metrics)
        .containsPattern(java.util.regex.Pattern.quote(delivered) + "[1-9]")
        .contains("lockstep_notify_events_total{outcome=\"failed\",sink=\"hook\"} 0.0")
        .contains("lockstep_notify_events_total{outcome=\"dropped\",sink=\"hook\"} 0.0");
  }
}
