package dev.lockstep.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PushEventsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "{\"ref\":\"refs/heads/main\",\"before\":\"a\",\"after\":\"b\"} | refs/heads/main",
        "{\"object_kind\":\"push\",\"ref\":\"refs/tags/v1\"}            | refs/tags/v1",
        "{\"ref\":\"\"}                                                  | -",
        "{\"ref\":7}                                                     | -",
        "{\"zen\":\"ping\"}                                              | -",
        "payload=%7B%22ref%22%3A%22refs%2Fheads%2Fx%22%7D               | -",
        "{\"ref\":                                                       | -",
        "''                                                              | -",
      })
  void readsTheRefOfAJsonPayload(String body, String ref) {
    assertThat(PushEvents.pushedRef(body.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(Optional.ofNullable(ref));
  }

  @ParameterizedTest(name = "push {0}, following {1}: {2}")
  @CsvSource({
    "refs/heads/main, main, true",
    "refs/heads/main, refs/heads/main, true",
    "refs/heads/lockstep-status, main, false",
    "refs/heads/main-old, main, false",
    "refs/tags/v1.2, v1.2, true",
    "refs/tags/v1.2, refs/heads/v1.2, false",
    "refs/heads/feature, 0badc0de, true",
  })
  void concernsTheFollowedRef(String pushed, String followed, boolean expected) {
    assertThat(PushEvents.concerns(pushed, followed)).isEqualTo(expected);
  }
}
