package dev.lockstep.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import dev.lockstep.model.FieldPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The golden corpus of {@link YamlEdit}: each file of {@code src/test/resources/edit/corpus/} gets
 * a set of edits. Three checks per row: the output equals the input with exactly the edited
 * scalars' characters replaced (computed here line by line from the reported positions, so any
 * other byte that moved fails), the output reads back with the new values at those paths (read by
 * SnakeYAML's own loader, independent of the editor), and it equals the reviewed golden file in
 * {@code corpus/expected/} (rewrite with {@code -Dgolden.update=true}).
 */
class YamlEditCorpusTest {
  static final Path CORPUS = Path.of("src", "test", "resources", "edit", "corpus");

  record Row(String file, List<ScalarEdit> edits) {}

  static List<ScalarEdit> bump(int document, String start, String target) {
    return List.of(
        new ScalarEdit(document, "spec.agents.start_version", start),
        new ScalarEdit(document, "spec.agents.target_version", target),
        new ScalarEdit(document, "spec.tools.target_version", target));
  }

  static List<ScalarEdit> bump(int document) {
    return bump(document, "17.2.1", "17.3.0");
  }

  static List<ScalarEdit> plus(List<ScalarEdit> a, ScalarEdit... more) {
    List<ScalarEdit> out = new ArrayList<>(a);
    out.addAll(List.of(more));
    return out;
  }

  static Arguments row(String name, String file, List<ScalarEdit> edits) {
    return Arguments.of(named(name, new Row(file, edits)));
  }

  static Stream<Arguments> corpus() {
    return Stream.of(
        row("plain scalars", "plain", bump(0)),
        row("comment lines and blank lines around the values", "comments-before", bump(0)),
        row("comments after the values on the same line", "comments-inline", bump(0)),
        row("comments after the last document, no final newline", "comments-after", bump(0)),
        row("double-quoted values stay double-quoted", "double-quoted", bump(0)),
        row("single-quoted values stay single-quoted", "single-quoted", bump(0)),
        row("each value keeps its own quoting", "mixed-quotes", bump(0)),
        row("flow mappings on one line", "flow-agents", bump(0)),
        row("a whole spec in one flow mapping", "flow-spec", bump(0)),
        row("a flow mapping over several lines with a comment", "flow-multiline", bump(0)),
        row("CRLF line endings", "crlf", bump(0)),
        row("UTF-8 byte-order mark", "bom", bump(0)),
        row("byte-order mark, CRLF and inline comments", "bom-crlf-comments", bump(0)),
        row("second document of a multi-document file", "multi-doc", bump(1)),
        row("document start and end markers", "multi-doc-markers", bump(1)),
        row("empty documents before the edited one", "multi-doc-empty", bump(2)),
        row("a %YAML directive", "directive", bump(0)),
        row("anchors and aliases elsewhere in the document", "anchors-elsewhere", bump(0)),
        row(
            "an anchored scalar whose every alias is set to the same value",
            "anchor-shared-all-edited",
            bump(0)),
        row("anchors on mappings without aliases", "anchor-on-mapping", bump(0)),
        row("a merge key elsewhere in the document", "merge-key-elsewhere", bump(0)),
        row("tags before plain, double- and single-quoted values", "tags", bump(0)),
        row("literal and folded block scalars elsewhere", "block-scalars-elsewhere", bump(0)),
        row("odd indentation and extra spaces after the colon", "odd-indentation", bump(0)),
        row("trailing spaces and tabs after values and keys", "trailing-spaces", bump(0)),
        row("the last line edited, no final newline", "no-final-newline", bump(0)),
        row("quoted keys", "quoted-keys", bump(0)),
        row("values on the line after their key", "value-on-next-line", bump(0)),
        row(
            "non-ASCII text and emoji before and after the values",
            "unicode",
            plus(bump(0), new ScalarEdit(0, "metadata.labels.équipe😀", "sécurité 🔒"))),
        row(
            "a plain value that would read as a number is double-quoted",
            "needs-quotes",
            bump(0, "17.2.1", "17.3")),
        row(
            "a plain value tctl would read as a YAML 1.1 boolean is quoted",
            "yaml11-boolean",
            List.of(new ScalarEdit(0, "spec.agents.mode", "on"))),
        row(
            "the halt: agents mode suspended",
            "halt-mode",
            List.of(new ScalarEdit(0, "spec.agents.mode", "suspended"))),
        row(
            "the halt on a quoted mode with a comment and CRLF",
            "halt-mode-quoted-crlf",
            List.of(new ScalarEdit(0, "spec.agents.mode", "suspended"))),
        row(
            "list items by index, in block and flow sequences",
            "sequence-index",
            List.of(
                new ScalarEdit(0, "spec.agents.schedules.regular[0].name", "development"),
                new ScalarEdit(0, "spec.agents.schedules.regular[1].days[1]", "Wed"))),
        row(
            "a single quote inside a single-quoted value is doubled",
            "single-quote-escape",
            List.of(new ScalarEdit(0, "spec.agents.mode", "it's"))),
        row(
            "quotes and backslashes inside a double-quoted value are escaped",
            "double-quote-escape",
            List.of(new ScalarEdit(0, "spec.agents.mode", "say \"hi\" \\ bye"))),
        row("the same values again leave every byte", "unchanged", bump(0, "17.2.0", "17.2.1")),
        row("a null value (~) becomes the new value", "null-plain", bump(0)),
        row(
            "two documents edited under a byte-order mark and CRLF",
            "multi-doc-crlf-bom",
            plus(bump(1), new ScalarEdit(0, "spec.agents.mode", "suspended"))),
        row(
            "an item of a flow sequence with odd spacing",
            "deep-sequence-flow",
            List.of(new ScalarEdit(0, "spec.agents.schedules.regular[0].days[2]", "Fri"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void onlyTheEditedScalarsChange(Row row) throws Exception {
    byte[] input = Files.readAllBytes(CORPUS.resolve(row.file() + ".yaml"));

    EditedFile edited = YamlEdit.apply(row.file() + ".yaml", input, row.edits());

    assertThat(new String(edited.after(), StandardCharsets.UTF_8))
        .as("the input with exactly the reported spans replaced")
        .isEqualTo(expectedFromSpans(input, edited.changes()));
    List<Object> documents = load(edited.after());
    for (ScalarEdit e : row.edits()) {
      assertThat(at(documents.get(e.document()), e.path()))
          .as("%s reads back", e.path())
          .isEqualTo(e.value());
    }
    assertMatchesGolden(row.file(), edited.after());
  }

  @Test
  void theCorpusHasAtLeastThirtyFilesAndEveryFileIsUsed() throws IOException {
    List<String> files;
    try (Stream<Path> s = Files.list(CORPUS)) {
      files =
          s.map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".yaml"))
              .map(n -> n.substring(0, n.length() - ".yaml".length()))
              .sorted()
              .toList();
    }
    List<String> used =
        corpus()
            .map(a -> ((Row) ((org.junit.jupiter.api.Named<?>) a.get()[0]).getPayload()).file())
            .sorted()
            .toList();
    assertThat(files).hasSizeGreaterThanOrEqualTo(30).isEqualTo(used);
  }

  @Test
  void unchangedValuesLeaveTheBytesIdentical() throws Exception {
    byte[] input = Files.readAllBytes(CORPUS.resolve("unchanged.yaml"));
    EditedFile edited = YamlEdit.apply("unchanged.yaml", input, bump(0, "17.2.0", "17.2.1"));
    assertThat(edited.changed()).isFalse();
    assertThat(edited.after()).isEqualTo(input);
    assertThat(edited.changes()).noneMatch(EditedFile.Change::changed);
  }

  /**
   * The input with each change's old text replaced by its new text at the reported line and column
   * (code points), nothing else: lines without a change are copied byte for byte.
   */
  static String expectedFromSpans(byte[] input, List<EditedFile.Change> changes) {
    String text = new String(input, StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>(Arrays.asList(text.split("(?<=\n)", -1)));
    List<EditedFile.Change> distinct =
        changes.stream()
            .filter(c -> !c.written().equals(c.text()))
            .distinct()
            .sorted(
                Comparator.comparing((EditedFile.Change c) -> c.location().line())
                    .thenComparing(c -> -c.location().column()))
            .toList();
    int lastLine = -1;
    int lastColumn = -1;
    for (EditedFile.Change c : distinct) {
      if (c.location().line() == lastLine && c.location().column() == lastColumn) {
        continue; // one anchored scalar named by several paths
      }
      lastLine = c.location().line();
      lastColumn = c.location().column();
      int index = c.location().line() - 1;
      String line = lines.get(index);
      int at = line.offsetByCodePoints(0, c.location().column() - 1);
      assertThat(line.substring(at)).as("old text at %s", c.location()).startsWith(c.written());
      lines.set(
          index, line.substring(0, at) + c.text() + line.substring(at + c.written().length()));
    }
    return String.join("", lines);
  }

  static List<Object> load(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (text.startsWith("\ufeff")) {
      text = text.substring(1);
    }
    List<Object> out = new ArrayList<>();
    new Load(LoadSettings.builder().build()).loadAllFromString(text).forEach(out::add);
    return out;
  }

  static Object at(Object document, String path) {
    Object current = document;
    for (String segment : FieldPath.segments(path)) {
      current =
          segment.startsWith("[")
              ? ((List<?>) current)
                  .get(Integer.parseInt(segment.substring(1, segment.length() - 1)))
              : ((Map<?, ?>) current).get(segment);
    }
    return current;
  }

  static void assertMatchesGolden(String name, byte[] actual) throws IOException {
    Path file = CORPUS.resolve("expected").resolve(name + ".yaml");
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(file.getParent());
      Files.write(file, actual);
      return;
    }
    assertThat(file).as("golden %s; run with -Dgolden.update=true and review", file).exists();
    assertThat(actual).as("golden %s", file).isEqualTo(Files.readAllBytes(file));
  }
}
