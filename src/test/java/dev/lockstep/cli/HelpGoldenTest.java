package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.testing.Golden;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What users see of the command-line model, byte for byte: the help of every command of the tree,
 * the root's help, its answer without a command, the shape of {@code --version} and the usage
 * errors picocli words (unknown option with a suggestion, missing parameter, bad value). The model
 * is declared in code; these goldens prove the declaration renders as the annotations did.
 */
class HelpGoldenTest {

  /** Golden file name of a command line: "policy test" becomes "policy-test". */
  static String fileName(String command) {
    return command.replace(' ', '-');
  }

  static Stream<String> commands() {
    return HelpTest.commands();
  }

  @ParameterizedTest
  @MethodSource("commands")
  void helpOfEveryCommand(String command) {
    HelpTest.Run r = HelpTest.run((command + " --help").split(" "));
    assertThat(r.err()).isEmpty();
    Golden.assertMatches(HelpGoldenTest.class, "help-" + fileName(command), r.out());
  }

  @Test
  void rootHelp() {
    HelpTest.Run r = HelpTest.run("--help");
    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
    Golden.assertMatches(HelpGoldenTest.class, "root-help", r.out());
  }

  @Test
  void rootWithoutACommand() {
    HelpTest.Run r = HelpTest.run();
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.out()).isEmpty();
    Golden.assertMatches(HelpGoldenTest.class, "root-no-command", r.err());
  }

  /**
   * The commit, build date and Java runtime vary between builds; the line structure and labels do
   * not. A subcommand's {@code --version} is picocli's: it prints what its command declares.
   */
  @ParameterizedTest
  @ValueSource(strings = {"--version", "validate --version", "policy test -V", "serve -V"})
  void versionShape(String args) {
    HelpTest.Run r = HelpTest.run(args.split(" "));
    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
    String masked =
        r.out()
            .replace(Main.version(), "<version>")
            .replace(System.getProperty("java.runtime.version"), "<java>")
            .replace(System.getProperty("java.home"), "<java-home>")
            .replaceAll("[0-9a-f]{7,40}( \\(modified\\))?", "<commit>")
            .replaceAll("\\d{4}-\\d{2}-\\d{2}T[0-9:]+Z", "<date>");
    Golden.assertMatches(HelpGoldenTest.class, "version-" + fileName(args), masked);
  }

  @Test
  void versionCommandPrintsWhatVersionOptionPrints() {
    assertThat(HelpTest.run("version").out()).isEqualTo(HelpTest.run("--version").out());
  }

  static Stream<Arguments> usageErrors() {
    return Stream.of(
        row("unknown-option-suggested", "validate", "sample-repo", "--fial-on", "warning"),
        row("unknown-command-suggested", "valdate", "sample-repo"),
        row("missing-path", "validate"),
        row("bad-format", "validate", "sample-repo", "--format", "xml"),
        row("plan-missing-cluster", "plan", "sample-repo"),
        row("diff-unknown-option", "diff", "sample-repo", "--clustr", "prod"),
        row("policy-missing-subcommand", "policy"),
        row("policy-test-missing-path", "policy", "test"),
        row("missing-option-value", "validate", "sample-repo", "--format"),
        row("bump-unknown-option", "bump", "sample-repo", "--channel"),
        row("rollout-missing-path", "rollout", "--bogus"));
  }

  static Arguments row(String name, String... args) {
    return Arguments.of(name, List.of(args));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("usageErrors")
  void usageErrorsExitTwoWithTheirMessage(String name, List<String> args) {
    HelpTest.Run r = HelpTest.run(args.toArray(String[]::new));
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.out()).isEmpty();
    Golden.assertMatches(HelpGoldenTest.class, "usage-" + name, r.err());
  }
}
