package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exit codes and refusals of {@code export-channels}. What it writes for a real repository is
 * covered once the parser reads channels (see ChannelExportTest for the files themselves).
 */
class ExportChannelsCommandTest {

  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void aMissingRepositoryIsAUsageErrorAndWritesNothing() {
    Run r = run("export-channels", dir.resolve("missing").toString(), "--out", dir.resolve("out").toString());
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
    Run r = run("export-channels", dir.toString(), "--out", dir.resolve("out").toString(), "--auth-version", "seventeen");
    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void isRegisteredAsASubcommand() {
    assertThat(Main.commandLine().getSubcommands()).containsKey("export-channels");
  }
}
