package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command that takes a path, run from different folders with the paths people type: {@code
 * .}, {@code ./}, {@code ..}, {@code ./sample-repo/}, a path through a symlinked folder, and from
 * inside a cluster folder. The working directory is injected into {@link Main} (a JVM cannot change
 * its own); the acceptance test runs the launcher as a process.
 *
 * <p>The fixture is the sample repository with two warnings, one in a cluster file and one in a
 * channel file, so every run shows how it names both.
 */
class PathArgumentsTest {
  static final String CLUSTER_FILE = "autoupdate_version.yaml:12:5: warning [teleport/downgrade]";
  static final String CHANNEL_FILE =
      "channels/stable/rolling/version:1:1: warning [channel/target-mismatch]";

  @TempDir Path root;
  Path repo;

  record Run(int code, String out, String err) {
    String all() {
      return out + err;
    }
  }

  /**
   * Where the command runs and what PATH it is given; {@code {root}} stands for the absolute temp
   * folder. Findings must name prod's {@code autoupdate_version.yaml} after {@code clusterPrefix}
   * and the channel's {@code channels/...} after {@code channelPrefix}.
   */
  record Form(String workingDirectory, String path, String clusterPrefix, String channelPrefix) {}

  @BeforeEach
  void copySampleWithTwoWarnings() throws IOException {
    repo = root.resolve("sample-repo");
    copy(Path.of("sample-repo"), repo);
    Path version = repo.resolve("clusters/prod/autoupdate_version.yaml");
    Files.writeString(
        version,
        Files.readString(version)
            .replace("start_version: 17.4.8", "start_version: 17.5.2")
            .replace("target_version: 17.5.2", "target_version: 17.5.1"));
    Files.createSymbolicLink(root.resolve("link"), Path.of("sample-repo"));
    Files.createDirectories(root.resolve("elsewhere"));
    copy(Path.of("policies"), root.resolve("policies"));
    Files.createSymbolicLink(root.resolve("policies-link"), Path.of("policies"));
  }

  static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  Run lockstep(String workingDirectory, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all = new ArrayList<>();
    for (String a : args) {
      all.add(a.replace("{root}", root.toString()));
    }
    int code =
        Main.execute(
            root.resolve(workingDirectory),
            all.toArray(String[]::new),
            new PrintWriter(out, true),
            new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  static Stream<Arguments> forms() {
    return Stream.of(
        form(". in the repository", "sample-repo", ".", "clusters/prod/", ""),
        form("./ in the repository", "sample-repo", "./", "clusters/prod/", ""),
        form(".. from clusters/", "sample-repo/clusters", "..", "../clusters/prod/", "../"),
        form(
            "../sample-repo from a sibling folder",
            "elsewhere",
            "../sample-repo",
            "../sample-repo/clusters/prod/",
            "../sample-repo/"),
        form(
            "./sample-repo/ from its parent",
            "",
            "./sample-repo/",
            "sample-repo/clusters/prod/",
            "sample-repo/"),
        form("a symlinked folder", "", "link/", "link/clusters/prod/", "link/"),
        form(
            "an absolute path",
            "",
            "{root}/sample-repo",
            "{root}/sample-repo/clusters/prod/",
            "{root}/sample-repo/"),
        form(". inside the cluster folder", "sample-repo/clusters/prod", ".", "", "../../"),
        form("the cluster folder from clusters/", "sample-repo/clusters", "prod", "prod/", "../"),
        form(
            "the cluster folder through a symlinked repository",
            "",
            "link/clusters/prod/",
            "link/clusters/prod/",
            "link/"),
        form(
            "the cluster folder by its absolute path",
            "",
            "{root}/sample-repo/clusters/prod",
            "{root}/sample-repo/clusters/prod/",
            "{root}/sample-repo/"),
        form("the clusters folder itself", "sample-repo", "clusters/", "clusters/prod/", ""),
        form(
            ".. inside the cluster folder (clusters/)",
            "sample-repo/clusters/prod",
            "..",
            "../prod/",
            "../../"));
  }

  static Arguments form(
      String name,
      String workingDirectory,
      String path,
      String clusterPrefix,
      String channelPrefix) {
    return arguments(named(name, new Form(workingDirectory, path, clusterPrefix, channelPrefix)));
  }

  /** The names findings must use for the two warned files. */
  String[] expectedNames(Form form) {
    return new String[] {
      form.clusterPrefix().replace("{root}", root.toString()) + CLUSTER_FILE,
      form.channelPrefix().replace("{root}", root.toString()) + CHANNEL_FILE
    };
  }

  @ParameterizedTest
  @MethodSource("forms")
  void validate(Form form) {
    Run r = lockstep(form.workingDirectory(), "validate", form.path());
    assertThat(r.code()).as(r.all()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).contains(expectedNames(form)).doesNotContain("error [");
  }

  @ParameterizedTest
  @MethodSource("forms")
  void plan(Form form) {
    Run r =
        lockstep(
            form.workingDirectory(),
            "plan",
            form.path(),
            "--cluster",
            "prod",
            "--from",
            "2026-01-05T00:00:00Z");
    assertThat(r.code()).as(r.all()).isEqualTo(ExitCodes.OK);
    assertThat(r.err()).contains(expectedNames(form)).doesNotContain("error [");
    assertThat(r.out()).contains("Plan for cluster prod, revision working tree");
  }

  @ParameterizedTest
  @MethodSource("forms")
  void diffThenApplyThenNoChange(Form form) {
    Run diff = onFileTarget(form, "diff");
    assertThat(diff.code()).as(diff.all()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(diff.out())
        .contains(expectedNames(form))
        .contains("2 resource(s) to change on the file target.");

    Run apply = onFileTarget(form, "apply");
    assertThat(apply.code()).as(apply.all()).isEqualTo(ExitCodes.OK);
    assertThat(apply.out()).contains(expectedNames(form));

    Run again = onFileTarget(form, "diff");
    assertThat(again.code()).as(again.all()).isEqualTo(ExitCodes.OK);
  }

  Run onFileTarget(Form form, String command) {
    return lockstep(
        form.workingDirectory(),
        command,
        form.path(),
        "--cluster",
        "prod",
        "--target",
        "file",
        "--dir",
        root.resolve("applied").toString());
  }

  @ParameterizedTest
  @MethodSource("forms")
  void exportChannels(Form form) {
    Run r =
        lockstep(
            form.workingDirectory(),
            "export-channels",
            form.path(),
            "--out",
            root.resolve("out").toString());
    assertThat(r.code()).as(r.all()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).contains(expectedNames(form)[1]);
    assertThat(root.resolve("out/stable/rolling/version")).content().isEqualTo("v17.5.2");
  }

  static Stream<Arguments> policyFolders() {
    return Stream.of(
        arguments(named(". in the folder", new String[] {"policies", ".", ""})),
        arguments(named("./ in the folder", new String[] {"policies", "./", ""})),
        arguments(
            named("./policies/ from its parent", new String[] {"", "./policies/", "policies/"})),
        arguments(
            named(
                "../policies from a sibling",
                new String[] {"elsewhere", "../policies", "../policies/"})),
        arguments(
            named("a symlinked folder", new String[] {"", "policies-link", "policies-link/"})));
  }

  @ParameterizedTest
  @MethodSource("policyFolders")
  void policyTest(String[] form) {
    Run r = lockstep(form[0], "policy", "test", form[1]);
    assertThat(r.code()).as(r.all()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).contains("PASS " + form[2] + "recommended_test.yaml:").contains("0 failed");
  }

  @ParameterizedTest
  @MethodSource("policyFolders")
  void policiesOption(String[] form) {
    Run r =
        lockstep(
            form[0],
            "validate",
            root.resolve("sample-repo").toString(),
            "--policies",
            form[1],
            "--format",
            "json");
    assertThat(r.code()).as(r.all()).isEqualTo(ExitCodes.OK);
    assertThat(r.all()).doesNotContain("parse/unreadable").doesNotContain("is not a folder");
  }

  @Test
  void baseFolderIsReadFromTheWorkingDirectory() {
    Run r = lockstep("sample-repo/clusters/prod", "validate", ".", "--base", "../../../link");
    assertThat(r.code()).as(r.all()).isEqualTo(ExitCodes.OK);
    Run plan =
        lockstep(
            "sample-repo/clusters/prod",
            "plan",
            ".",
            "--base",
            "../../../link/clusters/prod",
            "--from",
            "2026-01-05T00:00:00Z");
    assertThat(plan.code()).as(plan.all()).isEqualTo(ExitCodes.OK);
    assertThat(plan.out()).contains("../../../link/clusters/prod");
  }

  @Test
  void outputFilesAreWrittenRelativeToTheWorkingDirectory() {
    Run r = lockstep("sample-repo", "validate", ".", "--format", "sarif", "-o", "lockstep.sarif");
    assertThat(r.code()).as(r.all()).isEqualTo(ExitCodes.OK);
    assertThat(repo.resolve("lockstep.sarif")).content().contains("\"version\" : \"2.1.0\"");
  }

  static Stream<Arguments> wrongFolders() {
    return Stream.of(
        arguments(named("validate an empty folder", new String[] {"validate", "docs"}), "."),
        arguments(named("plan of an empty folder", new String[] {"plan", "docs"}), "."),
        arguments(named("diff of an empty folder", new String[] {"diff", "docs/"}), "."),
        arguments(
            named(
                "export-channels of an empty folder",
                new String[] {"export-channels", "./docs", "--out", "out"}),
            "."),
        arguments(
            named("validate an empty sibling", new String[] {"validate", "../elsewhere"}), ""));
  }

  @ParameterizedTest
  @MethodSource("wrongFolders")
  void aFolderWithNothingToReadIsAnInputErrorThatNamesTheRepository(
      String[] args, String repository) throws IOException {
    Files.createDirectories(repo.resolve("docs"));
    Run r = lockstep("sample-repo", args);
    assertThat(r.code()).as(r.all()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains(" holds nothing Lockstep reads");
    if (!repository.isEmpty()) {
      assertThat(r.err()).contains("; the repository may be " + repository);
    }
    assertThat(r.err()).doesNotContain("Usage:");
  }

  @Test
  void aUsageErrorIsOneMessageAndWhereTheHelpIs() {
    Run r = lockstep("sample-repo", "diff", ".", "--targte", "file");
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err())
        .contains("Unknown options: '--targte'")
        .contains("--target")
        .contains("Run 'lockstep diff --help' for its options.")
        .doesNotContain("Usage:");
  }

  static Stream<Arguments> filesAndChannelFolders() {
    return Stream.of(
        arguments(
            named(
                "validate a cluster's file",
                new String[] {"validate", "clusters/prod/cluster.yaml"}),
            "clusters/prod/autoupdate_version.yaml:12:5: warning [teleport/downgrade]"),
        arguments(
            named(
                "plan a cluster's file",
                new String[] {
                  "plan", "clusters/prod/autoupdate_config.yaml", "--from", "2026-01-05"
                }),
            "Plan for cluster prod"),
        arguments(
            named(
                "export the channels of a cluster's file",
                new String[] {"export-channels", "clusters/staging/cluster.yaml", "--out", "out"}),
            "1 channels exported"),
        arguments(
            named(
                "validate a channel's file",
                new String[] {"validate", "channels/stable/edge/version"}),
            "2 files checked (working tree): 0 errors, 0 warnings"),
        arguments(
            named("validate channels/", new String[] {"validate", "channels/"}),
            "4 files checked (working tree): 0 errors, 0 warnings"));
  }

  /**
   * A file or folder of a repository's clusters/ or channels/ is read with its repository: no false
   * compat/unknown-channel for a cluster.yaml, no false missing-critical for a version file.
   */
  @ParameterizedTest
  @MethodSource("filesAndChannelFolders")
  void aFileOrChannelFolderIsReadWithItsRepository(String[] args, String expected) {
    Run r = lockstep("sample-repo", args);
    assertThat(r.code()).as(r.all()).isEqualTo(ExitCodes.OK);
    assertThat(r.all())
        .contains(expected)
        .doesNotContain("compat/unknown-channel")
        .doesNotContain("missing-critical");
  }

  @Test
  void diffAndApplyRefuseOneFileOfACluster() {
    Run r = lockstep("sample-repo/clusters/prod", "apply", "autoupdate_version.yaml", "--prune");
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err())
        .startsWith(
            "autoupdate_version.yaml is one file of a repository: apply acts on a whole cluster;"
                + " give its folder: lockstep apply .");
    assertThat(root.resolve("sample-repo/clusters/prod/.lockstep")).doesNotExist();
  }
}
