package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.lockstep.cluster.tctl.FakeTctlInstall;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fenced command of the README's "Quick start" and "In CI" sections, run as written with the
 * real launcher on a fresh copy of the repository ({@link Checkout}), in order, each expected to
 * exit with the code its {@code # exit N} comment states. Quick start starts at the copy's root;
 * the CI commands run where the README says, in the user's repository: here a Git clone of the
 * sample repository (so {@code --base origin/main} exists), with the fake {@code tctl} first on
 * {@code PATH} for the live diff.
 */
class ReadmeCommandsIT {
  static final Pattern EXIT = Pattern.compile("#\\s*exit (\\d)\\b");

  @TempDir static Path dir;
  static Checkout checkout;
  static Path repository;
  static Path tctlFolder;

  @BeforeAll
  static void setUp() throws Exception {
    checkout = Checkout.create(dir);
    Path origin = dir.resolve("origin");
    PathArgumentsTest.copy(checkout.root.resolve("sample-repo"), origin);
    git(origin, "init", "-q", "-b", "main");
    git(origin, "add", "-A");
    git(origin, "-c", "user.name=a", "-c", "user.email=a@x", "commit", "-qm", "base");
    repository = dir.resolve("your-repository");
    git(dir, "clone", "-q", origin.toString(), repository.toString());
    Files.writeString(repository.resolve("identity"), "an identity file from tbot\n");
    tctlFolder =
        FakeTctlInstall.install(dir.resolve("tctl"), dir.resolve("tctl-state")).getParent();
  }

  static void git(Path in, String... args) throws Exception {
    List<String> argv = new ArrayList<>(List.of("git"));
    argv.addAll(List.of(args));
    assertThat(Checkout.exec(in, Map.of(), argv).code()).isZero();
  }

  /** The fenced blocks of one {@code ## } section of a README, line by line. */
  static List<String> fencedLines(String readmeFile, String section) throws IOException {
    String readme = Files.readString(Path.of(readmeFile));
    int start = readme.indexOf("\n## " + section + "\n");
    assertThat(start).as("README section %s", section).isNotNegative();
    int end = readme.indexOf("\n## ", start + 1);
    String body = readme.substring(start, end < 0 ? readme.length() : end);
    List<String> lines = new ArrayList<>();
    boolean fenced = false;
    for (String line : body.split("\n")) {
      if (line.startsWith("```")) {
        fenced = !fenced;
      } else if (fenced && !line.isBlank()) {
        lines.add(line.strip());
      }
    }
    assertThat(lines).as("commands in %s", section).isNotEmpty();
    return lines;
  }

  /**
   * Each README section, and where its commands start: the Lockstep copy's root, the user's
   * repository, or the copy's sample repository.
   */
  static Stream<Arguments> sections() {
    return Stream.of(
        arguments(named("README: Quick start", "README.md"), "Quick start", ""),
        arguments(
            named("README: In CI", "README.md"), "In CI: check every pull request", "{repository}"),
        arguments(
            named("sample-repo/README: Try it", "sample-repo/README.md"), "Try it", "sample-repo"));
  }

  @ParameterizedTest
  @MethodSource("sections")
  void everyCommandExitsAsTheReadmeSays(String readme, String section, String start)
      throws Exception {
    boolean inRepository = start.equals("{repository}");
    Path folder = inRepository ? repository : checkout.root.resolve(start);
    // lockstep is the copy's launcher; in the user's repository tctl is the fake
    String path = checkout.root + File.pathSeparator + System.getenv("PATH");
    Map<String, String> env =
        Map.of("PATH", inRepository ? tctlFolder + File.pathSeparator + path : path);
    int run = 0;
    for (String line : fencedLines(readme, section)) {
      if (line.startsWith("cd ")) {
        folder = folder.resolve(line.substring(3).strip()).normalize();
        assertThat(folder).as(line).isDirectory();
        continue;
      }
      Matcher exit = EXIT.matcher(line);
      assertThat(exit.find()).as("the README states the exit code of: %s", line).isTrue();
      Checkout.Result r = checkout.shell(folder, env, line);
      assertThat(r.code())
          .as("%s%nin %s%n%s", line, folder, r.all())
          .isEqualTo(Integer.parseInt(exit.group(1)));
      assertThat(r.err()).as(line).doesNotContain("Exception").doesNotContain("LogManager");
      run++;
    }
    assertThat(run).isPositive();
  }

  @Test
  void theQuickStartsSecondValidateNamesProdsFilesFromItsFolder() throws Exception {
    Path prod = checkout.root.resolve("sample-repo/clusters/prod");
    Path version = prod.resolve("autoupdate_version.yaml");
    String before = Files.readString(version);
    try {
      Files.writeString(
          version, before.replace("target_version: 17.5.2", "target_version: 18.0.0"));
      Checkout.Result r = checkout.shell(prod, Map.of(), "../../../lockstep validate .");
      assertThat(r.code()).isEqualTo(1);
      assertThat(r.out())
          .contains("autoupdate_version.yaml:12:5: error [compat/newer-than-auth]")
          .contains("../../channels/stable/rolling/version:1:1: warning [channel/target-mismatch]");
    } finally {
      Files.writeString(version, before);
    }
  }
}
