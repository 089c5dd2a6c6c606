package dev.lockstep.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.finding.Finding;
import dev.lockstep.finding.Findings;
import dev.lockstep.finding.Rule;
import dev.lockstep.finding.Severity;
import dev.lockstep.model.ClusterSource;
import dev.lockstep.model.DesiredState;
import dev.lockstep.model.SourceLocation;
import dev.lockstep.model.Version;
import dev.lockstep.parse.DirectoryTree;
import dev.lockstep.parse.RepositoryParser;
import dev.lockstep.plan.ObservedRollout;
import dev.lockstep.plan.Plan;
import dev.lockstep.plan.PlanOptions;
import dev.lockstep.plan.Planner;
import dev.lockstep.reconcile.Condition;
import dev.lockstep.reconcile.ConditionStatus;
import dev.lockstep.reconcile.PeerStatus;
import dev.lockstep.reconcile.Reconciler;
import dev.lockstep.reconcile.StatusDocument;
import dev.lockstep.reconcile.StatusYaml;
import dev.lockstep.source.StatusFile;
import dev.lockstep.testing.Golden;
import dev.lockstep.testing.Xml;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The dashboard's pages from records: golden files for the sample repository served as prod
 * (healthy, and halted with a refused revision), the cluster it does not serve, and an instance
 * that has read nothing yet; every page well-formed, pure ASCII, escaped, loading only Lockstep's
 * own style sheet and script, with a row per declared cluster and a lane per group.
 */
class PagesTest {
  static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");
  static final String REMOTE = "https://github.com/example/fleet.git";
  static final String HOSTILE = "<script>alert(\"x\")</script> & 'quotes'";

  static final DesiredState SAMPLE =
      new RepositoryParser()
          .parse(new DirectoryTree(Path.of("sample-repo"), "", "main@1a2b3c4d"))
          .state();

  static final Rule RULE = new Rule("teleport/start-hour-range", Severity.ERROR, "start_hour");

  /** A served prod whose last reconcile applied the revision, nothing observed live. */
  static DashboardInput healthy() {
    ClusterSource prod = SAMPLE.cluster("prod").orElseThrow();
    Plan plan = Planner.plan("main@1a2b3c4d", prod, Optional.empty(), PlanOptions.from(NOW));
    StatusDocument status =
        status(
            List.of(
                condition(Condition.READY, ConditionStatus.TRUE, Reconciler.SUCCEEDED),
                condition(Condition.VALIDATED, ConditionStatus.TRUE, Reconciler.VALIDATED),
                condition(Condition.APPLIED, ConditionStatus.TRUE, Reconciler.APPLIED)),
            Optional.empty());
    Findings warnings =
        Findings.of(
            Finding.warning(
                new Rule("channel/target-mismatch", Severity.WARNING, "mismatch"),
                "stable/rolling serves 18.1.0 " + HOSTILE,
                new SourceLocation("clusters/prod/autoupdate_version.yaml", 7, 5),
                "spec.agents.target_version"));
    return new DashboardInput(
        NOW,
        "g1",
        Optional.of("prod"),
        Optional.of(status),
        Optional.of(plan),
        Optional.empty(),
        Optional.of(new Reconciler.Evaluated("main@1a2b3c4d", SAMPLE, warnings)),
        Optional.empty(),
        false,
        Map.of(),
        Optional.empty());
  }

  /**
   * prod halted: the live rollout has its first group done and the second rolled back, a Halted
   * condition stands, and the head revision was refused for an error finding.
   */
  static DashboardInput halted() {
    DashboardInput h = healthy();
    Plan plan = h.plan().orElseThrow();
    String first = plan.groups().get(0).name();
    String second = plan.groups().size() > 1 ? plan.groups().get(1).name() : first;
    StatusDocument.Rollout rollout =
        new StatusDocument.Rollout(
            "active",
            "17.5.1",
            "17.5.2",
            "halt-on-error",
            Optional.of(NOW.minus(Duration.ofHours(30))),
            List.of(
                new StatusDocument.Group(
                    first,
                    "done",
                    "update_complete",
                    Optional.of(NOW.minus(Duration.ofHours(30))),
                    10,
                    10,
                    10),
                new StatusDocument.Group(
                    second,
                    "rolledback",
                    "manual_rollback",
                    Optional.of(NOW.minus(Duration.ofHours(6))),
                    20,
                    20,
                    3)));
    StatusDocument status =
        status(
            List.of(
                condition(Condition.READY, ConditionStatus.FALSE, "ValidationFailed"),
                condition(Condition.VALIDATED, ConditionStatus.FALSE, "ValidationFailed"),
                condition(Condition.APPLIED, ConditionStatus.TRUE, Reconciler.APPLIED),
                condition("Halted", ConditionStatus.TRUE, "CheckFailed")),
            Optional.of(rollout));
    Findings errors =
        Findings.of(
            Finding.error(
                RULE,
                "start_hour 25 is outside 0-23 " + HOSTILE,
                new SourceLocation("clusters/prod/autoupdate_config.yaml", 12, 7),
                "spec.agents.schedules.regular[0].start_hour"));
    return new DashboardInput(
        NOW,
        "g2",
        h.servedCluster(),
        Optional.of(status),
        h.plan(),
        Observation.of(status),
        h.inForce(),
        Optional.of(new Reconciler.Evaluated("main@9f8e7d6c", SAMPLE, errors)),
        true,
        Map.of(),
        Optional.empty());
  }

  /**
   * healthy() with staging's status as its own instance committed it: a live rollout with a group
   * rolled back and a Halted condition, two findings, committed a minute before now. The status
   * goes through the file text and back, as serve reads it.
   */
  static DashboardInput withStagingStatus() {
    DashboardInput h = healthy();
    StatusDocument s = halted().status().orElseThrow();
    Findings two =
        Findings.of(
            Finding.error(
                RULE,
                "staging finding " + HOSTILE,
                new SourceLocation("clusters/staging/autoupdate_config.yaml", 3, 1),
                "spec"),
            Finding.warning(
                RULE,
                "another",
                new SourceLocation("clusters/staging/autoupdate_config.yaml", 4, 1),
                "spec"));
    StatusDocument staging =
        new StatusDocument(
            "staging",
            s.updatedAt().minus(Duration.ofMinutes(5)),
            s.source(),
            s.conditions(),
            s.applied(),
            two,
            s.rollout(),
            s.timeline(),
            s.history());
    PeerStatus peer =
        PeerStatus.of(new StatusFile(StatusYaml.render(staging), NOW.minus(Duration.ofMinutes(4))))
            .orElseThrow();
    return new DashboardInput(
        h.now(),
        h.generation(),
        h.servedCluster(),
        h.status(),
        h.plan(),
        h.observed(),
        h.inForce(),
        h.refused(),
        h.suspended(),
        Map.of("staging", peer),
        Optional.empty());
  }

  /** {@code in} with the served cluster's control plane read live from its Proxy. */
  static DashboardInput withLive(DashboardInput in, String version) {
    return new DashboardInput(
        in.now(),
        in.generation(),
        in.servedCluster(),
        in.status(),
        in.plan(),
        in.observed(),
        in.inForce(),
        in.refused(),
        in.suspended(),
        in.peers(),
        Version.tryParse(version));
  }

  /** Nothing read yet. */
  static DashboardInput empty() {
    return DashboardInput.nothingRead(NOW, "g0", Optional.of("prod"));
  }

  static StatusDocument status(
      List<Condition> conditions, Optional<StatusDocument.Rollout> rollout) {
    return new StatusDocument(
        "prod",
        NOW.minus(Duration.ofMinutes(2)),
        source(),
        conditions,
        List.of(),
        Findings.NONE,
        rollout,
        List.of(),
        List.of(
            new StatusDocument.ReconcileRecord(
                NOW.minus(Duration.ofMinutes(2)),
                "main@1a2b3c4d",
                conditions.get(0).status(),
                conditions.get(0).reason(),
                conditions.get(0).message()),
            new StatusDocument.ReconcileRecord(
                NOW.minus(Duration.ofHours(3)),
                "main@00aa11bb",
                ConditionStatus.TRUE,
                Reconciler.SUCCEEDED,
                "Applied revision main@00aa11bb")));
  }

  /** The source of a status: main at 1a2b3c4d of {@link #REMOTE}, signatures not checked. */
  static StatusDocument.Source source() {
    return new StatusDocument.Source(
        REMOTE,
        "main",
        "1a2b3c4d1a2b3c4d1a2b3c4d1a2b3c4d1a2b3c4d",
        new StatusDocument.Signature("none", false, "", "", "not checked"));
  }

  static Condition condition(String type, ConditionStatus status, String reason) {
    return new Condition(
        type,
        status,
        reason,
        type + " is " + status.name().toLowerCase(java.util.Locale.ROOT) + " " + HOSTILE,
        "main@1a2b3c4d",
        NOW.minus(Duration.ofHours(1)));
  }

  static Stream<Arguments> pages() {
    return Stream.of(
        Arguments.of(Named.of("fleet-healthy", Pages.fleet(healthy()))),
        Arguments.of(Named.of("cluster-prod-healthy", Pages.cluster(healthy(), "prod").get())),
        Arguments.of(
            Named.of("cluster-staging-not-served", Pages.cluster(healthy(), "staging").get())),
        Arguments.of(Named.of("fleet-halted", Pages.fleet(halted()))),
        Arguments.of(Named.of("fleet-staging-from-status", Pages.fleet(withStagingStatus()))),
        Arguments.of(
            Named.of(
                "cluster-staging-from-status",
                Pages.cluster(withStagingStatus(), "staging").get())),
        Arguments.of(Named.of("cluster-prod-halted", Pages.cluster(halted(), "prod").get())),
        Arguments.of(Named.of("fleet-nothing-read", Pages.fleet(empty()))),
        Arguments.of(
            Named.of(
                "fleet-live-control-plane-differs",
                Pages.fleet(withLive(withStagingStatus(), "17.6.0")))),
        Arguments.of(
            Named.of(
                "cluster-prod-live-control-plane-differs",
                Pages.cluster(withLive(healthy(), "17.6.0"), "prod").get())),
        Arguments.of(Named.of("cluster-prod-nothing-read", Pages.cluster(empty(), "prod").get())));
  }

  /** One row: the live version read (or none), the words and markup expected. */
  record ControlPlaneCase(
      Optional<ClusterSource> cluster, Optional<String> live, String expected) {}

  static Stream<Arguments> controlPlanes() {
    Optional<ClusterSource> prod = SAMPLE.cluster("prod");
    return Stream.of(
        Arguments.of(
            Named.of(
                "nothing read from the Proxy: the declared auth_version, marked",
                new ControlPlaneCase(prod, Optional.empty(), "17.5.2 (declared)"))),
        Arguments.of(
            Named.of(
                "live equals declared: plain, no warning",
                new ControlPlaneCase(prod, Optional.of("17.5.2"), "17.5.2 (live, as declared)"))),
        Arguments.of(
            Named.of(
                "live differs: warning style with a symbol and the declared one in words",
                new ControlPlaneCase(
                    prod,
                    Optional.of("17.6.0"),
                    "<span class=\"differs\" title=\"the live control plane differs from the"
                        + " revision: declared auth_version 17.5.2\"><span"
                        + " aria-hidden=\"true\">!</span> 17.6.0 live</span><br/><small>differs:"
                        + " declared auth_version 17.5.2</small>"))),
        Arguments.of(
            Named.of(
                "live read, nothing declared: a difference",
                new ControlPlaneCase(
                    Optional.empty(),
                    Optional.of("17.6.0"),
                    "<span class=\"differs\" title=\"the live control plane differs from the"
                        + " revision: auth_version not declared\"><span"
                        + " aria-hidden=\"true\">!</span> 17.6.0 live</span><br/><small>differs:"
                        + " auth_version not declared</small>"))),
        Arguments.of(
            Named.of(
                "nothing read, nothing declared",
                new ControlPlaneCase(Optional.empty(), Optional.empty(), "not declared"))));
  }

  @ParameterizedTest
  @MethodSource("controlPlanes")
  void controlPlaneVersion(ControlPlaneCase c) {
    assertThat(Pages.controlPlane(c.cluster(), c.live().flatMap(Version::tryParse)))
        .isEqualTo(c.expected());
  }

  @Test
  void theLiveVersionIsShownForTheServedClusterOnlyAndPeersStayDeclared() throws Exception {
    Document doc = Xml.parse(Pages.fleet(withLive(withStagingStatus(), "17.6.0")));
    Map<String, String> controlPlane = new java.util.TreeMap<>();
    for (Element row : elements(doc, "tr")) {
      NodeList heads = row.getElementsByTagName("th");
      if (heads.getLength() == 1 && ((Element) heads.item(0)).getAttribute("scope").equals("row")) {
        for (Element td : elementsOf(row, "td")) {
          if (td.getAttribute("data-label").equals("Control plane")) {
            controlPlane.put(
                heads.item(0).getTextContent().replace("this instance", ""), td.getTextContent());
          }
        }
      }
    }
    assertThat(controlPlane)
        .containsEntry("prod", "! 17.6.0 livediffers: declared auth_version 17.5.2")
        .containsEntry("staging", "17.5.3 (declared)");
  }

  @Test
  void pagesMatchTheirGoldenFiles() {
    pages()
        .map(a -> (Named<?>) a.get()[0])
        .forEach(n -> Golden.assertMatches(PagesTest.class, n.getName(), (String) n.getPayload()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pages")
  void pageIsWellFormedAsciiEscapedAndLoadsOnlyLockstepAssets(String html) throws Exception {
    Document doc = Xml.parse(html);
    assertThat(html.chars().allMatch(c -> c == '\n' || (c >= 0x20 && c < 0x7f))).isTrue();
    assertThat(html).doesNotContain("<script>alert").doesNotContain("'quotes'");
    Matcher src = Pattern.compile("(?:src|href)=\"([^\"]*)\"").matcher(html);
    while (src.find()) {
      String url = src.group(1);
      boolean forge = url.startsWith("https://github.com/example/fleet/");
      assertThat(url.startsWith("/") || url.startsWith("#") || forge)
          .as("link or resource %s", url)
          .isTrue();
    }
    assertThat(elements(doc, "script")).hasSize(1);
    assertThat(elements(doc, "script").get(0).getAttribute("src")).isEqualTo(Pages.SCRIPT_PATH);
    assertThat(elements(doc, "link").get(0).getAttribute("href")).isEqualTo(Pages.STYLE_PATH);
    assertThat(doc.getElementsByTagName("main").getLength()).isEqualTo(1);
    assertThat(elements(doc, "a").get(0).getAttribute("href")).isEqualTo("#main");
    for (Element th : elements(doc, "th")) {
      assertThat(th.getAttribute("scope")).as("scope of a table header").isIn("col", "row");
    }
    for (Element t : elements(doc, "time")) {
      assertThat(Instant.parse(t.getAttribute("datetime"))).isNotNull();
      assertThat(t.getTextContent()).endsWith(" UTC");
    }
  }

  @Test
  void fleetListsEveryDeclaredClusterAndChannel() throws Exception {
    Document doc = Xml.parse(Pages.fleet(healthy()));
    List<String> rows =
        elements(doc, "th").stream()
            .filter(th -> th.getAttribute("scope").equals("row"))
            .map(th -> th.getTextContent())
            .toList();
    for (ClusterSource c : SAMPLE.clusters()) {
      assertThat(rows).anyMatch(r -> r.startsWith(c.name()));
    }
    for (var ch : SAMPLE.channels()) {
      assertThat(rows).contains(ch.name());
    }
    assertThat(Pages.fleet(healthy()))
        .contains("not served by this instance")
        .contains("https://github.com/example/fleet/commit/1a2b3c4d");
  }

  @Test
  void clusterPageDrawsEveryGroupAndTheObservedLaneOnlyWhenObserved() {
    DashboardInput h = halted();
    String page = Pages.cluster(h, "prod").orElseThrow();
    for (var g : h.plan().orElseThrow().groups()) {
      assertThat(page).contains("<th scope=\"row\">" + g.name());
    }
    assertThat(page).contains("id=\"live-groups\"").contains("rolled back by hand");
    assertThat(page)
        .contains(
            "https://github.com/example/fleet/blob/9f8e7d6c/clusters/prod/autoupdate_config.yaml#L12");
    String plain = Pages.cluster(healthy(), "prod").orElseThrow();
    assertThat(plain).doesNotContain("id=\"live-groups\"");
    assertThat(Observation.of(healthy().status().orElseThrow())).isEmpty();
    assertThat(Observation.of(h.status().orElseThrow()).map(ObservedRollout::groups))
        .hasValueSatisfying(gs -> assertThat(gs).hasSize(2));
  }

  @Test
  void aClusterServedElsewhereShowsTheStatusItsInstanceCommitted() {
    String fleet = Pages.fleet(withStagingStatus());
    String row = fleet.substring(fleet.indexOf("<th scope=\"row\"><a href=\"/clusters/staging"));
    row = row.substring(0, row.indexOf("</tr>"));
    assertThat(row)
        .contains("active (live): 17.5.1 to 17.5.2")
        .contains("Halted")
        .contains("not served by this instance, status from 2026-")
        .contains("2 in its status")
        .doesNotContain("no status yet");
    String without = Pages.fleet(healthy());
    String plain =
        without.substring(without.indexOf("<th scope=\"row\"><a href=\"/clusters/staging"));
    assertThat(plain.substring(0, plain.indexOf("</tr>")))
        .contains("not served by this instance; no status yet");
    assertThat(Pages.cluster(withStagingStatus(), "staging").orElseThrow())
        .contains("id=\"live-groups\"")
        .contains("id=\"history-table\"");
  }

  @Test
  void anUndeclaredClusterHasNoPage() {
    assertThat(Pages.cluster(healthy(), "nope")).isEmpty();
  }

  @Test
  void pathSegmentsAreEncoded() {
    assertThat(Pages.clusterPath("a b/\"<")).isEqualTo("/clusters/a%20b%2F%22%3C");
    assertThat(Pages.clusterPath("prod-eu.1_x~")).isEqualTo("/clusters/prod-eu.1_x~");
  }

  static List<Element> elements(Document doc, String tag) {
    return nodes(doc.getElementsByTagName(tag));
  }

  static List<Element> elementsOf(Element parent, String tag) {
    return nodes(parent.getElementsByTagName(tag));
  }

  private static List<Element> nodes(NodeList nodes) {
    return java.util.stream.IntStream.range(0, nodes.getLength())
        .mapToObj(i -> (Element) nodes.item(i))
        .toList();
  }
}
