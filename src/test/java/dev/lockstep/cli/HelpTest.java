package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * {@code --help} of every command and subcommand prints its usage and exits 0, with nothing on
 * standard error; {@code lockstep --help} lists {@code serve}.
 */
class HelpTest {
  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  /** Every command line of the tree, e.g. "policy test", found from Main itself. */
  static Stream<String> commands() {
    List<String> all = new ArrayList<>();
    collect(Main.commandLine(), "", all);
    return all.stream();
  }

  private static void collect(CommandLine cl, String prefix, List<String> out) {
    cl.getSubcommands()
        .forEach(
            (name, sub) -> {
              String line = (prefix + " " + name).strip();
              out.add(line);
              collect(sub, line, out);
            });
  }

  @ParameterizedTest
  @MethodSource("commands")
  void helpPrintsUsageAndExitsZero(String command) {
    List<String> args = new ArrayList<>(List.of(command.split(" ")));
    args.add("--help");
    Run r = run(args.toArray(String[]::new));
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("Usage: lockstep " + command);
    assertThat(r.err()).isEmpty();
  }

  @Test
  void theCommandListNamesServeWithItsPurpose() {
    Run r = run("--help");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .containsPattern("\n  serve +Run the reconciler service")
        .containsPattern("\n  validate +");
  }

  @Test
  void serveInThisJvmSaysWhereTheServiceRuns() {
    Run r = run("serve");
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("./lockstep serve").contains("quarkus-run.jar");
  }
}
