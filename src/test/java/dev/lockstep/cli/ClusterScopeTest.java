package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * With {@code --cluster}, only that cluster's scope decides: {@code --auth-version 17.5.2} is below
 * what staging targets (17.5.3) but fine for prod, so prod is planned, diffed and applied while
 * staging is refused; prod's commands count staging's findings on one line instead of listing them.
 */
class ClusterScopeTest {
  static final String SAMPLE = "sample-repo";

  @TempDir Path dir;

  /**
   * @param args the command line after {@code PATH}
   * @param exit the exit code
   * @param counted whether the other cluster's findings are counted on standard error
   */
  record Row(List<String> args, int exit, boolean counted) {}

  static Stream<Arguments> rows() {
    return Stream.of(
        Arguments.of(named("plan prod", new Row(List.of("plan", "--cluster", "prod"), 0, true))),
        Arguments.of(
            named("plan staging", new Row(List.of("plan", "--cluster", "staging"), 1, false))),
        Arguments.of(
            named("diff prod (changes)", new Row(List.of("diff", "--cluster", "prod"), 1, true))),
        Arguments.of(named("apply prod", new Row(List.of("apply", "--cluster", "prod"), 0, true))),
        Arguments.of(
            named(
                "apply staging (invalid revision)",
                new Row(List.of("apply", "--cluster", "staging"), 2, false))),
        Arguments.of(named("validate reports everything", new Row(List.of("validate"), 1, false))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void onlyTheChosenClustersScopeDecides(Row row) {
    List<String> args = new ArrayList<>(List.of(row.args().get(0), SAMPLE));
    args.addAll(row.args().subList(1, row.args().size()));
    args.addAll(List.of("--auth-version", "17.5.2"));
    if (List.of("diff", "apply").contains(row.args().get(0))) {
      args.addAll(List.of("--target", "file", "--dir", dir.resolve("applied").toString()));
    }

    CliRun r = CliRun.of(args.toArray(String[]::new));

    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(row.exit());
    if (row.counted()) {
      assertThat(r.err()).containsPattern("[1-9][0-9]* finding\\(s\\) in other clusters");
      assertThat(r.out() + r.err()).doesNotContain("clusters/staging/");
    } else {
      assertThat(r.out()).contains("clusters/staging/");
    }
  }
}
