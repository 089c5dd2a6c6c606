package dev.lockstep.validate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import dev.lockstep.model.SourceLocation;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyYamlTest {

  @Test
  void valuesAndPositions() {
    PolicyYaml.Result r =
        PolicyYaml.read("p.yaml", "a: 1\nb:\n  - x\n  - {c: true, d: null, e: 1.5}\n---\nf: g\n");
    assertThat(r.findings()).isEmpty();
    assertThat(r.documents()).hasSize(2);
    YamlDocument doc = r.documents().get(0);
    assertThat(doc.values().get("a")).isEqualTo(1L);
    assertThat(doc.locate("b[1].c")).isEqualTo(new SourceLocation("p.yaml", 4, 6));
    assertThat(doc.locate("b[1]")).isEqualTo(new SourceLocation("p.yaml", 4, 5));
    assertThat(doc.locate("b[1].missing")).isEqualTo(new SourceLocation("p.yaml", 4, 5));
    assertThat(LoadedPolicies.value(doc.values(), "b[1].e")).isEqualTo(1.5);
    assertThat(r.documents().get(1).origin().line()).isEqualTo(6);
  }

  static Stream<Arguments> badInput() {
    return Stream.of(
        Arguments.of(named("invalid YAML", "x: 1\na: b: c\n"), "parse/invalid-yaml", 2),
        Arguments.of(named("duplicate key", "a: 1\nb: 2\na: 3\n"), "parse/duplicate-key", 3),
        Arguments.of(
            named("a document that is not a mapping", "- a\n- b\n"), "parse/invalid-yaml", 1),
        Arguments.of(named("a bad tag", "a: !%2 x\n"), "parse/invalid-yaml", 0),
        Arguments.of(
            named("deep nesting", "a: " + "[".repeat(100) + "]".repeat(100) + "\n"),
            "parse/invalid-yaml",
            0));
  }

  @ParameterizedTest
  @MethodSource
  void badInput(String yaml, String rule, int line) {
    PolicyYaml.Result r = PolicyYaml.read("p.yaml", yaml);
    assertThat(r.findings())
        .isNotEmpty()
        .first()
        .satisfies(
            f -> {
              assertThat(f.rule()).isEqualTo(rule);
              assertThat(f.location().file()).isEqualTo("p.yaml");
              if (line > 0) {
                assertThat(f.location().line()).isEqualTo(line);
              }
            });
  }
}
