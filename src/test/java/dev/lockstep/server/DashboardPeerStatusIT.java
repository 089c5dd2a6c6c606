package dev.lockstep.server;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.testing.Xml;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The fleet page end to end through a running serve and a real {@code git daemon} ({@link
 * PeerUpstream}): serve reconciles prod, and staging's row comes from the status file staging's own
 * instance committed on the status branch, with its revision and findings count; a new status
 * commit for staging shows on the page after the next run, without a restart. prod's row shows the
 * control-plane version its Proxy reported beside the declared one. Plain HTTP, no browser.
 */
@QuarkusTest
@TestProfile(DashboardPeerStatusIT.Profile.class)
class DashboardPeerStatusIT {
  /** serve reconciling prod of {@link PeerUpstream}'s repository. */
  public static class Profile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(new TestResourceEntry(PeerUpstream.class));
    }
  }

  @Inject LockstepService service;

  @Test
  void aPeersCommittedStatusIsListedAndANewOneIsPickedUpWithoutRestart() throws Exception {
    BrowserTestBase.awaitRuns(service, 1);
    String first = PeerUpstream.setting("peer-test.first").substring(0, 8);
    String staging = awaitRow("staging", t -> t.contains("main@" + first));
    assertThat(staging)
        .contains("not served by this instance")
        .contains("status from")
        .contains("2 in its status")
        .contains("Ready");
    assertThat(awaitRow("prod", t -> true))
        .contains("this instance")
        .contains("main@" + first)
        .contains(PeerUpstream.LIVE + " live")
        .contains("differs: declared auth_version 17.5.2");
    assertThat(staging).contains("17.5.3 (declared)");
    long runs = service.completedRuns();

    // the admin merges a change; staging's instance applies it and commits its new status
    Path work = Path.of(PeerUpstream.setting("peer-test.work"));
    Files.writeString(work.resolve("NOTES.md"), "staging moved on\n");
    PeerUpstream.git(work, "add", "-A");
    PeerUpstream.git(work, "commit", "-qm", "notes");
    PeerUpstream.git(work, "push", "-q", "origin", "HEAD:main");
    String second = PeerUpstream.git(work, "rev-parse", "HEAD").strip();
    PeerUpstream.commitStagingStatus(
        Path.of(PeerUpstream.setting("peer-test.status-work")), second, 1, Instant.now());

    given()
        .header("Authorization", "Bearer " + PeerUpstream.API_TOKEN)
        .post("/api/reconcile")
        .then()
        .statusCode(202);
    String moved = awaitRow("staging", t -> t.contains("main@" + second.substring(0, 8)));
    assertThat(moved).contains("1 in its status").doesNotContain("main@" + first);
    assertThat(service.completedRuns()).isGreaterThan(runs);
  }

  /**
   * The text of the fleet row of {@code cluster} once it satisfies {@code ready}, polling the page
   * for at most 30 seconds; the last text seen when it never does.
   */
  static String awaitRow(String cluster, java.util.function.Predicate<String> ready)
      throws Exception {
    Instant until = Instant.now().plus(Duration.ofSeconds(30));
    String text = "";
    while (Instant.now().isBefore(until)) {
      text = row(given().get("/").then().statusCode(200).extract().asString(), cluster).orElse("");
      if (ready.test(text)) {
        return text;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the fleet row of " + cluster + " never got there: " + text);
  }

  private static Optional<String> row(String html, String cluster) throws Exception {
    Document doc = Xml.parse(html);
    NodeList rows = doc.getElementsByTagName("tr");
    for (int i = 0; i < rows.getLength(); i++) {
      Element tr = (Element) rows.item(i);
      NodeList heads = tr.getElementsByTagName("th");
      if (heads.getLength() == 1
          && ((Element) heads.item(0)).getAttribute("scope").equals("row")
          && heads.item(0).getTextContent().startsWith(cluster)) {
        return Optional.of(tr.getTextContent());
      }
    }
    return Optional.empty();
  }
}
