package dev.lockstep.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.reconcile.EmbeddedRepository;
import dev.lockstep.server.Browser.Viewport;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The dashboard in a real browser (headless chromium) against serve on the embedded default: the
 * fleet lists every cluster, the cluster page draws a lane for every group, a new revision shows up
 * within seconds without a reload, the keyboard reaches the content, nothing is logged to the
 * console and no request leaves 127.0.0.1; screenshots of each page at 1280x800 and 390x844.
 */
@QuarkusTest
@TestProfile(DashboardProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserIT extends BrowserTestBase {
  @Inject LockstepConfig config;

  @Test
  @Order(1)
  void fleetListsEveryClusterAndTheChannels() throws Exception {
    browser.viewport(Viewport.DESKTOP);
    browser.open("/");
    List<String> rows =
        browser.driver().findElements(By.cssSelector("#fleet tbody th[scope=row] a")).stream()
            .map(WebElement::getText)
            .toList();
    assertThat(rows).containsExactly("prod", "staging");
    assertThat(browser.driver().findElement(By.id("channel-table")).getText())
        .contains("stable/rolling")
        .contains("stable/edge");
    assertThat(browser.driver().findElement(By.cssSelector("tr.served")).getText())
        .contains("Ready")
        .contains("17.5.2");
    assertThat(browser.driver().findElements(By.cssSelector("tr.served svg.meter")))
        .hasSize(service.reconciler().currentPlan().orElseThrow().groups().size());
    for (Viewport v : Viewport.values()) {
      browser.viewport(v);
      browser.open("/");
      browser.screenshot("fleet", v);
      assertThat((Long) browser.eval("document.documentElement.scrollWidth - window.innerWidth"))
          .as("sideways scroll of the fleet page at %s px", v.width)
          .isLessThanOrEqualTo(1L);
    }
  }

  @Test
  @Order(2)
  void clusterPagesDrawEveryGroupAndShowLocalTimeOnHover() throws Exception {
    browser.viewport(Viewport.DESKTOP);
    for (String cluster : List.of("prod", "staging")) {
      browser.open("/clusters/" + cluster);
      List<String> groups =
          service
              .reconciler()
              .inForce()
              .orElseThrow()
              .state()
              .cluster(cluster)
              .orElseThrow()
              .autoupdateConfig()
              .orElseThrow()
              .agents()
              .regular()
              .stream()
              .map(g -> g.name())
              .toList();
      String picture = browser.driver().findElement(By.cssSelector("figure svg")).getText();
      String table = browser.driver().findElement(By.cssSelector("table.groups")).getText();
      for (String g : groups) {
        assertThat(browser.driver().findElements(By.cssSelector("figure svg text")))
            .as("a lane label for group %s", g)
            .anyMatch(t -> t.getText().contains(g));
        assertThat(table).contains(g);
      }
      assertThat(picture).isNotNull();
      WebElement time = browser.driver().findElement(By.cssSelector("main time"));
      assertThat(time.getText()).endsWith(" UTC");
      assertThat(time.getDomAttribute("title")).contains("your local time");
      for (Viewport v : Viewport.values()) {
        browser.viewport(v);
        browser.open("/clusters/" + cluster);
        browser.screenshot("cluster-" + cluster, v);
        assertThat((Long) browser.eval("document.documentElement.scrollWidth - window.innerWidth"))
            .as(
                "sideways scroll of the %s page at %s px (the picture scrolls in its box)",
                cluster, v.width)
            .isLessThanOrEqualTo(1L);
      }
      browser.viewport(Viewport.DESKTOP);
    }
  }

  @Test
  @Order(3)
  void theKeyboardSkipsToTheContent() throws Exception {
    browser.viewport(Viewport.DESKTOP);
    browser.open("/");
    browser.driver().findElement(By.tagName("body")).sendKeys(Keys.TAB);
    WebElement first = browser.driver().switchTo().activeElement();
    assertThat(first.getText()).isEqualTo("Skip to the content");
    assertThat(first.getCssValue("left")).isNotEqualTo("-10000px");
    first.sendKeys(Keys.ENTER);
    assertThat(browser.eval("document.activeElement.id")).isEqualTo("main");
  }

  @Test
  @Order(4)
  void aNewRevisionShowsUpWithoutAReload() throws Exception {
    browser.viewport(Viewport.DESKTOP);
    browser.open("/");
    browser.eval("(window.lockstepMarker = 'same page')");
    Path repo = EmbeddedRepository.folder(config.dataDir());
    String commit;
    try (Git git = Git.open(repo.toFile())) {
      Files.writeString(repo.resolve("channels/stable/edge/version"), "v17.5.4\n");
      git.add().addFilepattern("channels/stable/edge/version").call();
      PersonIdent who = new PersonIdent("Test", "test@localhost");
      RevCommit c =
          git.commit()
              .setMessage("edge moves to 17.5.4")
              .setAuthor(who)
              .setCommitter(who)
              .setSign(false)
              .call();
      commit = c.getName().substring(0, 8);
    }
    HttpResponse<String> asked =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(browser.origin() + "/api/reconcile"))
                    .header("Authorization", "Bearer " + DashboardProfile.API_TOKEN)
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(asked.statusCode()).isEqualTo(202);
    Instant until = Instant.now().plus(Duration.ofSeconds(15));
    String text = "";
    while (Instant.now().isBefore(until)) {
      text = browser.driver().findElement(By.tagName("main")).getText();
      if (text.contains(commit)) {
        break;
      }
      Thread.sleep(200);
    }
    assertThat(text).as("the fleet page after the new commit").contains(commit);
    assertThat(text).contains("17.5.4");
    assertThat(browser.eval("window.lockstepMarker")).isEqualTo("same page");
  }

  @Test
  @Order(5)
  void nothingWasLoggedAndNothingLeftLoopback() throws Exception {
    assertThat(browser.requested()).anyMatch(u -> u.endsWith("/dashboard/lockstep.css"));
    assertThat(browser.requested()).anyMatch(u -> u.endsWith("/dashboard/generation"));
    assertThat(browser.requestsLeavingLoopback()).isEmpty();
    assertThat(browser.consoleErrors()).isEmpty();
  }
}
