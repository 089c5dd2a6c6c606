package dev.lockstep.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The operator-verdict rule of {@link KubernetesTarget}, as a transition table (teleport-semantics
 * §14).
 */
class KubernetesVerdictTest {

  record Case(
      List<Map<String, Object>> conditions,
      long generation,
      boolean fresh,
      boolean settled,
      Optional<String> expected) {}

  static Map<String, Object> cond(
      String type, String status, String reason, String message, Long observedGeneration) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("type", type);
    c.put("status", status);
    c.put("reason", reason);
    c.put("message", message);
    if (observedGeneration != null) {
      c.put("observedGeneration", observedGeneration);
    }
    return c;
  }

  static Arguments row(String name, Case c) {
    return Arguments.of(Named.named(name, c));
  }

  static Stream<Arguments> table() {
    var ok = cond("SuccessfullyReconciled", "True", "NoError", "fine", 3L);
    var okOld = cond("SuccessfullyReconciled", "True", "NoError", "fine", 2L);
    var rejected =
        cond(
            "SuccessfullyReconciled",
            "False",
            "TeleportError",
            "Teleport returned the error: bad",
            3L);
    var unowned = cond("TeleportResourceOwned", "False", "OriginLabelNotMatching", "not ours", 3L);
    var okNoGen = cond("SuccessfullyReconciled", "True", "NoError", "fine", null);
    var rejectedNoGen =
        cond(
            "SuccessfullyReconciled",
            "False",
            "TeleportError",
            "Teleport returned the error: bad",
            null);
    return Stream.of(
        row("no conditions -> wait", new Case(List.of(), 3, true, true, Optional.empty())),
        row(
            "success for this generation -> applied",
            new Case(List.of(ok), 3, false, false, Optional.of(""))),
        row(
            "success for an older generation -> wait",
            new Case(List.of(okOld), 3, false, true, Optional.empty())),
        row(
            "TeleportError for this generation -> rejected with message",
            new Case(
                List.of(rejected),
                3,
                false,
                false,
                Optional.of("TeleportError: Teleport returned the error: bad"))),
        row(
            "unowned beside success -> rejected",
            new Case(
                List.of(unowned, ok),
                3,
                false,
                false,
                Optional.of("OriginLabelNotMatching: not ours"))),
        row(
            "no observedGeneration, stale status -> wait",
            new Case(List.of(okNoGen), 3, false, true, Optional.empty())),
        row(
            "no observedGeneration, fresh but still changing -> wait",
            new Case(List.of(okNoGen), 3, true, false, Optional.empty())),
        row(
            "no observedGeneration, fresh and settled success -> applied",
            new Case(List.of(okNoGen), 3, true, true, Optional.of(""))),
        row(
            "no observedGeneration, fresh and settled error -> rejected",
            new Case(
                List.of(rejectedNoGen),
                3,
                true,
                true,
                Optional.of("TeleportError: Teleport returned the error: bad"))));
  }

  @ParameterizedTest
  @MethodSource("table")
  void verdict(Case c) {
    assertThat(KubernetesTarget.verdict(c.conditions(), c.generation(), c.fresh(), c.settled()))
        .isEqualTo(c.expected());
  }

  record ClientCase(
      List<Map<String, Object>> conditions,
      long generation,
      boolean fresh,
      boolean settled,
      Optional<String> expected) {}

  static Stream<Arguments> clientTable() {
    var noClient =
        cond("TeleportClient", "False", "TeleportClientError", "Failed to get a client", null);
    var noClientOld =
        cond("TeleportClient", "False", "TeleportClientError", "Failed to get a client", 2L);
    var clientOk = cond("TeleportClient", "True", "NoError", "fine", null);
    return Stream.of(
        Arguments.of(
            Named.named(
                "TeleportClient=False, fresh and settled -> the operator's message",
                new ClientCase(
                    List.of(noClient),
                    3,
                    true,
                    true,
                    Optional.of("TeleportClientError: Failed to get a client")))),
        Arguments.of(
            Named.named(
                "TeleportClient=False left from before the write -> nothing yet",
                new ClientCase(List.of(noClient), 3, false, true, Optional.empty()))),
        Arguments.of(
            Named.named(
                "TeleportClient=False for an older generation -> nothing",
                new ClientCase(List.of(noClientOld), 3, true, true, Optional.empty()))),
        Arguments.of(
            Named.named(
                "TeleportClient=True -> nothing",
                new ClientCase(List.of(clientOk), 3, true, true, Optional.empty()))));
  }

  @ParameterizedTest
  @MethodSource("clientTable")
  void clientFailure(ClientCase c) {
    assertThat(
            KubernetesTarget.clientFailure(c.conditions(), c.generation(), c.fresh(), c.settled()))
        .isEqualTo(c.expected());
  }
}
