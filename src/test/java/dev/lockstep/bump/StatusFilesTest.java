package dev.lockstep.bump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Status files read into what promotion needs; a halt is a Halted condition or a rollback. */
class StatusFilesTest {
  static final Instant COMMITTED = Instant.parse("2026-11-30T00:00:00Z");

  static String status(String conditions, String rollout) {
    return "# Written by Lockstep\nkind: lockstep_status\nversion: v1\ncluster: staging\n"
        + "updatedAt: 2026-11-28T08:00:00Z\nconditions:\n"
        + conditions
        + rollout;
  }

  static final String DONE =
      "rollout:\n  state: done\n  targetVersion: 17.3.0\n  groups:\n"
          + "    - {name: dev, state: done}\n    - {name: prod, state: done}\n";

  static Stream<Arguments> files() {
    return Stream.of(
        Arguments.of(
            named("a finished rollout", status("  - {type: Ready, status: 'True'}\n", DONE)),
            Optional.of(
                new StatusSnapshot(
                    Instant.parse("2026-11-28T08:00:00Z"), "done", "17.3.0", false, "c1"))),
        Arguments.of(
            named(
                "a Halted condition that stands",
                status("  - {type: Halted, status: 'True', reason: CanaryTimeout}\n", DONE)),
            Optional.of(
                new StatusSnapshot(
                    Instant.parse("2026-11-28T08:00:00Z"), "done", "17.3.0", true, "c1"))),
        Arguments.of(
            named(
                "a Halted condition that was lifted",
                status("  - {type: Halted, status: 'False'}\n", DONE)),
            Optional.of(
                new StatusSnapshot(
                    Instant.parse("2026-11-28T08:00:00Z"), "done", "17.3.0", false, "c1"))),
        Arguments.of(
            named(
                "a group rolled back",
                status(
                    "  []\n",
                    DONE.replace("{name: dev, state: done}", "{name: dev, state: rolledback}"))),
            Optional.of(
                new StatusSnapshot(
                    Instant.parse("2026-11-28T08:00:00Z"), "done", "17.3.0", true, "c1"))),
        Arguments.of(
            named("no rollout observed", status("  []\n", "")),
            Optional.of(
                new StatusSnapshot(Instant.parse("2026-11-28T08:00:00Z"), "", "", false, "c1"))),
        Arguments.of(
            named(
                "an unreadable updatedAt falls back to the commit time",
                status("  []\n", DONE).replace("2026-11-28T08:00:00Z", "yesterday")),
            Optional.of(new StatusSnapshot(COMMITTED, "done", "17.3.0", false, "c1"))),
        Arguments.of(named("another kind", "kind: autoupdate_version\n"), Optional.empty()),
        Arguments.of(named("not YAML", "a: [\n"), Optional.empty()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void readsAStatusFile(String text, Optional<StatusSnapshot> expected) {
    assertThat(StatusFiles.snapshot(text, "c1", COMMITTED)).isEqualTo(expected);
  }
}
