package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The top-level command line: {@code version} and {@code --version}, and the lazily built
 * subcommands (only the named one is built; help and mistakes see all of them).
 */
class MainTest {

  static CliRun run(String... args) {
    return CliRun.of(args);
  }

  static Stream<Arguments> versionForms() {
    return Stream.of(
        Arguments.of(Named.of("lockstep version", new String[] {"version"})),
        Arguments.of(Named.of("lockstep --version", new String[] {"--version"})),
        Arguments.of(Named.of("lockstep -V", new String[] {"-V"})));
  }

  @ParameterizedTest(name = "{0} prints version, commit, build date and runtime")
  @MethodSource("versionForms")
  void versionPrintsTheStampedBuild(String[] args) {
    CliRun r = run(args);
    assertThat(r.exit()).isZero();
    assertThat(r.out().lines())
        .hasSize(4)
        .satisfies(
            lines -> {
              // the Maven build stamps the properties (process-resources), tests run after it
              assertThat(lines.get(0)).matches("lockstep \\d+\\.\\d+\\.\\d+.*");
              assertThat(lines.get(1)).matches("commit: +([0-9a-f]{12}( \\(modified\\))?|none .*)");
              assertThat(lines.get(2))
                  .matches("built: +\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
              assertThat(lines.get(3))
                  .startsWith("java:    " + System.getProperty("java.runtime.version"));
            });
  }

  @Test
  void aBuildWithoutItsStampSaysSo() {
    BuildInfo info = BuildInfo.from(new Properties());
    assertThat(info.version()).isEqualTo("dev");
    assertThat(info.commit()).isEqualTo(BuildInfo.UNKNOWN);
    assertThat(info.lines().get(2)).contains("unknown");
  }

  @Test
  void onlyTheNamedSubcommandIsBuilt() {
    assertThat(Main.commandLine(new String[] {"validate", "."}).getSubcommands().keySet())
        .containsExactly("validate");
  }

  @Test
  void helpAndMistakesSeeEveryCommand() {
    assertThat(Main.commandLine(new String[] {"help"}).getSubcommands().keySet())
        .containsExactlyElementsOf(Main.COMMANDS)
        .contains("validate", "plan", "version", "help");
    CliRun help = run("--help");
    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("validate", "export-channels", "version");
    CliRun typo = run("validat", ".");
    assertThat(typo.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(typo.err()).contains("validate");
  }
}
