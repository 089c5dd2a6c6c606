package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import dev.lockstep.testing.Golden;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code lockstep policy test DIR}: exit code and golden output per scenario. */
class PolicyCommandTest {
  static final String FIXTURES = "src/test/resources/dev/lockstep/cli/policy-test/";

  static Stream<Arguments> scenarios() {
    return Stream.of(
        Arguments.of(named("the default pack passes", "policies"), "default-pack", ExitCodes.OK),
        Arguments.of(
            named("failing cases and a broken rule", FIXTURES + "failing"),
            "failing",
            ExitCodes.FINDINGS),
        Arguments.of(named("a folder without cases", FIXTURES + "empty"), "empty", ExitCodes.USAGE),
        Arguments.of(named("a missing folder", FIXTURES + "missing"), "missing", ExitCodes.USAGE));
  }

  @ParameterizedTest
  @MethodSource
  void scenarios(String dir, String golden, int exitCode) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.execute(
            new String[] {"policy", "test", dir}, new PrintWriter(out), new PrintWriter(err));
    Golden.assertMatches(
        PolicyCommandTest.class,
        golden,
        "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err);
    assertThat(code).isEqualTo(exitCode);
  }
}
