package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command that reads a revision runs the repository's own {@code policies/}: a policy rule at
 * error severity blocks each of them, and nothing is applied or exported. {@code diff} and {@code
 * apply} used to skip the policies, so a push pipeline could apply what {@code serve} refuses.
 */
class RepositoryPolicyTest {
  static final Path FREEZE = Path.of("src/test/resources/policy/freeze.yaml");

  @TempDir Path tmp;
  Path repo;
  Path out;

  @BeforeEach
  void copySample() throws IOException {
    repo = tmp.resolve("repo");
    out = tmp.resolve("out");
    Path sample = Path.of("sample-repo");
    try (Stream<Path> files = Files.walk(sample)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path to = repo.resolve(sample.relativize(f).toString());
        Files.createDirectories(to.getParent());
        Files.copy(f, to);
      }
    }
  }

  /**
   * A command line over the repository and the folder it may write.
   *
   * @param blockedExit the exit code of a revision with an error finding
   */
  record Command(Function<RepositoryPolicyTest, List<String>> args, int blockedExit) {}

  /** {@code diff} or {@code apply} of prod on the file target: an invalid revision exits 2. */
  static Command onTheFileTarget(String command) {
    return new Command(
        t ->
            List.of(
                command,
                t.repo(),
                "--cluster",
                "prod",
                "--target",
                "file",
                "--dir",
                t.out.toString()),
        2);
  }

  static Stream<Arguments> commands() {
    return Stream.of(
        Arguments.of(named("validate", new Command(t -> List.of("validate", t.repo()), 1))),
        Arguments.of(
            named(
                "plan --cluster prod",
                new Command(t -> List.of("plan", t.repo(), "--cluster", "prod"), 1))),
        Arguments.of(named("diff --cluster prod", onTheFileTarget("diff"))),
        Arguments.of(named("apply --cluster prod", onTheFileTarget("apply"))),
        Arguments.of(
            named(
                "export-channels",
                new Command(
                    t -> List.of("export-channels", t.repo(), "--out", t.out.toString()), 1))));
  }

  String repo() {
    return repo.toString();
  }

  CliRun run(Command c) {
    return CliRun.of(c.args().apply(this).toArray(String[]::new));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commands")
  void withoutThePolicyTheCommandIsNotBlocked(Command c) {
    CliRun r = run(c);

    assertThat(r.exit()).as(r.out() + r.err()).isNotEqualTo(c.blockedExit()).isLessThan(2);
    assertThat(r.out()).doesNotContain("policy/freeze");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commands")
  void aRepositoryPolicyAtErrorSeverityBlocksIt(Command c) throws IOException {
    Files.createDirectories(repo.resolve("policies"));
    Files.copy(FREEZE, repo.resolve("policies/freeze.yaml"));

    CliRun r = run(c);

    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(c.blockedExit());
    assertThat(r.out())
        .contains("clusters/prod/autoupdate_version.yaml:")
        .contains("error [policy/freeze/no-17-5-2] 17.5.2 is withdrawn here");
    assertThat(out).as("nothing applied or exported").doesNotExist();
  }

  @Test
  void planWithABaseRunsTheBaseRevisionRules() throws IOException {
    Path base = tmp.resolve("base");
    Files.createDirectories(base);
    try (Stream<Path> files = Files.walk(repo)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path to = base.resolve(repo.relativize(f).toString());
        Files.createDirectories(to.getParent());
        Files.copy(f, to);
      }
    }
    // the base ran 15.x: the sample's 17.5.2 skips a major, which only the base-revision rules see
    Path version = base.resolve("clusters/prod/autoupdate_version.yaml");
    Files.writeString(
        version,
        Files.readString(version)
            .replace("start_version: 17.4.8", "start_version: 15.4.0")
            .replace(
                "target_version: 17.5.2\n    schedule", "target_version: 15.4.1\n    schedule"));

    CliRun r = CliRun.of("plan", repo(), "--cluster", "prod", "--base", base.toString());

    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out())
        .contains("clusters/prod/autoupdate_version.yaml:")
        .contains("error [compat/major-skip]");
  }
}
