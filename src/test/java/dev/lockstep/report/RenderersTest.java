package dev.lockstep.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.finding.Finding;
import dev.lockstep.finding.Findings;
import dev.lockstep.finding.Severity;
import dev.lockstep.model.SourceLocation;
import dev.lockstep.parse.ParseRules;
import dev.lockstep.testing.Golden;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;

class RenderersTest {

  static final Findings SAMPLE =
      Findings.of(
          new Finding(
              Severity.ERROR,
              "teleport/start-hour-range",
              "spec.agents.schedules.regular[1].start_hour must be between 0 and 23",
              new SourceLocation("clusters/prod/config.yaml", 14, 21),
              "spec.agents.schedules.regular[1].start_hour"),
          new Finding(
              Severity.WARNING,
              "compat/not-checked",
              "compatibility rules did not run: no control-plane version known (use --auth-version or spec.auth_version)",
              new SourceLocation("clusters/prod/cluster.yaml", 1, 1),
              ""),
          new Finding(
              Severity.ERROR,
              "parse/encoding",
              "file is not UTF-8 text: a \"binary\" <file> & more, 100%",
              SourceLocation.ofFile("channels/stable/rolling/version"),
              ""),
          new Finding(
              Severity.WARNING,
              "policy/default/no-weekends",
              "group \"prod\" updates on Sat, Sun",
              new SourceLocation("clusters/prod/config.yaml", 20, 9),
              "spec.agents.schedules.regular[2].days"));

  static final ReportContext CONTEXT =
      new ReportContext(
          "0.1.0",
          "working tree",
          List.of(
              "clusters/prod/cluster.yaml",
              "clusters/prod/config.yaml",
              "clusters/prod/version.yaml",
              "channels/stable/rolling/version"),
          Severity.ERROR);

  @ParameterizedTest
  @EnumSource(OutputFormat.class)
  void everyFormatMatchesItsGoldenFile(OutputFormat format) {
    Golden.assertMatches(
        RenderersTest.class, format.label(), format.renderer().render(SAMPLE, CONTEXT));
  }

  @ParameterizedTest
  @EnumSource(OutputFormat.class)
  void noFindingsRenderAsACleanReport(OutputFormat format) {
    Golden.assertMatches(
        RenderersTest.class,
        format.label() + "-clean",
        format.renderer().render(Findings.NONE, CONTEXT));
  }

  @Test
  void textIsCompilerStyleOneLineEach() {
    String text = OutputFormat.TEXT.renderer().render(SAMPLE, CONTEXT);
    assertThat(text.lines().toList())
        .first()
        .isEqualTo(
            "channels/stable/rolling/version: error [parse/encoding] file is not UTF-8 text: a \"binary\" <file> & more, 100%");
    assertThat(text)
        .contains("clusters/prod/config.yaml:14:21: error [teleport/start-hour-range] ");
    assertThat(text.lines().reduce((a, b) -> b).orElseThrow())
        .isEqualTo("4 files checked (working tree): 2 errors, 2 warnings");
  }

  @Test
  void jsonFollowsTheDocumentedSchema() throws Exception {
    JsonNode root =
        new ObjectMapper().readTree(OutputFormat.JSON.renderer().render(SAMPLE, CONTEXT));
    assertThat(root.get("findings")).hasSize(4);
    JsonNode first = root.get("findings").get(1);
    assertThat(Stream.of("rule", "severity", "file", "line", "column", "path", "message"))
        .allMatch(first::has);
    assertThat(root.at("/summary/errors").asInt()).isEqualTo(2);
    assertThat(root.at("/summary/failed").asBoolean()).isTrue();
  }

  @Test
  void sarifIsVersion210WithRulesAndRegionsOnlyWhereTheLineIsKnown() throws Exception {
    JsonNode root =
        new ObjectMapper().readTree(OutputFormat.SARIF.renderer().render(SAMPLE, CONTEXT));
    assertThat(root.get("version").asText()).isEqualTo("2.1.0");
    JsonNode run = root.get("runs").get(0);
    JsonNode rules = run.at("/tool/driver/rules");
    JsonNode results = run.get("results");
    for (JsonNode result : results) {
      int index = result.get("ruleIndex").asInt();
      assertThat(rules.get(index).get("id").asText()).isEqualTo(result.get("ruleId").asText());
    }
    JsonNode encoding = results.get(0);
    assertThat(encoding.get("ruleId").asText()).isEqualTo(ParseRules.ENCODING.id());
    assertThat(encoding.at("/locations/0/physicalLocation").has("region")).isFalse();
    assertThat(results.get(1).at("/locations/0/physicalLocation/region/startLine").asInt())
        .isEqualTo(1);
  }

  @Test
  void junitIsWellFormedXmlWithOneCasePerFileAndFailuresAtTheFailLevel() throws Exception {
    String xml = OutputFormat.JUNIT.renderer().render(SAMPLE, CONTEXT);
    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    assertThat(doc.getElementsByTagName("testcase").getLength()).isEqualTo(4);
    assertThat(doc.getElementsByTagName("failure").getLength()).isEqualTo(2);
    ReportContext strict =
        new ReportContext("0.1.0", "working tree", CONTEXT.files(), Severity.WARNING);
    String strictXml = OutputFormat.JUNIT.renderer().render(SAMPLE, strict);
    assertThat(strictXml).contains("failures=\"3\"");
  }

  @Test
  void githubAnnotationsEscapeDataAndProperties() {
    String out = OutputFormat.GITHUB.renderer().render(SAMPLE, CONTEXT);
    assertThat(out)
        .contains(
            "::error file=channels/stable/rolling/version,title=parse/encoding::file is not UTF-8 text: a \"binary\" <file> & more, 100%25");
    assertThat(out)
        .contains(
            "::warning file=clusters/prod/config.yaml,line=20,col=9,title=policy/default/no-weekends::group \"prod\" updates on Sat, Sun\n");
    assertThat(GithubRenderer.property("a:b,c%\n")).isEqualTo("a%3Ab%2Cc%25%0A");
  }

  @Test
  void codeQualityHasGitlabFieldsAndOneFingerprintPerFinding() throws Exception {
    Finding twin =
        new Finding(
            Severity.WARNING,
            "policy/default/no-weekends",
            "group \"prod\" updates on Sat, Sun",
            new SourceLocation("clusters/prod/config.yaml", 27, 9),
            "spec.agents.schedules.regular[3].days");
    Findings findings =
        Findings.of(
            java.util.stream.Stream.concat(SAMPLE.items().stream(), Stream.of(twin)).toList());
    JsonNode issues =
        new ObjectMapper().readTree(OutputFormat.CODEQUALITY.renderer().render(findings, CONTEXT));

    assertThat(issues.isArray()).isTrue();
    assertThat(issues).hasSize(SAMPLE.items().size() + 1);
    JsonNode encoding = issues.get(0);
    assertThat(encoding.get("check_name").asText()).isEqualTo("parse/encoding");
    assertThat(encoding.get("severity").asText()).isEqualTo("major");
    assertThat(encoding.at("/location/path").asText()).isEqualTo("channels/stable/rolling/version");
    assertThat(encoding.at("/location/lines/begin").asInt()).as("no line: line 1").isEqualTo(1);
    JsonNode last = issues.get(issues.size() - 1);
    assertThat(last.get("severity").asText()).isEqualTo("minor");
    assertThat(last.at("/location/lines/begin").asInt()).isEqualTo(27);
    List<String> prints = new java.util.ArrayList<>();
    issues.forEach(i -> prints.add(i.get("fingerprint").asText()));
    assertThat(prints).doesNotHaveDuplicates().allMatch(p -> p.matches("[0-9a-f]{32}"));
    assertThat(OutputFormat.CODEQUALITY.renderer().render(findings, CONTEXT))
        .as("the same finding keeps its fingerprint")
        .isEqualTo(OutputFormat.CODEQUALITY.renderer().render(findings, CONTEXT));
  }

  static Stream<org.junit.jupiter.params.provider.Arguments> oddFileNames() {
    return Stream.of(
            "clusters/prod/it's \"quoted\".yaml",
            "clusters/prod/back\\slash.yaml",
            "clusters/prod/with space, comma: colon.yaml",
            "clusters/prod/new\nline.yaml",
            "clusters/prod/carriage\rreturn\ttab.yaml",
            "clusters/prod/Zürich ✓ 100%.yaml",
            "clusters/prod/<tag>&amp;.yaml")
        .map(
            name ->
                org.junit.jupiter.params.provider.Arguments.of(
                    org.junit.jupiter.api.Named.named(
                        name.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t"),
                        name)));
  }

  /**
   * Issue 15 item 5: a file name with quotes, backslashes, spaces, line breaks or non-ASCII letters
   * is named exactly in every format, read back as that format's consumer reads it, and never
   * breaks a format's lines.
   */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.MethodSource("oddFileNames")
  void anOddFileNameIsNamedExactlyInEveryFormat(String file) throws Exception {
    Findings findings =
        Findings.of(
            new Finding(
                Severity.ERROR,
                "teleport/start-hour",
                "start_hour must be between 0 and 23 (got 25; hours are UTC)",
                new SourceLocation(file, 3, 5),
                "spec.agents.schedules.regular[0].start_hour"));
    ReportContext context =
        new ReportContext("0.1.0", "working tree", List.of(file), Severity.ERROR);

    String text = OutputFormat.TEXT.renderer().render(findings, context);
    List<String> lines = text.lines().toList();
    assertThat(lines).as("one line per finding, then the summary").hasSize(2);
    assertThat(lines.get(0)).startsWith(textPath(file) + ":3:5: error [teleport/start-hour] ");

    JsonNode json =
        new ObjectMapper().readTree(OutputFormat.JSON.renderer().render(findings, context));
    assertThat(json.at("/findings/0/file").asText()).isEqualTo(file);

    JsonNode codequality =
        new ObjectMapper().readTree(OutputFormat.CODEQUALITY.renderer().render(findings, context));
    assertThat(codequality.at("/0/location/path").asText()).isEqualTo(file);

    JsonNode sarif =
        new ObjectMapper().readTree(OutputFormat.SARIF.renderer().render(findings, context));
    String uri =
        sarif.at("/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri").asText();
    assertThat(new java.net.URI(uri).getPath()).as("a valid URI reference: " + uri).isEqualTo(file);

    Document junit =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(
                new ByteArrayInputStream(
                    OutputFormat.JUNIT
                        .renderer()
                        .render(findings, context)
                        .getBytes(StandardCharsets.UTF_8)));
    org.w3c.dom.Element testcase =
        (org.w3c.dom.Element) junit.getElementsByTagName("testcase").item(0);
    assertThat(testcase.getAttribute("name")).isEqualTo(file);

    String github = OutputFormat.GITHUB.renderer().render(findings, context);
    List<String> commands = github.lines().toList();
    assertThat(commands).as("one workflow command per finding, then the summary").hasSize(2);
    assertThat(runnerProperty(commands.get(0), "file")).isEqualTo(file);
    assertThat(runnerProperty(commands.get(0), "line")).isEqualTo("3");
  }

  /** How git shows a path with core.quotePath=false: quoted only when it must be. */
  private static String textPath(String file) {
    boolean quote = file.chars().anyMatch(c -> c == '"' || c == '\\' || c < 0x20);
    if (!quote) {
      return file;
    }
    return "\""
        + file.replace("\\", "\\\\")
            .replace("\"", "\\\"")
            .replace("\n", "\\n")
            .replace("\r", "\\r")
            .replace("\t", "\\t")
        + "\"";
  }

  /**
   * A property of a workflow command as the Actions runner reads it (ActionCommand.cs): split the
   * properties on ',' then on the first '=', and unescape %0D, %0A, %3A, %2C and last %25.
   */
  private static String runnerProperty(String command, String key) {
    String properties = command.substring(command.indexOf(' ') + 1, command.indexOf("::", 2));
    for (String property : properties.split(",")) {
      int eq = property.indexOf('=');
      if (property.substring(0, eq).equals(key)) {
        return property
            .substring(eq + 1)
            .replace("%0D", "\r")
            .replace("%0A", "\n")
            .replace("%3A", ":")
            .replace("%2C", ",")
            .replace("%25", "%");
      }
    }
    throw new AssertionError("no property " + key + " in " + command);
  }

  @Test
  void unknownFormatIsRejectedNotDefaulted() {
    assertThatThrownBy(() -> OutputFormat.fromLabel("yaml"))
        .hasMessage(
            "unknown format \"yaml\" (expected one of: text, json, sarif, junit, github, codequality)");
  }
}
