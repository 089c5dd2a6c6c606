package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code export-channels} over the sample repository and broken copies of it. */
class ExportChannelsCommandTest {

  @TempDir Path dir;

  static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @Test
  void aMissingRepositoryIsAUsageErrorAndWritesNothing() {
    CliRun r =
        run(
            "export-channels",
            dir.resolve("missing").toString(),
            "--out",
            dir.resolve("out").toString());
    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("no such file or directory");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void outIsRequired() {
    assertThat(run("export-channels", dir.toString()).exit()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void aBadAuthVersionIsAUsageError() {
    CliRun r =
        run(
            "export-channels",
            dir.toString(),
            "--out",
            dir.resolve("out").toString(),
            "--auth-version",
            "seventeen");
    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void isRegisteredAsASubcommand() {
    assertThat(Main.commandLine().getSubcommands()).containsKey("export-channels");
  }

  static final Path SAMPLE = Path.of("sample-repo");

  private Path sampleCopy() throws IOException {
    Path copy = dir.resolve("repo");
    try (var files = Files.walk(SAMPLE)) {
      for (Path p : files.toList()) {
        Path target = copy.resolve(SAMPLE.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    return copy;
  }

  @Test
  void exportsTheSampleRepositorysChannels() throws IOException {
    Path out = dir.resolve("out");
    CliRun r = run("export-channels", SAMPLE.toString(), "--out", out.toString());
    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCodes.OK);
    assertThat(Files.readString(out.resolve("stable/rolling/version"))).isEqualTo("v17.5.2");
    assertThat(Files.readString(out.resolve("stable/rolling/critical"))).isEqualTo("no");
    assertThat(Files.readString(out.resolve("stable/edge/version"))).isEqualTo("v17.5.3");
    assertThat(r.out()).contains("2 channels exported");
  }

  @Test
  void versionsWithoutPrefixOnRequest() throws IOException {
    Path out = dir.resolve("out");
    assertThat(
            run(
                    "export-channels",
                    SAMPLE.toString(),
                    "--out",
                    out.toString(),
                    "--no-version-prefix")
                .exit())
        .isEqualTo(ExitCodes.OK);
    assertThat(Files.readString(out.resolve("stable/rolling/version"))).isEqualTo("17.5.2");
  }

  @Test
  void aChannelAboveTheControlPlaneWritesNothing() throws IOException {
    Path repo = sampleCopy();
    Files.writeString(repo.resolve("channels/stable/rolling/version"), "18.0.0\n");
    Path out = dir.resolve("out");
    CliRun r = run("export-channels", repo.toString(), "--out", out.toString());
    assertThat(r.exit()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(r.out()).contains("channels/stable/rolling/version").contains("error [compat/");
    assertThat(r.err()).contains("nothing written");
    assertThat(out).doesNotExist();
  }

  @Test
  void aChannelBehindItsClustersTargetIsAWarningAndStillExported() throws IOException {
    Path repo = sampleCopy();
    Files.writeString(repo.resolve("channels/stable/rolling/version"), "17.5.1\n");
    Path out = dir.resolve("out");
    CliRun r = run("export-channels", repo.toString(), "--out", out.toString());
    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out())
        .contains(
            "channels/stable/rolling/version:1:1: warning [channel/target-mismatch] "
                + "channel \"stable/rolling\" advertises 17.5.1 but cluster \"prod\", which follows it, targets 17.5.2");
    assertThat(Files.readString(out.resolve("stable/rolling/version"))).isEqualTo("v17.5.1");
  }
}
