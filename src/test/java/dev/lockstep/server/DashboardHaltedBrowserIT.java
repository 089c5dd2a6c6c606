package dev.lockstep.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.server.Browser.Viewport;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The dashboard in a real browser on a halted rollout: serve drives the fake {@code tctl} whose
 * live rollout has its second group rolled back by hand. The fleet row says Halted, the cluster
 * page draws the observed lane under the plan with the rollback's marker and legend entry, and
 * lists the live groups with reasons in words.
 */
@QuarkusTest
@TestProfile(HaltedProfile.class)
class DashboardHaltedBrowserIT extends BrowserTestBase {
  @TestHTTPResource(value = "/", management = true)
  URL management;

  @Test
  void theObservedGroupsAreMetrics() {
    String metrics = metrics(management);
    assertThat(metrics)
        .contains(
            "lockstep_rollout_group_state{cluster=\"prod\",group=\"staging\",state=\"rolledback\"} 1.0",
            "lockstep_rollout_group_state{cluster=\"prod\",group=\"staging\",state=\"active\"} 0.0",
            "lockstep_rollout_group_state{cluster=\"prod\",group=\"dev\",state=\"done\"} 1.0",
            "lockstep_rollout_group_agents{cluster=\"prod\",group=\"prod\",kind=\"up_to_date\"} 0.0",
            "lockstep_rollout_halted{cluster=\"prod\"}");
  }

  @Test
  void theHaltShowsOnTheFleetAndTheObservedLaneOnTheClusterPage() throws Exception {
    browser.viewport(Viewport.DESKTOP);
    browser.open("/");
    WebElement served = browser.driver().findElement(By.cssSelector("tr.served"));
    assertThat(served.getText()).contains("Halted").contains("active (live)");
    assertThat(served.findElements(By.cssSelector("svg.meter"))).hasSize(3);
    assertThat(
            served
                .findElement(By.cssSelector("svg.meter[aria-label^='staging']"))
                .getDomAttribute("aria-label"))
        .contains("rolled back");
    for (Viewport v : Viewport.values()) {
      browser.viewport(v);
      browser.open("/");
      browser.screenshot("fleet-halted", v);
    }

    browser.viewport(Viewport.DESKTOP);
    browser.open("/clusters/prod");
    String live = browser.driver().findElement(By.id("live-groups")).getText();
    assertThat(live).contains("rolled back by hand").contains("update complete");
    List<String> lanes =
        browser.driver().findElements(By.cssSelector("figure svg text")).stream()
            .map(WebElement::getText)
            .toList();
    for (String g : List.of("dev", "staging", "prod")) {
      assertThat(lanes).as("lane of %s", g).anyMatch(t -> t.contains(g));
    }
    assertThat(browser.driver().getPageSource()).containsIgnoringCase("observed");
    WebElement rollback =
        browser.driver().findElement(By.cssSelector("figure svg g.marker.manual-rollback"));
    assertThat(rollback.isDisplayed()).isTrue();
    assertThat(rollback.getRect().getWidth()).isGreaterThan(8);
    assertThat(rollback.findElement(By.tagName("title")).getAttribute("textContent"))
        .startsWith("staging rolled back by hand ")
        .contains(" UTC: tctl autoupdate agents rollback");
    assertThat(browser.driver().findElement(By.cssSelector("figure svg g.legend")).getText())
        .contains("rolled back by hand (tctl autoupdate agents rollback)");
    for (Viewport v : Viewport.values()) {
      browser.viewport(v);
      browser.open("/clusters/prod");
      browser.screenshot("cluster-prod-halted", v);
    }
    assertThat(browser.requestsLeavingLoopback()).isEmpty();
    assertThat(browser.consoleErrors()).isEmpty();
  }
}
