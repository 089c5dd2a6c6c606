package dev.lockstep.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.source.Revision;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which force push stands after a poll. */
class RewriteTest {
  static final String A = "a".repeat(40);
  static final String B = "b".repeat(40);
  static final String C = "c".repeat(40);
  static final Instant T1 = Instant.parse("2026-11-02T09:00:00Z");
  static final Instant T2 = T1.plusSeconds(60);
  static final Rewrite A_TO_B = new Rewrite(A, B, T1);

  static Revision poll(String previous, String commit, boolean rewritten) {
    return new Revision("refs/heads/main", commit, Optional.ofNullable(previous), rewritten);
  }

  static Stream<Arguments> polls() {
    return Stream.of(
        Arguments.of("a fast-forward: none", Optional.empty(), poll(A, B, false), Optional.empty()),
        Arguments.of(
            "a force push: a new one naming both heads",
            Optional.empty(),
            poll(A, B, true),
            Optional.of(new Rewrite(A, B, T2))),
        Arguments.of(
            "the head unchanged: the standing one, with its time",
            Optional.of(A_TO_B),
            poll(B, B, false),
            Optional.of(A_TO_B)),
        Arguments.of(
            "the ref moved on: none", Optional.of(A_TO_B), poll(B, C, false), Optional.empty()),
        Arguments.of(
            "a second force push: the new one",
            Optional.of(A_TO_B),
            poll(B, C, true),
            Optional.of(new Rewrite(B, C, T2))),
        Arguments.of(
            "a first poll has no previous head: none",
            Optional.empty(),
            poll(null, B, true),
            Optional.empty()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("polls")
  void standsAfterAPoll(
      String name, Optional<Rewrite> standing, Revision revision, Optional<Rewrite> expected) {
    assertThat(Rewrite.after(standing, revision, T2)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("polls")
  void theSentenceNamesBothHeads(
      String name, Optional<Rewrite> standing, Revision revision, Optional<Rewrite> expected) {
    expected.ifPresent(
        r ->
            assertThat(r.sentence("main"))
                .contains(
                    "main was rewritten",
                    r.previous().substring(0, 8),
                    r.commit().substring(0, 8)));
  }
}
