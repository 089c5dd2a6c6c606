package dev.lockstep.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;

import dev.lockstep.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated tables of {@code docs/} match what they are generated from: the rule catalog
 * ({@code lockstep rules --markdown}) and the configuration keys ({@code LockstepConfig}). Run with
 * {@code -Dgolden.update=true} to rewrite a stale table, then review the diff. The architecture
 * page's package table, written by hand, must list the packages in {@code LayeringTest}'s order.
 */
class DocsTablesTest {

  static final Path ARCHITECTURE = Path.of("docs/architecture.md");

  static final Path CONFIG_SOURCE =
      Path.of("src/main/java/dev/lockstep/server/LockstepConfig.java");

  static Stream<Arguments> tables() {
    return Stream.of(
        table(
            "rules.md: every built-in rule",
            new GeneratedBlock(Path.of("docs/rules.md"), "lockstep rules --markdown"),
            DocsTablesTest::rulesMarkdown),
        table(
            "configuration.md: every lockstep.* key",
            new GeneratedBlock(Path.of("docs/configuration.md"), "configuration keys"),
            () -> ConfigTable.markdown(Files.readString(CONFIG_SOURCE))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tables")
  void theGeneratedTableIsFresh(GeneratedBlock block, Callable<String> generate) throws Exception {
    String page = Files.readString(block.page(), StandardCharsets.UTF_8);
    String fresh = block.fill(page, generate.call());
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(block.page(), fresh, StandardCharsets.UTF_8);
      return;
    }
    assertThat(page)
        .as(
            "%s's table '%s' is stale: run ./mvnw -B test -Dfuzz.skip=true -Dtest=DocsTablesTest"
                + " -Dgolden.update=true and review the diff",
            block.page(), block.name())
        .isEqualTo(fresh);
  }

  /** What {@code lockstep rules --markdown} prints. */
  static String rulesMarkdown() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Main.execute(
            new String[] {"rules", "--markdown"}, new PrintWriter(out), new PrintWriter(err));
    assertThat(exit).as(err.toString()).isZero();
    return out.toString();
  }

  @Test
  void theRulesTableListsEveryRuleOnce() {
    List<String> rows = rulesMarkdown().lines().skip(2).toList();
    assertThat(rows).hasSizeGreaterThan(40).doesNotHaveDuplicates();
    assertThat(rows).anyMatch(r -> r.startsWith("| `teleport/start-hour` | error | "));
  }

  @Test
  void theConfigTableHasOneRowPerKeyInDeclarationOrder() throws IOException {
    List<String> rows =
        ConfigTable.markdown(Files.readString(CONFIG_SOURCE)).lines().skip(2).toList();
    assertThat(rows.get(0))
        .startsWith("| `lockstep.data-dir` | `LOCKSTEP_DATA_DIR` | `.lockstep` |");
    assertThat(rows)
        .anyMatch(
            r ->
                r.equals(
                    "| `lockstep.git.url` | `LOCKSTEP_GIT_URL` | (unset) | Clone URL: https://,"
                        + " ssh://, git@host:path, git://, file:// or a local path. Unset: the"
                        + " bundled sample repository (embedded default). |"));
    assertThat(rows)
        .anyMatch(r -> r.contains("`{cluster}`, `{revision}` and `{reason}` are replaced"));
  }

  @Test
  void theArchitecturePageListsThePackagesInLayeringOrder() throws Exception {
    Field layers = Class.forName("dev.lockstep.arch.LayeringTest").getDeclaredField("LAYERS");
    layers.setAccessible(true);
    assertThat(packageRows(Files.readString(ARCHITECTURE)))
        .as(
            "%s's table under '## The packages' lists LayeringTest.LAYERS, one row each, in order",
            ARCHITECTURE)
        .isEqualTo(layers.get(null));
  }

  @Test
  void readsThePackageColumnOfThePackagesSection() {
    String page =
        "# A\n## The packages\n\n| package | what |\n|---|---|\n| `model` | records |\n"
            + "| `parse` | YAML |\n\n| `not` | a row |\n## Where to add\n| `x` | y |\n";
    assertThat(packageRows(page)).containsExactly("model", "parse");
  }

  /** The first column of the first table under {@code ## The packages}, without backticks. */
  static List<String> packageRows(String page) {
    int start = page.indexOf("\n## The packages\n");
    assertThat(start).as("a section '## The packages'").isNotNegative();
    List<String> rows = new ArrayList<>();
    boolean inTable = false;
    for (String line : page.substring(start + 1).split("\n")) {
      if (line.startsWith("|")) {
        inTable = true;
        String cell = line.split("\\|")[1].strip();
        if (cell.startsWith("`")) {
          rows.add(cell.replace("`", ""));
        }
      } else if (inTable) {
        break;
      }
    }
    return rows;
  }

  static Stream<Arguments> javadocCases() {
    return Stream.of(
        Arguments.of(named("plain text", "Poll period."), "Poll period."),
        Arguments.of(named("code", "Branch for {@code mode=branch}."), "Branch for `mode=branch`."),
        Arguments.of(
            named("code with braces", "{@code {cluster}} is replaced"), "`{cluster}` is replaced"),
        Arguments.of(named("a link", "see {@link Duration}"), "see `Duration`"),
        Arguments.of(named("a bar", "{@code a|b}"), "`a\\|b`"),
        Arguments.of(named("wrapped lines", "one\n     two"), "one two"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("javadocCases")
  void javadocBecomesATableCell(String javadoc, String cell) {
    assertThat(ConfigTable.markdownOf(javadoc)).isEqualTo(cell);
  }

  @Test
  void readsNestedAccessorsWithTheirJavadoc() {
    String source =
        """
        public interface LockstepConfig {
          /** Data. */
          @WithDefault(".lockstep")
          Path dataDir();

          /** The group. */
          Git git();

          /** Git settings. */
          interface Git {
            /**
             * Clone URL, over
             * two lines.
             */
            Optional<String> url();
          }
        }
        """;
    assertThat(ConfigTable.documented(source))
        .containsExactly(
            new ConfigTable.Documented(List.of("dataDir"), "Data."),
            new ConfigTable.Documented(List.of("git", "url"), "Clone URL, over two lines."));
  }

  @Test
  void anAccessorWithoutJavadocIsAnError() {
    String source =
        """
        public interface LockstepConfig {
          Path dataDir();
        }
        """;
    assertThatThrownBy(() -> ConfigTable.documented(source))
        .hasMessageContaining("dataDir() has no javadoc");
  }

  @Test
  void aPageWithoutTheMarksSaysWhatToAdd() {
    GeneratedBlock block = new GeneratedBlock(Path.of("docs/x.md"), "table");
    assertThatThrownBy(() -> block.fill("# X\n", "| a |"))
        .hasMessageContaining("<!-- BEGIN GENERATED: table -->");
    assertThat(
            block.fill(
                "a\n<!-- BEGIN GENERATED: table -->\nold\n<!-- END GENERATED -->\nb\n", "| a |\n"))
        .isEqualTo("a\n<!-- BEGIN GENERATED: table -->\n\n| a |\n\n<!-- END GENERATED -->\nb\n");
  }

  private static Arguments table(String name, GeneratedBlock block, Callable<String> generate) {
    return Arguments.of(named(name, block), generate);
  }
}
