package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.model.Quoting;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input robustness suite: every command over a repository broken in one of the ways of
 * issue 15 item 5 (YAML tags tctl refuses, a quoted integer where Go's encoding/json wants a
 * number, a channel file with a byte-order mark, links inside and out of the repository, a folder
 * or a pipe where a file belongs, odd file names, a missing channel file). Each must answer with
 * the right exit code and the broken file named, never a stack trace, and nothing from outside the
 * repository read or echoed: the files outside hold a marker that must never appear, and their
 * paths are never printed.
 */
class BadInputTest {
  static final String SECRET = "OUTSIDE-SECRET-7c1e";

  /** A way to break the clean repository of {@link HintsTest}; returns the file it names. */
  interface Breakage {
    String apply(Path repo, Path outside) throws Exception;
  }

  static Stream<Arguments> breakages() {
    return Stream.of(
        row(
            "a !!binary tag that is not base64",
            (repo, outside) ->
                edit(
                    repo,
                    HintsTest.VERSION,
                    "target_version: 17.2.0",
                    "target_version: !!binary x!")),
        row(
            "an !!int tag on a word",
            (repo, outside) ->
                edit(repo, HintsTest.CONFIG, "start_hour: 4", "start_hour: !!int \"four\"")),
        row(
            "a quoted integer in cluster_maintenance_config",
            (repo, outside) ->
                edit(repo, HintsTest.CMC, "utc_start_hour: 3", "utc_start_hour: \"3\"")),
        row(
            "a channel version with a byte-order mark",
            (repo, outside) -> {
              Files.writeString(repo.resolve(HintsTest.CHANNEL), "\uFEFF17.2.0\n");
              return HintsTest.CHANNEL;
            }),
        row(
            "a resource that is a link to a file inside the repository",
            (repo, outside) -> {
              Path common = Files.createDirectories(repo.resolve("common"));
              Files.move(repo.resolve(HintsTest.VERSION), common.resolve("version.yaml"));
              Files.createSymbolicLink(
                  repo.resolve(HintsTest.VERSION), Path.of("../../common/version.yaml"));
              return HintsTest.VERSION;
            }),
        row(
            "a resource that is a link to a file outside (absolute)",
            (repo, outside) -> {
              Files.delete(repo.resolve(HintsTest.VERSION));
              Files.createSymbolicLink(
                  repo.resolve(HintsTest.VERSION), outside.resolve("passwd").toAbsolutePath());
              return HintsTest.VERSION;
            }),
        row(
            "a resource that is a link climbing out of the repository",
            (repo, outside) -> {
              Files.delete(repo.resolve(HintsTest.VERSION));
              Files.createSymbolicLink(
                  repo.resolve(HintsTest.VERSION),
                  Path.of("../../../" + outside.getFileName() + "/passwd"));
              return HintsTest.VERSION;
            }),
        // staging is not prod's: plan and diff of prod count the finding and go on
        rowOfAnotherCluster(
            "a cluster folder that is a link to a folder outside",
            (repo, outside) -> {
              Files.createSymbolicLink(repo.resolve("clusters/staging"), outside.toAbsolutePath());
              return "clusters/staging";
            }),
        row(
            "a channel critical file that is a link to a file outside",
            (repo, outside) -> {
              Files.delete(repo.resolve("channels/stable/critical"));
              Files.createSymbolicLink(
                  repo.resolve("channels/stable/critical"), outside.resolve("passwd"));
              return "channels/stable/critical";
            }),
        row(
            "a channel version that is a folder",
            (repo, outside) -> {
              Files.delete(repo.resolve(HintsTest.CHANNEL));
              Files.createDirectories(repo.resolve(HintsTest.CHANNEL));
              Files.writeString(repo.resolve(HintsTest.CHANNEL).resolve("v"), "17.2.0\n");
              return HintsTest.CHANNEL;
            }),
        row(
            "a channel version that is an empty folder",
            (repo, outside) -> {
              Files.delete(repo.resolve(HintsTest.CHANNEL));
              Files.createDirectories(repo.resolve(HintsTest.CHANNEL));
              return HintsTest.CHANNEL;
            }),
        row(
            "a channel version that is a named pipe (never opened)",
            (repo, outside) -> {
              Files.delete(repo.resolve(HintsTest.CHANNEL));
              Process mkfifo =
                  new ProcessBuilder("mkfifo", repo.resolve(HintsTest.CHANNEL).toString()).start();
              assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
              assertThat(mkfifo.exitValue()).isZero();
              return HintsTest.CHANNEL;
            }),
        row(
            "a missing channel version",
            (repo, outside) -> {
              Files.delete(repo.resolve(HintsTest.CHANNEL));
              return HintsTest.CHANNEL;
            }),
        row(
            "a broken file whose name has quotes, a backslash, a space and non-ASCII letters",
            (repo, outside) -> {
              String name = "clusters/prod/it's \"odd\" \\ Zürich.yaml";
              Files.writeString(repo.resolve(name), "kind: autoupdate_configs\n");
              return name;
            }),
        row(
            "a broken file whose name has a line break",
            (repo, outside) -> {
              String name = "clusters/prod/two\nlines.yaml";
              Files.writeString(repo.resolve(name), "kind: lockstep_clusters\n");
              return name;
            }));
  }

  @ParameterizedTest
  @MethodSource("breakages")
  void everyCommandNamesTheBrokenFileWithoutAStackTraceOrAnythingFromOutside(
      Breakage breakage, boolean otherCluster, @org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    Path outside = Files.createDirectories(dir.resolve("outside-" + SECRET.hashCode()));
    Files.writeString(outside.resolve("passwd"), "root:x:0:0:" + SECRET + ":/root\n");
    Files.writeString(
        outside.resolve("version.yaml"), "kind: autoupdate_version\n# " + SECRET + "\n");
    Path repo = Files.createDirectories(dir.resolve("repo"));
    for (Map.Entry<String, String> e : HintsTest.clean().entrySet()) {
      Files.createDirectories(repo.resolve(e.getKey()).getParent());
      Files.writeString(repo.resolve(e.getKey()), e.getValue());
    }
    String broken = repo.resolve(breakage.apply(repo, outside)).toString();
    Path out = dir.resolve("out");

    List<Run> runs = new ArrayList<>();
    for (String format : List.of("text", "json", "sarif", "junit", "github")) {
      runs.add(lockstep(1, "validate", repo.toString(), "--format", format));
    }
    runs.add(lockstep(otherCluster ? 0 : 1, "plan", repo.toString()));
    runs.add(lockstep(1, "export-channels", repo.toString(), "--out", out.toString()));
    Path applied = dir.resolve("applied");
    runs.add(
        lockstep(
            otherCluster ? 1 : 2,
            "diff",
            repo.toString(),
            "--target",
            "file",
            "--dir",
            applied.toString()));

    for (Run run : runs) {
      String all = run.out() + run.err();
      assertThat(all)
          .as("%s: no stack trace", run.args())
          .doesNotContain("Exception")
          .doesNotContain("\tat ")
          .doesNotContain("at dev.lockstep");
      assertThat(all)
          .as("%s: nothing from outside the repository", run.args())
          .doesNotContain(SECRET)
          .doesNotContain(outside.getFileName().toString());
    }
    // text (validate, plan, export-channels, diff) names the file as git would quote it
    for (Run run : List.of(runs.get(0), runs.get(5), runs.get(6), runs.get(7))) {
      boolean counted = otherCluster && run != runs.get(0) && run != runs.get(6);
      assertThat(run.out() + run.err())
          .as("%s names the broken file, or counts it for another cluster", run.args())
          .contains(counted ? "1 finding(s) in other clusters" : Quoting.path(broken));
    }
    JsonNode json = new ObjectMapper().readTree(runs.get(1).out());
    assertThat(json.get("findings").findValuesAsText("file"))
        .as("json names the broken file exactly")
        .contains(broken);
    assertThat(Files.exists(out.resolve("stable"))).as("nothing exported").isFalse();
  }

  record Run(List<String> args, String out, String err) {}

  private static Run lockstep(int expectedCode, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(args, new PrintWriter(out), new PrintWriter(err));
    assertThat(code)
        .as("%s exit code; out: %s err: %s", List.of(args), out, err)
        .isEqualTo(expectedCode);
    return new Run(List.of(args), out.toString(), err.toString());
  }

  private static String edit(Path repo, String file, String from, String to) throws Exception {
    Path p = repo.resolve(file);
    String text = Files.readString(p);
    assertThat(text).containsOnlyOnce(from);
    Files.writeString(p, text.replace(from, to));
    return file;
  }

  private static Arguments row(String name, Breakage breakage) {
    return arguments(named(name, breakage), false);
  }

  private static Arguments rowOfAnotherCluster(String name, Breakage breakage) {
    return arguments(named(name, breakage), true);
  }
}
