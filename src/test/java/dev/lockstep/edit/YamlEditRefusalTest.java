package dev.lockstep.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;

import dev.lockstep.edit.EditException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What {@link YamlEdit} refuses, each with the file, line, field and a hint. */
class YamlEditRefusalTest {

  record Case(
      String yaml, List<ScalarEdit> edits, Reason reason, int line, String... messageParts) {}

  static ScalarEdit set(String path, String value) {
    return new ScalarEdit(0, path, value);
  }

  static Arguments row(String name, Case c) {
    return Arguments.of(named(name, c));
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        row(
            "a field that is not in the file is never inserted",
            new Case(
                "kind: autoupdate_version\nspec:\n  agents:\n    target_version: 17.2.1\n",
                List.of(set("spec.tools.target_version", "17.3.0")),
                Reason.MISSING_FIELD,
                2,
                "spec.tools is not in the file",
                "add \"tools: ...\" in spec by hand once")),
        row(
            "a key with no value",
            new Case(
                "spec:\n  agents:\n    mode:\n    strategy: halt-on-error\n",
                List.of(set("spec.agents.mode", "suspended")),
                Reason.MISSING_FIELD,
                3,
                "spec.agents.mode has no value")),
        row(
            "a mapping where a value is expected",
            new Case(
                "spec:\n  agents:\n    mode: enabled\n",
                List.of(set("spec.agents", "x")),
                Reason.NOT_A_SCALAR,
                3,
                "spec.agents is a mapping, not a single value")),
        row(
            "a path through a scalar",
            new Case(
                "spec:\n  agents: enabled\n",
                List.of(set("spec.agents.mode", "x")),
                Reason.NOT_A_SCALAR,
                2,
                "spec.agents is not a mapping")),
        row(
            "a list index past the end",
            new Case(
                "days: [Mon]\n",
                List.of(set("days[3]", "Tue")),
                Reason.MISSING_FIELD,
                1,
                "days has 1 item(s); there is no item 3")),
        row(
            "a literal block scalar",
            new Case(
                "spec:\n  agents:\n    target_version: |\n      17.2.1\n",
                List.of(set("spec.agents.target_version", "17.3.0")),
                Reason.MULTI_LINE,
                3,
                "is a block scalar (|)",
                "write it on one line")),
        row(
            "a plain scalar over two lines",
            new Case(
                "spec:\n  description: one\n    two\n",
                List.of(set("spec.description", "x")),
                Reason.MULTI_LINE,
                2,
                "written over several lines")),
        row(
            "an anchored scalar whose alias is not edited",
            new Case(
                "spec:\n  agents:\n    start_version: &v 17.2.1\n    target_version: *v\n",
                List.of(set("spec.agents.start_version", "17.2.0")),
                Reason.SHARED_ANCHOR,
                3,
                "spec.agents.start_version is shared through anchor &v with spec.agents.target_version",
                "Set them all to the same value")),
        row(
            "a scalar inside an aliased mapping",
            new Case(
                "base: &base\n  target_version: 17.2.1\nspec:\n  agents: *base\n",
                List.of(set("spec.agents.target_version", "17.3.0")),
                Reason.SHARED_ANCHOR,
                2,
                "shared through anchor &base with base.target_version")),
        row(
            "an anchored scalar set to two values through its aliases",
            new Case(
                "a: &v 1.0.0\nb: *v\n",
                List.of(set("a", "2.0.0"), set("b", "3.0.0")),
                Reason.CONFLICTING_EDITS,
                1,
                "b is set to both \"2.0.0\" and \"3.0.0\" (the same scalar as a)")),
        row(
            "a value that comes from a merge key",
            new Case(
                "base: &b {mode: enabled}\nspec:\n  agents:\n    <<: *b\n    strategy: x\n",
                List.of(set("spec.agents.mode", "suspended")),
                Reason.SHARED_ANCHOR,
                1,
                "spec.agents.mode is shared through an alias or a merge key (<<) with base.mode")),
        row(
            "a document the file does not have",
            new Case(
                "a: 1\n---\nb: 2\n",
                List.of(new ScalarEdit(2, "a", "x")),
                Reason.NO_SUCH_DOCUMENT,
                0,
                "the file has 2 document(s); there is no document 3")),
        row(
            "a file that is not YAML",
            new Case(
                "a: \"unclosed\n",
                List.of(set("a", "x")),
                Reason.INVALID_YAML,
                0,
                "not valid YAML")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void refusesWithFileLineFieldAndHint(Case c) {
    byte[] bytes = c.yaml().getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> YamlEdit.apply("clusters/prod/version.yaml", bytes, c.edits()))
        .isInstanceOfSatisfying(
            EditException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(c.reason());
              assertThat(e.location().file()).isEqualTo("clusters/prod/version.yaml");
              assertThat(e.location().line()).isEqualTo(c.line());
              assertThat(e.getMessage()).startsWith(e.location().toString() + ": ");
              assertThat(e.getMessage()).contains(c.messageParts());
            });
  }

  @Test
  void aFileThatIsNotUtf8IsRefusedWithoutAStackTrace() {
    byte[] latin1 = "a: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> YamlEdit.apply("x.yaml", latin1, List.of(set("a", "b"))))
        .isInstanceOf(EditException.class)
        .hasMessage("x.yaml: the file is not UTF-8 text; save it as UTF-8");
  }

  @Test
  void aRefusedEditSetChangesNothingEvenWhenOtherEditsWereFine() {
    byte[] bytes = "a: 1.0.0\nb: |\n  x\n".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(
            () -> YamlEdit.apply("x.yaml", bytes, List.of(set("a", "2.0.0"), set("b", "y"))))
        .isInstanceOf(EditException.class);
  }

  @Test
  void findsTheDocumentStartingAtAResourceOrigin() throws Exception {
    byte[] bytes = "# c\n---\nkind: a\n---\n\n  kind: b\n  x: 1\n".getBytes(StandardCharsets.UTF_8);
    assertThat(YamlEdit.documentAt("f", bytes, 3, 1)).isEqualTo(OptionalInt.of(0));
    assertThat(YamlEdit.documentAt("f", bytes, 6, 3)).isEqualTo(OptionalInt.of(1));
    assertThat(YamlEdit.documentAt("f", bytes, 7, 3)).isEmpty();
  }
}
