package dev.lockstep.plan;

import static dev.lockstep.rollout.Fixtures.cluster;
import static dev.lockstep.rollout.Fixtures.config;
import static dev.lockstep.rollout.Fixtures.group;
import static dev.lockstep.rollout.Fixtures.version;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.model.ClusterSource;
import dev.lockstep.rollout.GroupState;
import dev.lockstep.rollout.Reasons;
import dev.lockstep.testing.Golden;
import dev.lockstep.testing.Xml;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The timeline picture and the HTML page: well-formed XML, accessible, escaped, self-contained, in
 * the Okabe-Ito palette; the observed overlay and the cut axis as golden files. The plans of the
 * ten scenarios are golden in {@link PlannerGoldenTest}.
 */
class SvgRendererTest {

  static final Instant MONDAY_9 = PlannerGoldenTest.MONDAY_9;

  /** Every scenario of {@link PlannerGoldenTest}, planned. */
  static Stream<Named<Plan>> plans() {
    return PlannerGoldenTest.scenarios()
        .map(a -> (Named<?>) a.get()[0])
        .map(n -> (PlannerGoldenTest.Scenario) n.getPayload())
        .distinct()
        .map(
            s ->
                Named.of(
                    s.name(),
                    Planner.plan("main@abc1234", s.cluster(), Optional.empty(), s.options())));
  }

  @ParameterizedTest
  @MethodSource("plans")
  void pictureIsWellFormedAndAccessible(Plan plan) throws Exception {
    Document doc = Xml.parse(SvgRenderer.render(plan));
    Element svg = doc.getDocumentElement();
    assertThat(svg.getTagName()).isEqualTo("svg");
    assertThat(svg.getAttribute("xmlns")).isEqualTo("http://www.w3.org/2000/svg");
    assertThat(svg.getAttribute("role")).isEqualTo("img");
    assertThat(svg.getAttribute("viewBox")).startsWith("0 0 960 ");
    String[] labelledBy = svg.getAttribute("aria-labelledby").split(" ");
    assertThat(labelledBy).hasSize(2);
    assertThat(byId(doc, labelledBy[0]).getTagName()).isEqualTo("title");
    assertThat(byId(doc, labelledBy[1]).getTagName()).isEqualTo("desc");
    assertThat(byId(doc, labelledBy[1]).getTextContent()).contains(plan.cluster());
    for (Element bar : elements(doc, "rect", "line")) {
      if (bar.getAttribute("class").startsWith("bar")) {
        assertThat(firstChild(bar, "title")).as("tooltip of a bar").isNotNull();
        assertThat(firstChild(bar, "title").getTextContent()).contains("UTC");
        assertThat(Instant.parse(bar.getAttribute("data-from"))).isNotNull();
      }
    }
    for (var g : plan.groups()) {
      assertThat(lane(doc, g.name())).as("lane of " + g.name()).isNotNull();
    }
  }

  @ParameterizedTest
  @MethodSource("plans")
  void pictureIsPureAsciiAndUsesOnlyThePalette(Plan plan) {
    String svg = SvgRenderer.render(plan);
    assertThat(svg.chars().allMatch(c -> c == '\n' || (c >= 0x20 && c < 0x7f))).isTrue();
    Set<String> colours = new TreeSet<>();
    Matcher m = Pattern.compile("#[0-9A-Fa-f]{6}").matcher(svg);
    while (m.find()) {
      colours.add(m.group().toUpperCase());
    }
    // Okabe-Ito (orange, sky blue, bluish green, blue, vermillion, reddish purple), ink and greys
    assertThat(colours)
        .isSubsetOf(
            "#E69F00", "#56B4E9", "#009E73", "#0072B2", "#D55E00", "#CC79A7", "#1A1A1A", "#4D4D4D",
            "#FFFFFF", "#F5F5F5", "#D0D0D0", "#A0A0A0", "#999999");
  }

  @ParameterizedTest
  @MethodSource("plans")
  void textStaysInsideThePicture(Plan plan) throws Exception {
    assertTextInside(Xml.parse(SvgRenderer.render(plan)));
  }

  @ParameterizedTest
  @MethodSource("plans")
  void pageIsSelfContainedWellFormedAndEmbedsThePicture(Plan plan) throws Exception {
    String html = HtmlRenderer.render(plan);
    Document doc = Xml.parse(html);
    assertThat(doc.getDocumentElement().getTagName()).isEqualTo("html");
    assertThat(html).contains(SvgRenderer.render(plan));
    assertThat(html).contains("Content-Security-Policy").contains("default-src 'none'");
    assertThat(html).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<link");
    assertThat(html).doesNotContain("src=").doesNotContain("@import").doesNotContain("@font-face");
    String withoutNamespace = html.replace("http://www.w3.org/2000/svg", "");
    assertThat(withoutNamespace).doesNotContain("http:").doesNotContain("https:");
    assertThat(withoutNamespace.replace("url(#", "")).doesNotContain("url(");
    assertThat(html).contains("<meta name=\"viewport\"");
    for (PlanWarning w : plan.warnings()) {
      assertThat(html).contains(Svg.escape(w.message()));
    }
  }

  @Test
  void groupAndClusterNamesAreEscaped() throws Exception {
    String name = "a<b & \"c\" 'd' \u00e9\u2603\u0001";
    ClusterSource source =
        cluster(
            "c&<\"'>",
            config(
                "enabled",
                "halt-on-error",
                null,
                group(name, "Mon,Tue,Wed,Thu", 12),
                group("z]]>", "*", 14)),
            version());
    Plan plan = Planner.plan("main@<x>&", source, Optional.empty(), PlanOptions.from(MONDAY_9));

    Document svg = Xml.parse(SvgRenderer.render(plan));
    assertTextInside(svg);
    String shown = name.replace('\u0001', '\ufffd');
    assertThat(lane(svg, shown)).isNotNull();
    assertThat(lane(svg, "z]]>")).isNotNull();
    assertThat(svg.getDocumentElement().getTextContent()).contains(shown).contains("c&<\"'>");
    Document html = Xml.parse(HtmlRenderer.render(plan));
    assertThat(html.getElementsByTagName("title").item(0).getTextContent())
        .isEqualTo("Lockstep plan: c&<\"'>");
    assertThat(html.getDocumentElement().getTextContent()).contains(shown).contains("main@<x>&");
  }

  @Test
  void longNamesAreCutToFitAndKeptWholeInTooltips() throws Exception {
    String first = "first-" + "g".repeat(120);
    String second = "second-" + "h".repeat(120);
    String name = "cluster-" + "c".repeat(150);
    ClusterSource source =
        cluster(
            name,
            config(
                "suspended",
                "halt-on-error",
                null,
                group(first, "Mon,Tue,Wed,Thu", 12),
                group(second, "Mon,Tue,Wed,Thu", 12, 24, 0)),
            version());
    Plan plan = Planner.plan("r".repeat(200), source, Optional.empty(), PlanOptions.from(MONDAY_9));
    assertThat(plan.warnings()).isNotEmpty();

    Document svg = Xml.parse(SvgRenderer.render(plan));
    assertTextInside(svg);
    assertThat(lane(svg, first)).isNotNull();
    assertThat(lane(svg, second)).isNotNull();
    assertThat(elements(svg, "title").get(0).getTextContent()).contains(name);
    assertThat(elements(svg, "title").stream().map(Element::getTextContent))
        .contains(first, second);
  }

  @Test
  void everyReasonIsSaidInWords() throws Exception {
    for (Field f : Reasons.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        String reason = (String) f.get(null);
        assertThat(Words.reasonWords(null, reason)).as(reason).isNotEqualTo(reason);
      }
    }
  }

  @Test
  void dayRangesAreShort() {
    assertThat(Words.dayRange(List.of("Mon", "Tue", "Wed", "Thu"))).isEqualTo("Mon\u2013Thu");
    assertThat(Words.dayRange(List.of("Mon", "Wed"))).isEqualTo("Mon, Wed");
    assertThat(Words.dayRange(List.of("Sat", "Sun", "Mon"))).isEqualTo("Mon, Sat, Sun");
    assertThat(Words.dayRange(List.of("*"))).isEqualTo("every day");
  }

  /** halt-on-error-wait-24 as observed on Tuesday: dev done, staging active at 70 %, a halt. */
  static ObservedRollout observedExample() {
    Instant tuesday = Instant.parse("2026-11-24T12:40:00Z");
    return new ObservedRollout(
        tuesday,
        List.of(
            new ObservedRollout.Group(
                "dev",
                GroupState.DONE,
                Reasons.UPDATE_COMPLETE,
                Instant.parse("2026-11-23T12:00:00Z"),
                Instant.parse("2026-11-23T12:40:00Z"),
                10,
                10,
                10),
            new ObservedRollout.Group(
                "staging",
                GroupState.ACTIVE,
                Reasons.UPDATE_IN_PROGRESS,
                Instant.parse("2026-11-24T12:05:00Z"),
                null,
                10,
                10,
                7)),
        List.of(
            new ObservedRollout.Marker(
                Instant.parse("2026-11-24T12:05:00Z"),
                "staging",
                ObservedRollout.Marker.Kind.MANUAL_TRIGGER,
                "tctl autoupdate agents start-update staging"),
            new ObservedRollout.Marker(
                Instant.parse("2026-11-24T12:35:00Z"),
                "staging",
                ObservedRollout.Marker.Kind.HALT,
                "stalled at 70 %")));
  }

  static Plan haltOnErrorWait24() {
    return plans()
        .filter(n -> n.getName().equals("halt-on-error-wait-24"))
        .findFirst()
        .orElseThrow()
        .getPayload();
  }

  @Test
  void observedRolloutIsDrawnUnderThePlannedLanes() throws Exception {
    Plan plan = haltOnErrorWait24();
    String svg = SvgRenderer.render(plan, observedExample());
    Golden.assertMatches(SvgRendererTest.class, "observed-overlay.svg", svg);

    Document doc = Xml.parse(svg);
    assertTextInside(doc);
    List<Element> observed =
        elements(doc, "rect").stream()
            .filter(e -> e.getAttribute("class").equals("bar observed"))
            .toList();
    assertThat(observed).hasSize(2);
    assertThat(observed.get(1).getAttribute("data-from")).isEqualTo("2026-11-24T12:05:00Z");
    assertThat(observed.get(1).getAttribute("data-to")).isEqualTo("2026-11-24T12:40:00Z");
    Element staging = lane(doc, "staging");
    assertThat(staging.getTextContent())
        .contains("observed: active, updating \u00b7 7 of 10 up to date (70 %)")
        .contains("halted Tue 24 Nov 12:35")
        .contains("started by hand Tue 24 Nov 12:05");
    assertThat(lane(doc, "prod").getTextContent()).contains("observed: nothing for this group");
    // 30 minutes apart is 5 units here: the later marker moves right so both stay visible
    List<Double> xs =
        markers(doc).stream()
            .map(e -> e.getAttribute("transform").replaceAll("translate\\(([0-9.]+) .*", "$1"))
            .map(Double::parseDouble)
            .toList();
    assertThat(xs).hasSize(2);
    assertThat(xs.get(1) - xs.get(0)).isGreaterThanOrEqualTo(13);
    Element now =
        elements(doc, "g").stream()
            .filter(e -> e.getAttribute("class").equals("now"))
            .findFirst()
            .orElseThrow();
    assertThat(now.getAttribute("data-at")).isEqualTo("2026-11-24T12:40:00Z");
    assertThat(svg)
        .contains("observed")
        .contains("started by hand (tctl autoupdate agents start-update)");
    assertThat(SvgRenderer.render(plan, ObservedRollout.NONE))
        .isEqualTo(SvgRenderer.render(plan))
        .doesNotContain("observed");
  }

  @Test
  void aHaltedHaltOnErrorRolloutShowsTheHaltOnTheMovingGroup() throws Exception {
    Instant tuesday = Instant.parse("2026-11-24T12:40:00Z");
    ObservedRollout halted =
        new ObservedRollout(
            tuesday,
            List.of(
                observedGroup(
                    "dev", GroupState.DONE, Reasons.UPDATE_COMPLETE, "2026-11-23T12:00:00Z"),
                observedGroup(
                    "staging",
                    GroupState.ACTIVE,
                    Reasons.UPDATE_IN_PROGRESS,
                    "2026-11-24T12:00:00Z"),
                observedGroup(
                    "prod", GroupState.UNSTARTED, Reasons.PREVIOUS_GROUPS_NOT_DONE, null)),
            List.of(
                marker(
                    "2026-11-24T12:30:00Z",
                    "staging",
                    ObservedRollout.Marker.Kind.HALT,
                    "CheckFailed: 4 of 10 agents up to date after 30 minutes")));
    String svg = SvgRenderer.render(haltOnErrorWait24(), halted);
    Golden.assertMatches(SvgRendererTest.class, "halted-halt-on-error.svg", svg);

    Document doc = Xml.parse(svg);
    assertTextInside(doc);
    List<Element> markers = markers(doc);
    assertThat(markers).hasSize(1);
    Element halt = markers.get(0);
    assertThat(halt.getAttribute("class")).isEqualTo("marker halt");
    assertThat(halt.getAttribute("data-at")).isEqualTo("2026-11-24T12:30:00Z");
    assertThat(((Element) halt.getParentNode()).getAttribute("data-group")).isEqualTo("staging");
    assertThat(firstChild(halt, "title").getTextContent())
        .isEqualTo(
            "staging halted "
                + PlanTextRenderer.time(Instant.parse("2026-11-24T12:30:00Z"))
                + " UTC: CheckFailed: 4 of 10 agents up to date after 30 minutes");
    assertThat(legendText(doc)).contains("halted (rollout suspended)").doesNotContain("stuck");
  }

  @Test
  void eachManualTransitionHasItsOwnShapeTitleAndLegendEntry() throws Exception {
    Instant tuesday = Instant.parse("2026-11-24T12:40:00Z");
    ObservedRollout manual =
        new ObservedRollout(
            tuesday,
            List.of(
                observedGroup(
                    "dev", GroupState.DONE, Reasons.MANUAL_FORCED_DONE, "2026-11-23T12:00:00Z"),
                observedGroup(
                    "staging",
                    GroupState.ROLLEDBACK,
                    Reasons.MANUAL_ROLLBACK,
                    "2026-11-24T12:00:00Z"),
                observedGroup(
                    "prod", GroupState.ACTIVE, Reasons.MANUAL_TRIGGER, "2026-11-24T12:20:00Z")),
            List.of(
                marker(
                    "2026-11-23T12:10:00Z",
                    "dev",
                    ObservedRollout.Marker.Kind.MANUAL_DONE,
                    "tctl autoupdate agents mark-done"),
                marker(
                    "2026-11-24T12:15:00Z",
                    "staging",
                    ObservedRollout.Marker.Kind.MANUAL_ROLLBACK,
                    "tctl autoupdate agents rollback"),
                marker(
                    "2026-11-24T12:20:00Z",
                    "prod",
                    ObservedRollout.Marker.Kind.MANUAL_TRIGGER,
                    "tctl autoupdate agents start-update")));
    String svg = SvgRenderer.render(haltOnErrorWait24(), manual);
    Golden.assertMatches(SvgRendererTest.class, "manual-transition.svg", svg);

    Document doc = Xml.parse(svg);
    assertTextInside(doc);
    List<Element> markers = markers(doc);
    assertThat(markers)
        .extracting(e -> e.getAttribute("class"))
        .containsExactly("marker manual-done", "marker manual-rollback", "marker manual-trigger");
    assertThat(markers)
        .extracting(e -> ((Element) e.getFirstChild()).getTagName() + shapeOutline(e))
        .doesNotHaveDuplicates();
    assertThat(firstChild(markers.get(1), "title").getTextContent())
        .isEqualTo(
            "staging rolled back by hand "
                + PlanTextRenderer.time(Instant.parse("2026-11-24T12:15:00Z"))
                + " UTC: tctl autoupdate agents rollback");
    assertThat(legendText(doc))
        .contains("started by hand (tctl autoupdate agents start-update)")
        .contains("marked done by hand (tctl autoupdate agents mark-done)")
        .contains("rolled back by hand (tctl autoupdate agents rollback)")
        .doesNotContain("halted");
  }

  private static ObservedRollout.Marker marker(
      String at, String group, ObservedRollout.Marker.Kind kind, String detail) {
    return new ObservedRollout.Marker(Instant.parse(at), group, kind, detail);
  }

  private static ObservedRollout.Group observedGroup(
      String name, GroupState state, String reason, String start) {
    return new ObservedRollout.Group(
        name, state, reason, start == null ? null : Instant.parse(start), null, 10, 10, 4);
  }

  private static List<Element> markers(Document doc) {
    return elements(doc, "g").stream()
        .filter(e -> e.getAttribute("class").startsWith("marker "))
        .toList();
  }

  private static String legendText(Document doc) {
    return elements(doc, "g").stream()
        .filter(e -> e.getAttribute("class").equals("legend"))
        .findFirst()
        .orElseThrow()
        .getTextContent();
  }

  /** The shape's outline with the position taken out: its point offsets, or its size. */
  private static String shapeOutline(Element marker) {
    Element shape = (Element) marker.getFirstChild();
    return shape.getAttribute("points") + shape.getAttribute("width") + shape.getAttribute("rx");
  }

  @Test
  void aRolloutLongerThanTheCapIsCutAndSaysSo() throws Exception {
    ClusterSource source =
        cluster(
            "slow",
            config(
                "enabled",
                "halt-on-error",
                null,
                group("dev", "*", 12),
                group("prod", "*", 12, 1000, 0)),
            version());
    Plan plan =
        Planner.plan(
            "main@abc1234",
            source,
            Optional.empty(),
            new PlanOptions(MONDAY_9, Duration.ofDays(60), PlanOptions.from(MONDAY_9).agents()));
    assertThat(plan.simulation().completes()).isNotNull();
    String svg = SvgRenderer.render(plan);
    Golden.assertMatches(SvgRendererTest.class, "cut-at-35-days.svg", svg);
    assertThat(Xml.parse(svg).getDocumentElement().getTextContent())
        .contains("The picture shows the first 35 days");
  }

  // ------------------------------------------------------------------ helpers

  /** Every text lies inside the picture, by the renderer's own (generous) width estimate. */
  static void assertTextInside(Document doc) {
    for (Element t : elements(doc, "text")) {
      double x = Double.parseDouble(t.getAttribute("x"));
      double size =
          t.hasAttribute("font-size")
              ? Double.parseDouble(t.getAttribute("font-size"))
              : inheritedFontSize(t);
      double w = Svg.textWidth(ownText(t), size, t.getAttribute("font-weight").equals("bold"));
      double left = t.getAttribute("text-anchor").equals("end") ? x - w : x;
      assertThat(left).as(ownText(t)).isGreaterThanOrEqualTo(0);
      assertThat(left + w).as(ownText(t)).isLessThanOrEqualTo(SvgRenderer.WIDTH);
    }
  }

  private static Element byId(Document doc, String id) {
    for (Element e : elements(doc, "*")) {
      if (e.getAttribute("id").equals(id)) {
        return e;
      }
    }
    throw new AssertionError("no element with id " + id);
  }

  private static Element lane(Document doc, String group) {
    for (Element e : elements(doc, "g")) {
      if (e.getAttribute("class").equals("lane") && e.getAttribute("data-group").equals(group)) {
        return e;
      }
    }
    return null;
  }

  private static List<Element> elements(Document doc, String... tags) {
    List<Element> out = new ArrayList<>();
    for (String tag : tags) {
      NodeList list = doc.getElementsByTagName(tag);
      for (int i = 0; i < list.getLength(); i++) {
        out.add((Element) list.item(i));
      }
    }
    return out;
  }

  private static Element firstChild(Element e, String tag) {
    NodeList list = e.getElementsByTagName(tag);
    return list.getLength() == 0 ? null : (Element) list.item(0);
  }

  private static String ownText(Element t) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < t.getChildNodes().getLength(); i++) {
      if (t.getChildNodes().item(i).getNodeType() == org.w3c.dom.Node.TEXT_NODE) {
        s.append(t.getChildNodes().item(i).getNodeValue());
      }
    }
    return s.toString();
  }

  private static double inheritedFontSize(Element e) {
    for (var n = e.getParentNode(); n instanceof Element p; n = p.getParentNode()) {
      if (p.hasAttribute("font-size")) {
        return Double.parseDouble(p.getAttribute("font-size"));
      }
    }
    return 16;
  }
}
