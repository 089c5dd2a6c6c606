package dev.lockstep.server;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the dashboard's browser tests share: one {@link Browser} per test class, started once the
 * first reconcile finished, skipped (or failed under CI) without chromium.
 */
abstract class BrowserTestBase {
  static Browser browser;

  @Inject LockstepService service;

  @TestHTTPResource("/")
  URL base;

  @BeforeEach
  void started() throws InterruptedException {
    Browser.assumeAvailable();
    awaitRuns(service, 1);
    if (browser == null) {
      browser = new Browser(base.getPort());
    }
  }

  @AfterAll
  static void quit() {
    if (browser != null) {
      browser.close();
      browser = null;
    }
  }

  /** The Prometheus text of {@code /q/metrics} on the management port. */
  static String metrics(URL management) {
    return given()
        .baseUri("http://127.0.0.1")
        .port(management.getPort())
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .extract()
        .asString();
  }

  /** Waits (at most a minute) until the service has finished {@code atLeast} runs. */
  static void awaitRuns(LockstepService service, long atLeast) throws InterruptedException {
    Instant until = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(until)
        && (service.completedRuns() < atLeast || service.reconciler().lastReport().isEmpty())) {
      Thread.sleep(50);
    }
    assertThat(service.completedRuns()).isGreaterThanOrEqualTo(atLeast);
  }
}
