package dev.lockstep.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What {@code java -jar quarkus-run.jar ...} accepts before booting Quarkus. */
class ServeMainTest {
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(Named.named("serve boots", List.of("serve")), "boot"),
        Arguments.of(Named.named("no argument boots", List.of()), "boot"),
        Arguments.of(Named.named("serve --help prints usage", List.of("serve", "--help")), "help"),
        Arguments.of(
            Named.named("a stray option is refused", List.of("serve", "--port=1")), "refused"),
        Arguments.of(
            Named.named("another command is refused", List.of("validate", "sample-repo")),
            "refused"));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void arguments(List<String> args, String expected) {
    String problem = ServeMain.problem(args);
    String outcome = problem == null ? "boot" : problem.isEmpty() ? "help" : "refused";
    assertThat(outcome).isEqualTo(expected);
    if (outcome.equals("refused")) {
      assertThat(problem).contains("unexpected argument").contains(args.get(args.size() - 1));
    }
  }
}
