package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 15 item 3: every hint, applied literally, makes the repository validate clean. Each row
 * breaks one line of a clean repository, expects exactly one finding (rule, line, what the message
 * says), applies the edit the hint names and runs {@code lockstep validate} again: exit 0 and no
 * finding at all, warnings included.
 */
class HintsTest {

  static final String CLUSTER = "clusters/prod/cluster.yaml";
  static final String CONFIG = "clusters/prod/autoupdate_config.yaml";
  static final String VERSION = "clusters/prod/autoupdate_version.yaml";
  static final String CMC = "clusters/prod/maintenance.yaml";
  static final String CHANNEL = "channels/stable/version";

  /** The clean repository every row starts from. */
  static Map<String, String> clean() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put(
        CLUSTER,
        """
        kind: lockstep_cluster
        metadata:
          name: prod
        spec:
          auth_version: 17.2.1
          channels: [stable]
        """);
    files.put(
        CONFIG,
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
                  days: [Mon, Tue]
                  start_hour: 8
                  wait_hours: 24
        """);
    files.put(
        VERSION,
        """
        kind: autoupdate_version
        version: v1
        metadata:
          name: autoupdate-version
        spec:
          agents:
            start_version: 17.2.0
            target_version: 17.2.0
            schedule: regular
            mode: enabled
        """);
    files.put(
        CMC,
        """
        kind: cluster_maintenance_config
        version: v1
        metadata:
          name: cluster-maintenance-config
        spec:
          agent_upgrades:
            utc_start_hour: 3
            weekdays: [Monday]
        """);
    files.put(CHANNEL, "17.2.0\n");
    files.put("channels/stable/critical", "no\n");
    return files;
  }

  /**
   * One broken line and its hint.
   *
   * @param file the file broken
   * @param good the clean text replaced
   * @param bad what replaces it
   * @param fixed what the hint says to write instead of {@code bad} (applied literally)
   * @param rule the one finding's rule
   * @param line the one finding's line
   * @param says what the message says: the hint, naming {@code fixed} where it is text
   */
  record Row(
      String file, String good, String bad, String fixed, String rule, int line, String says) {}

  static Stream<Arguments> rows() {
    return Stream.of(
        row(
            "target_version: 17.2 -> write the full version, not a quoted 17.2",
            new Row(
                VERSION,
                "target_version: 17.2.0",
                "target_version: 17.2",
                "target_version: 17.2.0",
                "schema/wrong-type",
                8,
                "write target_version: 17.2.0")),
        row(
            "schedule: on (a YAML 1.1 boolean) -> an allowed schedule, not a quoted \"on\"",
            new Row(
                VERSION,
                "schedule: regular",
                "schedule: on",
                "schedule: regular",
                "schema/wrong-type",
                9,
                "must be one of regular, immediate, but tctl reads on as a boolean (YAML 1.1);"
                    + " write schedule: regular")),
        row(
            "agents mode: yes -> an allowed mode",
            new Row(
                CONFIG,
                "mode: enabled",
                "mode: yes",
                "mode: enabled",
                "schema/wrong-type",
                7,
                "write mode: enabled (or disabled, suspended)")),
        row(
            "version: 1 -> v1, not a quoted \"1\"",
            new Row(
                VERSION,
                "version: v1",
                "version: 1",
                "version: v1",
                "schema/wrong-type",
                2,
                "write version: v1")),
        row(
            "targetVersion -> one finding with the suggestion, no \"unset\" on another line",
            new Row(
                VERSION,
                "target_version: 17.2.0",
                "targetVersion: 17.2.0",
                "target_version: 17.2.0",
                "schema/unknown-field",
                8,
                "did you mean \"target_version\"?")),
        row(
            "strategi -> one finding, no \"unsupported strategy\"",
            new Row(
                CONFIG,
                "strategy: halt-on-error",
                "strategi: halt-on-error",
                "strategy: halt-on-error",
                "schema/unknown-field",
                8,
                "did you mean \"strategy\"?")),
        row(
            "spce -> one finding, no \"Spec is nil\"",
            new Row(
                VERSION,
                "spec:\n",
                "spce:\n",
                "spec:\n",
                "schema/unknown-field",
                5,
                "did you mean \"spec\"?")),
        row(
            "utc_start_hour: \"3\" in cluster_maintenance_config -> the number",
            new Row(
                CMC,
                "utc_start_hour: 3",
                "utc_start_hour: \"3\"",
                "utc_start_hour: 3",
                "schema/wrong-type",
                7,
                "write utc_start_hour: 3")),
        row(
            "start_hour: 010 (octal for tctl) -> the number tctl reads",
            new Row(
                CONFIG,
                "start_hour: 8",
                "start_hour: 010",
                "start_hour: 8",
                "schema/wrong-type",
                16,
                "write start_hour: 8")),
        row(
            "start_hour: 4.0 -> the whole number",
            new Row(
                CONFIG,
                "start_hour: 4",
                "start_hour: 4.0",
                "start_hour: 4",
                "schema/wrong-type",
                13,
                "write start_hour: 4")),
        row(
            "kind: autoupdate_configs -> the kind meant",
            new Row(
                CONFIG,
                "kind: autoupdate_config",
                "kind: autoupdate_configs",
                "kind: autoupdate_config",
                "parse/misspelt-kind",
                1,
                "did you mean \"autoupdate_config\"?")),
        row(
            "a key indented between two levels -> the column to indent to",
            new Row(
                VERSION,
                "    schedule: regular",
                "   schedule: regular",
                "    schedule: regular",
                "parse/invalid-yaml",
                9,
                "\"schedule\" starts at column 4, which lines up with no key above it: indent it to"
                    + " column 5 (like \"target_version\" on line 8) or to column 3")),
        row(
            "a list item between two levels -> the column of the list",
            new Row(
                CONFIG,
                "        - name: prod",
                "       - name: prod",
                "        - name: prod",
                "parse/invalid-yaml",
                14,
                "this list item starts at column 8, which lines up with no list above it: indent it"
                    + " to column 9 (like the list item on line 11)")),
        row(
            "a key indented under a key that has a value -> that key's column",
            new Row(
                VERSION,
                "    mode: enabled",
                "      mode: enabled",
                "    mode: enabled",
                "parse/invalid-yaml",
                10,
                "\"mode\" is indented deeper than \"schedule\" on line 9, which already has a value:"
                    + " indent it to column 5")),
        row(
            "a tab -> spaces, to the column of its siblings",
            new Row(
                VERSION,
                "    mode: enabled",
                "\tmode: enabled",
                "    mode: enabled",
                "parse/invalid-yaml",
                10,
                "indented with a tab, and YAML allows only spaces there: replace the tab with"
                    + " spaces (indent it to column 5)")),
        row(
            "no space after ':' -> the line to change, with the space",
            new Row(
                VERSION,
                "schedule: regular",
                "schedule:regular",
                "schedule: regular",
                "parse/invalid-yaml",
                9,
                "a space is missing after the ':' of \"schedule:regular\": write schedule: regular")),
        row(
            "no space after ':' on the last line -> the same hint",
            new Row(
                VERSION,
                "mode: enabled",
                "mode:enabled",
                "mode: enabled",
                "parse/invalid-yaml",
                10,
                "write mode: enabled")),
        row(
            "a key without ':' -> the colon",
            new Row(
                CONFIG,
                "start_hour: 4",
                "start_hour 4",
                "start_hour: 4",
                "parse/invalid-yaml",
                13,
                "\"start_hour 4\" has no ':' after its key: write start_hour: 4")),
        row(
            "an unclosed quote -> where it opened and the quote to add",
            new Row(
                VERSION,
                "target_version: 17.2.0",
                "target_version: \"17.2.0",
                "target_version: \"17.2.0\"",
                "parse/invalid-yaml",
                8,
                "the \" opened at line 8, column 21 is never closed: end the value with \" on line"
                    + " 8")),
        row(
            "an unclosed bracket -> where it opened and the bracket to add",
            new Row(
                CONFIG,
                "days: [Mon, Tue]\n          start_hour: 4",
                "days: [Mon, Tue\n          start_hour: 4",
                "days: [Mon, Tue]\n          start_hour: 4",
                "parse/invalid-yaml",
                12,
                "the list [ opened at line 12, column 17 is not closed before line 13, column 21:"
                    + " end it with ] on line 12")),
        row(
            "a key on the --- line -> the line after ---",
            new Row(
                VERSION,
                "kind: autoupdate_version",
                "--- kind: autoupdate_version",
                "---\nkind: autoupdate_version",
                "parse/invalid-yaml",
                1,
                "a document's first key cannot stand on its --- line: move \"kind:"
                    + " autoupdate_version\" to the line after ---")),
        row(
            "': ' inside a value -> quote the value",
            new Row(
                VERSION,
                "  name: autoupdate-version\n",
                "  name: autoupdate-version\n  description: prod: eu\n",
                "  name: autoupdate-version\n  description: \"prod: eu\"\n",
                "parse/invalid-yaml",
                5,
                "quote the value: description: \"prod: eu\"")),
        row(
            "a channel version with a byte-order mark -> the file without it",
            new Row(
                CHANNEL,
                "17.2.0",
                "\uFEFF17.2.0",
                "17.2.0",
                "channel/version",
                1,
                "save the file as UTF-8 without a byte-order mark")));
  }

  @ParameterizedTest
  @MethodSource("rows")
  void theHintAppliedLiterallyValidatesClean(Row row, @TempDir Path dir) throws Exception {
    Map<String, String> files = clean();
    String original = files.get(row.file());
    assertThat(original).as("the clean text occurs once").containsOnlyOnce(row.good());
    write(dir, files, row.file(), original.replace(row.good(), row.bad()));

    JsonNode broken = validate(dir, 1);
    assertThat(broken.get("findings")).as("exactly one finding: %s", broken).hasSize(1);
    JsonNode finding = broken.at("/findings/0");
    assertThat(finding.get("rule").asText()).isEqualTo(row.rule());
    assertThat(finding.get("file").asText()).isEqualTo(dir.resolve(row.file()).toString());
    assertThat(finding.get("line").asInt()).isEqualTo(row.line());
    assertThat(finding.get("message").asText()).contains(row.says());

    write(dir, files, row.file(), original.replace(row.good(), row.fixed()));
    JsonNode fixed = validate(dir, 0);
    assertThat(fixed.get("findings")).as("clean after the hint: %s", fixed).isEmpty();
  }

  @Test
  void theCleanRepositoryIsClean(@TempDir Path dir) throws Exception {
    Map<String, String> files = clean();
    write(dir, files, CLUSTER, files.get(CLUSTER));
    assertThat(validate(dir, 0).get("findings")).isEmpty();
  }

  @Test
  void repeatedDocumentSeparatorsAreEmptyDocumentsAsForTctl(@TempDir Path dir) throws Exception {
    Map<String, String> files = clean();
    write(dir, files, VERSION, "---\n---\n" + files.get(VERSION) + "---\n---\n");
    assertThat(validate(dir, 0).get("findings")).isEmpty();
  }

  private static JsonNode validate(Path dir, int expectedCode) throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.execute(
            new String[] {"validate", dir.toString(), "--format", "json"},
            new PrintWriter(out),
            new PrintWriter(err));
    assertThat(code).as("exit code; out: %s err: %s", out, err).isEqualTo(expectedCode);
    return new ObjectMapper().readTree(out.toString());
  }

  private static void write(Path dir, Map<String, String> files, String file, String content)
      throws Exception {
    for (Map.Entry<String, String> e : files.entrySet()) {
      Path p = dir.resolve(e.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, e.getKey().equals(file) ? content : e.getValue());
    }
  }

  private static Arguments row(String name, Row row) {
    return arguments(named(name, row));
  }
}
