package dev.lockstep.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import dev.lockstep.finding.Finding;
import dev.lockstep.finding.Rule;
import dev.lockstep.model.SourceTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every parse rule with a failing case (asserting rule, file, line, column and path) and a passing
 * case (the same kind of input, written correctly, gives no finding of that rule).
 */
class ParseRulesTest {

  static final String CONFIG =
      """
      kind: autoupdate_config
      version: v1
      metadata:
        name: autoupdate-config
      spec:
        agents:
          mode: enabled
          strategy: halt-on-error
          schedules:
            regular:
              - name: dev
                days: [Mon, Tue]
                start_hour: 4
              - name: prod
                days: ["*"]
                start_hour: 8
                wait_hours: 24
      """;

  static final String VERSION =
      """
      kind: autoupdate_version
      version: v1
      metadata:
        name: autoupdate-version
      spec:
        agents:
          start_version: 17.2.0
          target_version: "17.2.1"
          schedule: regular
          mode: enabled
      """;

  static final String CLUSTER =
      """
      kind: lockstep_cluster
      metadata:
        name: prod
      spec:
        auth_version: 17.2.1
        cloud: false
        channels: [stable/rolling]
      """;

  /** A failing case: the one finding expected, where it must be. */
  record Fails(Rule rule, SourceTree tree, String file, int line, int column, String path) {}

  static Stream<Arguments> failing() {
    String a = "clusters/prod/a.yaml";
    return Stream.of(
        fails(
            "unclosed flow sequence -> invalid-yaml at its opening bracket",
            ParseRules.INVALID_YAML,
            MemoryTree.of(a, "kind: autoupdate_config\nspec: [a, b\n"),
            a,
            2,
            7,
            ""),
        fails(
            "tab indentation -> invalid-yaml at the tab",
            ParseRules.INVALID_YAML,
            MemoryTree.of(a, "kind: autoupdate_config\nspec:\n\tagents: {}\n"),
            a,
            3,
            1,
            ""),
        fails(
            "'!%2' (SnakeYAML's IllegalArgumentException path) -> invalid-yaml",
            ParseRules.INVALID_YAML, MemoryTree.of(a, "!%2 x"), a, 1, 3, ""),
        fails(
            "a list as a mapping key -> invalid-yaml at the key",
            ParseRules.INVALID_YAML,
            MemoryTree.of(a, "kind: autoupdate_config\nspec:\n  ? [a, b]\n  : c\n"),
            a,
            3,
            5,
            "spec"),
        fails(
            "a control character -> invalid-yaml at it",
            ParseRules.INVALID_YAML,
            MemoryTree.of(a, "kind: autoupdate_config\nspec: {}\n# \u0007\n"),
            a,
            3,
            3,
            ""),
        fails(
            "Latin-1 byte on line 2 -> encoding at that byte",
            ParseRules.ENCODING,
            MemoryTree.of(a, bytes("kind: autoupdate_config\nspec: {a: ", 0xE9, "}\n")),
            a,
            2,
            11,
            ""),
        fails(
            "NUL byte -> encoding (binary)",
            ParseRules.ENCODING,
            MemoryTree.of(a, bytes("kind: x\n", 0x00)),
            a,
            2,
            1,
            ""),
        fails(
            "UTF-16 byte-order mark -> encoding",
            ParseRules.ENCODING,
            MemoryTree.of(a, bytes("", 0xFF, 0xFE, "k", 0)),
            a,
            1,
            1,
            ""),
        fails(
            "non-UTF-8 channel file -> encoding",
            ParseRules.ENCODING,
            MemoryTree.of(a, CONFIG, "channels/stable/version", bytes("17.2.", 0xFF)),
            "channels/stable/version",
            1,
            6,
            ""),
        fails(
            "a YAML file over 1 MiB -> file-too-large, file only",
            ParseRules.FILE_TOO_LARGE,
            MemoryTree.of(a, CONFIG + "#" + "x".repeat(1024 * 1024)),
            a,
            0,
            0,
            ""),
        fails(
            "a channel file over 1 MiB -> file-too-large",
            ParseRules.FILE_TOO_LARGE,
            MemoryTree.of(a, CONFIG, "channels/stable/version", "1".repeat(1024 * 1024 + 1)),
            "channels/stable/version",
            0,
            0,
            ""),
        fails(
            "65 nested flow sequences -> limits at the 65th",
            ParseRules.LIMITS,
            MemoryTree.of(a, "kind: lockstep_cluster\nspec: " + "[".repeat(65) + "]".repeat(65)),
            a,
            2,
            70,
            ""),
        fails(
            "100 000 nested block sequences -> limits, no stack overflow",
            ParseRules.LIMITS,
            MemoryTree.of(a, "- ".repeat(100_000) + "x"),
            a,
            1,
            129,
            ""),
        fails(
            "billion-laughs alias bomb -> limits",
            ParseRules.LIMITS,
            MemoryTree.of("policies/p.yaml", aliasBomb()),
            "policies/p.yaml",
            7,
            1,
            ""),
        fails(
            "a recursive alias -> limits",
            ParseRules.LIMITS,
            MemoryTree.of(a, "kind: lockstep_cluster\nspec: &s {x: *s}\n"),
            a,
            2,
            7,
            ""),
        fails(
            "billion-laughs with 90 aliases -> limits at the 51st alias",
            ParseRules.LIMITS,
            MemoryTree.of(a, aliasBomb().replace(", ]\n", ", *a, *a]\n")),
            a,
            7,
            32,
            ""),
        fails(
            "51 aliases -> limits at the 51st",
            ParseRules.LIMITS,
            MemoryTree.of(a, "kind: lockstep_cluster\nv: &v 1\nl: [" + "*v, ".repeat(51) + "]\n"),
            a,
            3,
            5 + 4 * 50,
            ""),
        fails(
            "a repeated key -> duplicate-key at the second occurrence",
            ParseRules.DUPLICATE_KEY,
            MemoryTree.of(
                a, CONFIG.replace("start_hour: 4\n", "start_hour: 4\n          start_hour: 5\n")),
            a,
            14,
            11,
            "spec.agents.schedules.regular[0].start_hour"),
        fails(
            "kind role -> unknown-kind warning at the kind's value",
            ParseRules.UNKNOWN_KIND,
            MemoryTree.of(a, "kind: role\nmetadata: {name: x}\n"),
            a,
            1,
            7,
            "kind"),
        fails(
            "kind autoupdate_configs (a plural) -> misspelt-kind error at the kind's value",
            ParseRules.MISSPELT_KIND,
            MemoryTree.of(a, CONFIG.replace("kind: autoupdate_config", "kind: autoupdate_configs")),
            a,
            1,
            7,
            "kind"),
        fails(
            "a symbolic link where a cluster file belongs -> not-a-file naming the link",
            ParseRules.NOT_A_FILE,
            MemoryTree.of(a, CONFIG).link("clusters/prod/version.yaml", "clusters/prod/a.yaml"),
            "clusters/prod/version.yaml",
            0,
            0,
            ""),
        fails(
            "no kind -> missing-kind at the document",
            ParseRules.MISSING_KIND,
            MemoryTree.of(a, CONFIG + "---\nmetadata: {name: x}\nspec: {}\n"),
            a,
            19,
            1,
            ""),
        fails(
            "an empty kind -> missing-kind at the kind",
            ParseRules.MISSING_KIND,
            MemoryTree.of(a, "kind: \"\"\nspec: {}\n"),
            a,
            1,
            7,
            "kind"),
        fails(
            "start_hours typo -> unknown-field at the key",
            ParseRules.UNKNOWN_FIELD,
            MemoryTree.of(a, CONFIG.replace("start_hour: 4", "start_hours: 4")),
            a,
            13,
            11,
            "spec.agents.schedules.regular[0].start_hours"),
        fails(
            "a float where a version string is expected -> wrong-type at the value",
            ParseRules.WRONG_TYPE,
            MemoryTree.of(a, VERSION.replace("17.2.0", "17.2")),
            a,
            7,
            20,
            "spec.agents.start_version"),
        fails(
            "a document that is a list -> wrong-type",
            ParseRules.WRONG_TYPE,
            MemoryTree.of(a, "- kind: autoupdate_config\n"),
            a,
            1,
            1,
            ""),
        fails(
            "two autoupdate_config in one cluster -> duplicate-resource at the second",
            ParseRules.DUPLICATE_RESOURCE,
            MemoryTree.of(a, CONFIG, "clusters/prod/b.yaml", CONFIG),
            "clusters/prod/b.yaml",
            1,
            1,
            ""),
        fails(
            "two lockstep_cluster documents in one file -> duplicate-resource",
            ParseRules.DUPLICATE_RESOURCE,
            MemoryTree.of(a, CLUSTER + "---\n" + CLUSTER),
            a,
            9,
            1,
            ""),
        fails(
            "an unreadable file -> unreadable",
            ParseRules.UNREADABLE,
            new FailingTree(a),
            a,
            0,
            0,
            ""),
        fails(
            "a stray file in a channel folder -> layout warning",
            ParseRules.LAYOUT,
            MemoryTree.of(a, CONFIG, "channels/stable/version.txt", "17.2.1"),
            "channels/stable/version.txt",
            0,
            0,
            ""),
        fails(
            "a YAML file beside clusters/ -> layout warning",
            ParseRules.LAYOUT,
            MemoryTree.of(a, CONFIG, "autoupdate_version.yaml", VERSION),
            "autoupdate_version.yaml",
            0,
            0,
            ""),
        fails(
            "a Teleport resource in policies/ -> layout warning",
            ParseRules.LAYOUT,
            MemoryTree.of(a, CONFIG, "policies/p.yaml", VERSION),
            "policies/p.yaml",
            1,
            7,
            "kind"),
        fails(
            "two folders naming the same cluster -> duplicate-cluster at the second name",
            ParseRules.DUPLICATE_CLUSTER,
            MemoryTree.of(
                "clusters/prod/cluster.yaml", CLUSTER, "clusters/prod-eu/cluster.yaml", CLUSTER),
            "clusters/prod/cluster.yaml",
            3,
            3,
            "metadata.name"));
  }

  static Stream<Arguments> passing() {
    String a = "clusters/prod/a.yaml";
    String repo = "full repository with config, version, cluster, channel and policy";
    MemoryTree full =
        MemoryTree.of(
            a,
            CONFIG + "---\n" + VERSION,
            "clusters/prod/cluster.yaml",
            CLUSTER,
            "clusters/staging/config.yml",
            CONFIG,
            "clusters/staging/cluster.yaml",
            CLUSTER.replace("name: prod", "name: staging"),
            "channels/stable/rolling/version",
            "v17.2.1\n",
            "channels/stable/rolling/critical",
            "no\n",
            "channels/README.md",
            "# channels",
            "policies/p.yaml",
            "kind: lockstep_policy\nmetadata: {name: p}\nspec: {rules: []}\n",
            "status/prod.yaml",
            "not: [valid",
            ".github/workflows/ci.yaml",
            "on: push",
            "README.md",
            "# repo");
    return Stream.of(
        passes(ParseRules.INVALID_YAML, repo, full),
        passes(
            ParseRules.INVALID_YAML,
            "a mapping written in flow style",
            MemoryTree.of(a, "{kind: autoupdate_config, spec: {}}")),
        passes(
            ParseRules.ENCODING,
            "UTF-8 with a byte-order mark and non-ASCII text",
            MemoryTree.of(
                a,
                bytes(
                    "",
                    0xEF,
                    0xBB,
                    0xBF,
                    "kind: lockstep_cluster\nmetadata: {description: \"Zürich ✓\"}\n"))),
        passes(ParseRules.ENCODING, repo, full),
        passes(
            ParseRules.FILE_TOO_LARGE,
            "a file of exactly 1 MiB",
            MemoryTree.of(a, CONFIG + "#" + "x".repeat(1024 * 1024 - CONFIG.length() - 1))),
        passes(
            ParseRules.LIMITS,
            "64 nested flow sequences",
            MemoryTree.of(
                "policies/p.yaml",
                "kind: lockstep_policy\nspec: " + "[".repeat(63) + "]".repeat(63))),
        passes(
            ParseRules.LIMITS,
            "50 aliases to a scalar",
            MemoryTree.of(
                "policies/p.yaml",
                "kind: lockstep_policy\nv: &v 1\nl: [" + "*v, ".repeat(50) + "]\n")),
        passes(
            ParseRules.DUPLICATE_KEY, "the same key in two list items", MemoryTree.of(a, CONFIG)),
        passes(
            ParseRules.UNKNOWN_KIND,
            "kind cluster-maintenance-config (a tolerated mix-up, teleport-semantics §1)",
            MemoryTree.of(
                a,
                "kind: cluster-maintenance-config\nversion: v1\nspec: {agent_upgrades: {utc_start_hour: 2}}\n")),
        passes(
            ParseRules.MISSPELT_KIND,
            "kind role (a foreign kind) is only an unknown-kind warning",
            MemoryTree.of(a, CONFIG + "---\nkind: role\nmetadata: {name: x}\n")),
        passes(
            ParseRules.NOT_A_FILE,
            "a symbolic link Lockstep would not read anyway (README.md)",
            MemoryTree.of(a, CONFIG).link("README.md", "docs/README.md")),
        passes(
            ParseRules.MISSING_KIND,
            "documents separated by --- with an empty one between",
            MemoryTree.of(a, CONFIG + "---\n# nothing here\n---\n" + VERSION)),
        passes(ParseRules.UNKNOWN_FIELD, repo, full),
        passes(
            ParseRules.UNKNOWN_FIELD,
            "canary_count and every metadata field",
            MemoryTree.of(
                a,
                CONFIG
                    .replace("start_hour: 4", "start_hour: 4\n        canary_count: 2")
                    .replace(
                        "  name: autoupdate-config",
                        "  name: autoupdate-config\n  description: d\n  labels: {a: b}\n"
                            + "  expires: 2030-01-01T00:00:00Z\n  revision: abc"))),
        passes(
            ParseRules.WRONG_TYPE,
            "quoted integers, Go and protobuf durations",
            MemoryTree.of(
                a,
                CONFIG
                    .replace(
                        "strategy: halt-on-error",
                        "strategy: time-based\n    maintenance_window_duration: 1h30m")
                    .replace("start_hour: 4", "start_hour: \"4\""),
                "clusters/b/a.yaml",
                CONFIG.replace(
                    "strategy: halt-on-error", "maintenance_window_duration: \"3600s\""))),
        passes(ParseRules.DUPLICATE_RESOURCE, "one of each kind per cluster", full),
        passes(ParseRules.UNREADABLE, repo, full),
        passes(ParseRules.LAYOUT, repo, full),
        passes(ParseRules.DUPLICATE_CLUSTER, repo, full));
  }

  @ParameterizedTest
  @MethodSource("failing")
  void reportsTheRuleWhereTheProblemIs(Fails c) {
    ParseResult result = new RepositoryParser().parse(c.tree());
    List<Finding> matching =
        result.findings().stream().filter(f -> f.rule().equals(c.rule().id())).toList();
    assertThat(matching).as("findings: %s", result.findings().items()).hasSize(1);
    Finding f = matching.get(0);
    assertThat(f.severity()).isEqualTo(c.rule().severity());
    assertThat(f.location().file()).isEqualTo(c.file());
    assertThat(f.location().line()).as("line of %s", f).isEqualTo(c.line());
    assertThat(f.location().column()).as("column of %s", f).isEqualTo(c.column());
    assertThat(f.path()).isEqualTo(c.path());
    assertThat(f.message()).isNotBlank().doesNotContain("Exception");
  }

  @ParameterizedTest
  @MethodSource("passing")
  void staysQuietOnCorrectInput(Rule rule, SourceTree tree) {
    ParseResult result = new RepositoryParser().parse(tree);
    assertThat(result.findings().stream().filter(f -> f.rule().equals(rule.id())))
        .as("findings: %s", result.findings().items())
        .isEmpty();
  }

  @Test
  void theFullRepositoryHasNoFindingsAtAll() {
    Arguments args = passing().findFirst().orElseThrow();
    SourceTree full = (SourceTree) ((org.junit.jupiter.api.Named<?>) args.get()[1]).getPayload();
    assertThat(new RepositoryParser().parse(full).findings().items()).isEmpty();
  }

  @Test
  void everyParseRuleHasAFailingAndAPassingCase() {
    Set<String> failingRules =
        failing()
            .map(
                a ->
                    ((Fails) ((org.junit.jupiter.api.Named<?>) a.get()[0]).getPayload())
                        .rule()
                        .id())
            .collect(Collectors.toSet());
    Set<String> passingRules =
        passing().map(a -> ((Rule) a.get()[0]).id()).collect(Collectors.toSet());
    Set<String> all = ParseRules.ALL.stream().map(Rule::id).collect(Collectors.toSet());
    assertThat(failingRules).isEqualTo(all);
    assertThat(passingRules).isEqualTo(all);
  }

  private static Arguments fails(
      String name, Rule rule, SourceTree tree, String file, int line, int column, String path) {
    return Arguments.of(named(name, new Fails(rule, tree, file, line, column, path)));
  }

  private static Arguments passes(Rule rule, String name, SourceTree tree) {
    return Arguments.of(rule, named(name, tree));
  }

  /** Text and bytes concatenated: strings as UTF-8, integers as single bytes. */
  static byte[] bytes(Object... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (Object p : parts) {
      if (p instanceof String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
      } else {
        out.write((Integer) p);
      }
    }
    return out.toByteArray();
  }

  static String aliasBomb() {
    // 45 aliases (under the alias bound), 9^6 values once expanded
    StringBuilder sb =
        new StringBuilder("kind: lockstep_policy\na: &a [x, x, x, x, x, x, x, x, x]\n");
    String previous = "a";
    for (char c = 'b'; c <= 'f'; c++) {
      sb.append(c).append(": &").append(c).append(" [");
      sb.append(("*" + previous + ", ").repeat(9));
      sb.append("]\n");
      previous = String.valueOf(c);
    }
    return sb.toString();
  }

  /** A tree whose only file cannot be read. */
  private record FailingTree(String path) implements SourceTree {
    @Override
    public String revision() {
      return "test";
    }

    @Override
    public List<String> paths() {
      return List.of("clusters/prod/cluster.yaml", path);
    }

    @Override
    public long size(String p) {
      return 10;
    }

    @Override
    public byte[] read(String p) throws IOException {
      if (p.equals(path)) {
        throw new IOException("disk on fire");
      }
      return CLUSTER.getBytes(StandardCharsets.UTF_8);
    }
  }
}
