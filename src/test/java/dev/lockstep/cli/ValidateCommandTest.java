package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.lockstep.testing.Golden;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Acceptance tests of {@code lockstep validate} and {@code lockstep rules}: exit codes and golden
 * output.
 */
class ValidateCommandTest {
  static final String CLI = "src/test/resources/cli/";

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  static Stream<Arguments> scenarios() {
    return Stream.of(
        arguments(
            named("sample-repo is clean", "sample-repo"),
            new String[] {"validate", "sample-repo"},
            0),
        arguments(
            named("typo and range errors", "typo-and-range"),
            new String[] {"validate", CLI + "typo-and-range"},
            1),
        arguments(
            named("typo and range errors as json", "typo-and-range-json"),
            new String[] {"validate", CLI + "typo-and-range", "--format", "json"},
            1),
        arguments(
            named("typo and range errors as github annotations", "typo-and-range-github"),
            new String[] {"validate", CLI + "typo-and-range", "--format", "github"},
            1),
        arguments(
            named("typo and range errors as junit", "typo-and-range-junit"),
            new String[] {"validate", CLI + "typo-and-range", "--format", "junit"},
            1),
        arguments(
            named("typo and range errors as sarif", "typo-and-range-sarif"),
            new String[] {"validate", CLI + "typo-and-range", "--format", "sarif"},
            1),
        arguments(
            named("warnings pass by default", "warnings-only"),
            new String[] {"validate", CLI + "warnings-only"},
            0),
        arguments(
            named("warnings fail with --fail-on warning", "warnings-fail-on-warning"),
            new String[] {"validate", CLI + "warnings-only", "--fail-on", "warning"},
            1),
        arguments(
            named("one file", "one-file"),
            new String[] {"validate", CLI + "one-file/autoupdate_version.yaml"},
            0),
        arguments(
            named("compatibility against --auth-version", "sample-repo-old-auth"),
            new String[] {"validate", "sample-repo", "--auth-version", "16.4.0"},
            1));
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void validateScenario(String golden, String[] args, int expectedCode) {
    Run r = run(args);
    assertThat(r.code()).as("exit code; stderr: " + r.err()).isEqualTo(expectedCode);
    // the SARIF driver names the build's version; the golden files hold "dev" for any version
    String out =
        r.out().replace("\"version\" : \"" + Main.version() + "\"", "\"version\" : \"dev\"");
    Golden.assertMatches(ValidateCommandTest.class, golden, out);
  }

  static Stream<Arguments> usageErrors() {
    return Stream.of(
        arguments(
            named("unknown format", new String[] {"validate", "sample-repo", "--format", "yaml"}),
            "--format: unknown format \"yaml\""),
        arguments(
            named(
                "unknown fail level",
                new String[] {"validate", "sample-repo", "--fail-on", "info"}),
            "--fail-on: unknown level \"info\""),
        arguments(
            named(
                "bad auth version",
                new String[] {"validate", "sample-repo", "--auth-version", "17.x"}),
            "--auth-version: version \"17.x\" is not a valid semantic version"),
        arguments(
            named("missing path", new String[] {"validate", "no/such/path"}),
            "no/such/path: no such file or directory"),
        arguments(
            named("no path", new String[] {"validate"}), "Missing required parameter: 'PATH'"),
        arguments(named("unknown command", new String[] {"frobnicate"}), "Unmatched argument"),
        arguments(named("no command", new String[] {}), "a command is required"));
  }

  @ParameterizedTest
  @MethodSource("usageErrors")
  void usageErrorsExit2WithAClearMessageAndNoStackTrace(String[] args, String message) {
    Run r = run(args);
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains(message).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void outputGoesToAFileWhenAsked(@TempDir Path dir) throws Exception {
    Path sarif = dir.resolve("out.sarif");
    Run r =
        run("validate", CLI + "typo-and-range", "--format", "sarif", "--output", sarif.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(Files.readString(sarif))
        .contains("\"version\" : \"2.1.0\"")
        .contains("schema/unknown-field");
  }

  @Test
  void baseIsTheSameFolderInAnotherRevisionOfTheEnclosingRepository(@TempDir Path dir)
      throws Exception {
    Path repo = Files.createDirectories(dir.resolve("repo"));
    Path sub = repo.resolve("gitops");
    copy(Path.of("sample-repo"), sub);
    try (org.eclipse.jgit.api.Git git =
        org.eclipse.jgit.api.Git.init()
            .setDirectory(repo.toFile())
            .setInitialBranch("main")
            .call()) {
      git.add().addFilepattern(".").call();
      git.commit()
          .setMessage("base")
          .setSign(false)
          .setAuthor("t", "t@localhost")
          .setCommitter("t", "t@localhost")
          .call();
    }
    // a two-major jump of prod's target against the base: compat/major-skip, found through the
    // subfolder
    Path version = sub.resolve("clusters/prod/autoupdate_version.yaml");
    Files.writeString(
        version,
        Files.readString(version)
            .replace(
                "target_version: 17.5.2\n    schedule", "target_version: 19.0.0\n    schedule"));
    Run r = run("validate", sub.toString(), "--base", "main", "--auth-version", "19.0.0");
    assertThat(r.out())
        .contains("[compat/major-skip]")
        .contains("gitops/clusters/prod/autoupdate_version.yaml");
    assertThat(run("validate", sub.toString(), "--base", "no-such-rev").code()).isEqualTo(2);
  }

  private static void copy(Path from, Path to) throws java.io.IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  @Test
  void rulesListsEveryRuleIdOnce() {
    Run r = run("rules");
    assertThat(r.code()).isZero();
    assertThat(r.out().lines()).hasSize(dev.lockstep.validate.Rules.all().size());
    assertThat(r.out())
        .contains("teleport/start-hour")
        .contains("parse/invalid-yaml")
        .contains("compat/newer-than-auth");
    Golden.assertMatches(
        ValidateCommandTest.class, "rules-markdown", run("rules", "--markdown").out());
  }
}
