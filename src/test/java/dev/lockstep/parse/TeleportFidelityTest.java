package dev.lockstep.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.lockstep.finding.Finding;
import dev.lockstep.model.Channel;
import dev.lockstep.model.Resource;
import dev.lockstep.model.SourceTree;
import dev.lockstep.validate.ValidationContext;
import dev.lockstep.validate.Validator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 15 item 5: input read as Teleport itself reads it. YAML tags as tctl's YAML reader (go-yaml
 * v2) resolves or refuses them, {@code cluster_maintenance_config} integers as Go's encoding/json
 * decodes them, channel files as Go's updaters trim them, and links, folders and non-files where a
 * file belongs named instead of skipped. Each row is a repository and either the value Lockstep
 * reads (no finding at all) or the one finding expected.
 */
class TeleportFidelityTest {

  static final String VERSION_FILE = "clusters/prod/autoupdate_version.yaml";
  static final String CONFIG_FILE = "clusters/prod/autoupdate_config.yaml";
  static final String CMC_FILE = "clusters/prod/maintenance.yaml";

  static String version(String target) {
    return "kind: autoupdate_version\nversion: v1\nmetadata: {name: autoupdate-version}\n"
        + "spec:\n  agents:\n    start_version: 17.2.1\n    target_version: "
        + target
        + "\n    schedule: regular\n    mode: enabled\n";
  }

  static String group(String field) {
    return "kind: autoupdate_config\nversion: v1\nmetadata: {name: autoupdate-config}\n"
        + "spec:\n  agents:\n    mode: enabled\n    strategy: halt-on-error\n    schedules:\n"
        + "      regular:\n        - name: dev\n          days: [Mon]\n          "
        + field
        + "\n";
  }

  static String cmc(String field) {
    return "kind: cluster_maintenance_config\nversion: v1\n"
        + "metadata: {name: cluster-maintenance-config}\n"
        + "spec:\n  agent_upgrades:\n    "
        + field
        + "\n";
  }

  /** What a row expects: the value read at a field, or one finding. */
  sealed interface Expect {}

  /** No finding; {@code path} of the file's resource reads {@code value}. */
  record Reads(String file, String path, Object value) implements Expect {}

  /** Exactly one finding of the whole revision (parse and validate). */
  record Finds(String rule, String file, int line, String fragment) implements Expect {}

  static Stream<Arguments> rows() {
    return Stream.of(
        row(
            "!!str on a version: the text, as written",
            MemoryTree.of(VERSION_FILE, version("!!str 17.2.1")),
            new Reads(VERSION_FILE, "spec.agents.target_version", "17.2.1")),
        row(
            "verbatim !<tag:yaml.org,2002:str>: the same tag",
            MemoryTree.of(VERSION_FILE, version("!<tag:yaml.org,2002:str> 17.2.1")),
            new Reads(VERSION_FILE, "spec.agents.target_version", "17.2.1")),
        row(
            "!!binary: base64-decoded to text, as go-yaml does",
            MemoryTree.of(VERSION_FILE, version("!!binary MTcuMi4x")),
            new Reads(VERSION_FILE, "spec.agents.target_version", "17.2.1")),
        row(
            "!!binary that is not base64: refused with go-yaml's words",
            MemoryTree.of(VERSION_FILE, version("!!binary not-base64!")),
            new Finds(
                "parse/invalid-yaml",
                VERSION_FILE,
                7,
                "!!binary value contains invalid base64 data")),
        row(
            "!!int \"4\": the number 4",
            MemoryTree.of(CONFIG_FILE, group("start_hour: !!int \"4\"")),
            new Reads(CONFIG_FILE, "spec.agents.schedules.regular[0].start_hour", 4L)),
        row(
            "!!int on a word: refused",
            MemoryTree.of(CONFIG_FILE, group("start_hour: !!int \"four\"")),
            new Finds(
                "parse/invalid-yaml", CONFIG_FILE, 12, "cannot decode !!str `four` as a !!int")),
        row(
            "!!str 17 on a version: text, so Teleport's version rule answers",
            MemoryTree.of(VERSION_FILE, version("!!str 17")),
            new Finds("teleport/version-syntax", VERSION_FILE, 7, "version \"17\"")),
        row(
            "!!float 17 on a version: a number",
            MemoryTree.of(VERSION_FILE, version("!!float 17")),
            new Finds("schema/wrong-type", VERSION_FILE, 7, "YAML reads 17 as a number")),
        row(
            "!!bool yes on a mode: a boolean for go-yaml",
            MemoryTree.of(
                VERSION_FILE, version("17.2.1").replace("mode: enabled", "mode: !!bool yes")),
            new Finds("schema/wrong-type", VERSION_FILE, 9, "must be one of enabled, disabled")),
        row(
            "!!null on a word: refused",
            MemoryTree.of(VERSION_FILE, version("!!null x")),
            new Finds(
                "parse/invalid-yaml", VERSION_FILE, 7, "cannot decode !!str `x` as a !!null")),
        row(
            "an unknown tag !foo: ignored, the value stays text",
            MemoryTree.of(VERSION_FILE, version("!foo 17.2.1")),
            new Reads(VERSION_FILE, "spec.agents.target_version", "17.2.1")),
        row(
            "!!str yes on a group name: text, no YAML 1.1 boolean warning",
            MemoryTree.of(
                CONFIG_FILE, group("start_hour: 4").replace("name: dev", "name: !!str yes")),
            new Reads(CONFIG_FILE, "spec.agents.schedules.regular[0].name", "yes")),
        row(
            "cluster_maintenance_config utc_start_hour 3: a uint32",
            MemoryTree.of(CMC_FILE, cmc("utc_start_hour: 3")),
            new Reads(CMC_FILE, "spec.agent_upgrades.utc_start_hour", 3L)),
        row(
            "cluster_maintenance_config utc_start_hour \"3\": encoding/json refuses a quoted number",
            MemoryTree.of(CMC_FILE, cmc("utc_start_hour: \"3\"")),
            new Finds(
                "schema/wrong-type",
                CMC_FILE,
                6,
                "with Go's encoding/json, which does not accept quoted numbers;"
                    + " write utc_start_hour: 3")),
        row(
            "cluster_maintenance_config nonce \"5\": refused too (uint64)",
            MemoryTree.of(CMC_FILE, cmc("utc_start_hour: 3") + "nonce: \"5\"\n"),
            new Finds("schema/wrong-type", CMC_FILE, 7, "write nonce: 5")),
        row(
            "autoupdate_config start_hour \"4\": protojson reads a quoted integer",
            MemoryTree.of(CONFIG_FILE, group("start_hour: \"4\"")),
            new Reads(CONFIG_FILE, "spec.agents.schedules.regular[0].start_hour", "4")),
        row(
            "start_hour 010: octal 8 for tctl (YAML 1.1)",
            MemoryTree.of(CONFIG_FILE, group("start_hour: 010")),
            new Finds(
                "schema/wrong-type",
                CONFIG_FILE,
                12,
                "reads as the octal number 8: write start_hour: 8, or 10 without the leading zero")),
        row(
            "start_hour 08: not octal, 8 for both readers",
            MemoryTree.of(CONFIG_FILE, group("start_hour: 08")),
            new Reads(CONFIG_FILE, "spec.agents.schedules.regular[0].start_hour", 8L)),
        row(
            "a channel version with a byte-order mark: the updaters cannot read it",
            channel("\uFEFF17.2.1\n", "no\n"),
            new Finds(
                "channel/version",
                "channels/stable/version",
                1,
                "starts with a UTF-8 byte-order mark")),
        row(
            "a channel critical file with a byte-order mark: never critical for the updaters",
            channel("17.2.1\n", "\uFEFFyes\n"),
            new Finds(
                "channel/critical",
                "channels/stable/critical",
                1,
                "save the file as UTF-8 without a byte-order mark")),
        row(
            "a channel version ending with a no-break space: Go's TrimSpace removes it",
            channel("17.2.1\u00A0\n", "no\n"),
            new Reads("channels/stable/version", "", "17.2.1")),
        row(
            "a YAML file with a byte-order mark: YAML readers drop it",
            MemoryTree.of(VERSION_FILE, "\uFEFF" + version("17.2.1")),
            new Reads(VERSION_FILE, "spec.agents.target_version", "17.2.1")),
        row(
            "a missing version file: the finding names the version file",
            MemoryTree.of("channels/stable/critical", "no\n"),
            new Finds("channel/missing-version", "channels/stable/version", 0, "has no version")),
        row(
            "an unreadable version file (not UTF-8): named once, not also missing",
            channel(null, "no\n")
                .put("channels/stable/version", ParseRulesTest.bytes("17.2.", 0xFF, "\n")),
            new Finds("parse/encoding", "channels/stable/version", 1, "not valid UTF-8")),
        row(
            "a link to a file inside: named, with what it points to",
            MemoryTree.of(CONFIG_FILE, group("start_hour: 4"))
                .link(VERSION_FILE, "shared/autoupdate_version.yaml"),
            new Finds(
                "parse/not-a-file",
                VERSION_FILE,
                0,
                "is a symbolic link to shared/autoupdate_version.yaml; Lockstep never follows")),
        row(
            "a link that leads outside: named, its target is not",
            MemoryTree.of(CONFIG_FILE, group("start_hour: 4")).link(VERSION_FILE, null),
            new Finds(
                "parse/not-a-file",
                VERSION_FILE,
                0,
                "is a symbolic link that points outside the repository")),
        row(
            "a linked cluster folder: named as a folder",
            MemoryTree.of(CONFIG_FILE, group("start_hour: 4"), "shared/notes.md", "# shared\n")
                .link("clusters/staging", "shared"),
            new Finds(
                "parse/not-a-file",
                "clusters/staging",
                0,
                "replace the link with a copy of the folder")),
        row(
            "a channel version that is a link: named, and not also missing",
            channel(null, "no\n").link("channels/stable/version", "channels/beta/version"),
            new Finds("parse/not-a-file", "channels/stable/version", 0, "is a symbolic link to")),
        row(
            "channels/stable/version/ as a folder with a file in it",
            channel(null, "no\n").put("channels/stable/version/VERSION", "17.2.1\n"),
            new Finds(
                "parse/not-a-file",
                "channels/stable/version",
                0,
                "is a folder, but a channel's version must be a file")),
        row(
            "channels/stable/version/ as an empty folder",
            channel(null, "no\n").emptyFolder("channels/stable/version"),
            new Finds(
                "parse/not-a-file",
                "channels/stable/version",
                0,
                "is a folder, but a channel's version must be a file")));
  }

  static MemoryTree channel(String version, String critical) {
    MemoryTree tree = MemoryTree.of("channels/stable/critical", critical);
    return version == null ? tree : tree.put("channels/stable/version", version);
  }

  @ParameterizedTest
  @MethodSource("rows")
  void readsAsTeleportReads(SourceTree tree, Expect expect) {
    ParseResult parsed = new RepositoryParser().parse(tree);
    List<Finding> findings =
        parsed
            .findings()
            .plus(new Validator().validate(parsed.state(), ValidationContext.OFFLINE))
            .stream()
            // compatibility is not checked here: no control-plane version is given
            .filter(f -> !f.rule().equals("compat/not-checked"))
            .toList();
    if (expect instanceof Reads reads) {
      assertThat(findings).as("findings").isEmpty();
      assertThat(valueAt(parsed, reads)).contains(reads.value());
    } else {
      Finds finds = (Finds) expect;
      assertThat(findings).as("findings: %s", findings).hasSize(1);
      Finding f = findings.get(0);
      assertThat(f.rule()).isEqualTo(finds.rule());
      assertThat(f.location().file()).isEqualTo(finds.file());
      assertThat(f.location().line()).isEqualTo(finds.line());
      assertThat(f.message()).contains(finds.fragment());
    }
  }

  private static Optional<Object> valueAt(ParseResult parsed, Reads reads) {
    if (reads.file().startsWith("channels/")) {
      return parsed.state().channels().stream()
          .filter(c -> c.versionLocation().file().equals(reads.file()))
          .map(Channel::version)
          .map(Object.class::cast)
          .findFirst();
    }
    return parsed.state().clusters().stream()
        .flatMap(c -> c.resources().stream())
        .filter(r -> r.file().equals(reads.file()))
        .findFirst()
        .flatMap((Resource r) -> r.at(reads.path()));
  }

  private static Arguments row(String name, SourceTree tree, Expect expect) {
    return arguments(named(name, tree), expect);
  }
}
