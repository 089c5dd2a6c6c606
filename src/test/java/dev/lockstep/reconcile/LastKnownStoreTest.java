package dev.lockstep.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.finding.Findings;
import dev.lockstep.source.Revision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The data-folder record a restarted serve continues from: its shape, atomic saves, bad files. */
class LastKnownStoreTest {
  static final String GOOD = "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d";
  static final String BASE = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c";
  static final Instant SAVED = Instant.parse("2026-11-21T10:15:30Z");

  @TempDir Path dir;

  static LastKnown known(String statusText) {
    return new LastKnown(
        "prod",
        SAVED,
        Optional.of(new Revision("refs/heads/main", GOOD, Optional.empty(), false)),
        Optional.of(GOOD),
        Optional.of(
            new PlanInputs(
                Instant.parse("2026-11-20T09:00:00.250Z"),
                "main@0f1e2d3c",
                Optional.of(new Revision("refs/heads/main", BASE, Optional.empty(), false)))),
        Optional.of(statusText));
  }

  static String status() {
    return StatusYaml.render(StatusYamlTest.ready(SAVED));
  }

  @Test
  void aSavedRecordIsLoadedAsSavedWithItsPlanTimeAtFullPrecision() {
    LastKnownStore store = LastKnownStore.in(dir);
    LastKnown saved = known(status());

    assertThat(store.save(saved)).isTrue();

    assertThat(store.load()).contains(saved);
    assertThat(store.load().orElseThrow().plan().orElseThrow().created())
        .isEqualTo(Instant.parse("2026-11-20T09:00:00.250Z"));
  }

  @Test
  void aSaveReplacesTheFileWholeAndLeavesNoTemporaryFile() throws Exception {
    LastKnownStore store = LastKnownStore.in(dir);
    store.save(known("first"));
    store.save(known(status()));

    assertThat(store.load().orElseThrow().status()).contains(status());
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly(LastKnownStore.FILE);
    }
  }

  @Test
  void aTemporaryFileLeftByAKilledSaveIsRemovedAndTheOldRecordKept() throws Exception {
    LastKnownStore store = LastKnownStore.in(dir);
    store.save(known("old"));
    Path torn = dir.resolve(LastKnownStore.FILE + ".123.tmp");
    Files.writeString(torn, "kind: lockstep_last_known\nversion: 1\ncluster: pr");

    assertThat(store.load().orElseThrow().status()).contains("old");
    assertThat(torn).doesNotExist();
  }

  static Stream<Arguments> unusableFiles() {
    String good = known("s").toYaml();
    return Stream.of(
        Arguments.of("torn mid-write", good.substring(0, good.indexOf("good:") + 12), "field"),
        Arguments.of("not YAML", "kind: [unclosed\n", "torn or corrupt"),
        Arguments.of("another kind", "kind: lockstep_status\nversion: 1\n", "not a"),
        Arguments.of("a newer version", good.replace("version: 1", "version: 2"), "version 2"),
        Arguments.of("no version", good.replace("version: 1\n", ""), "version null"),
        Arguments.of("a bad commit", good.replace(GOOD, "main"), "commit"),
        Arguments.of("a bad time", good.replace("2026-11-20T09:00:00.250Z", "yesterday"), "field"),
        Arguments.of("empty", "", "not a"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unusableFiles")
  void anUnusableFileIsIgnoredWithTheReason(String name, String text, String reason)
      throws Exception {
    LastKnown.Read read = LastKnown.parse(text);
    assertThat(read.known()).isEmpty();
    assertThat(read.problem()).hasValueSatisfying(p -> assertThat(p).contains(reason));

    Files.writeString(dir.resolve(LastKnownStore.FILE), text);
    assertThat(LastKnownStore.in(dir).load()).isEmpty();
  }

  @Test
  void aMissingFileIsAFirstStart() {
    assertThat(LastKnownStore.in(dir.resolve("absent")).load()).isEmpty();
  }

  @Test
  void aRecordThatDiffersOnlyInTimestampsIsTheSame() {
    String later = StatusYaml.render(StatusYamlTest.ready(SAVED.plusSeconds(60)));
    assertThat(known(status()).sameAs(known(later))).isTrue();
    assertThat(known(status()).sameAs(known("other"))).isFalse();
  }

  @Test
  void theStatusIsReadBackWithItsHistoryConditionsAndRolloutButNoFindings() {
    StatusDocument doc = StatusYamlTest.ready(SAVED);

    StatusDocument read = StatusReader.read(StatusYaml.render(doc)).orElseThrow();

    assertThat(read.findings()).isEqualTo(Findings.NONE);
    assertThat(StatusYaml.render(read))
        .isEqualTo(
            StatusYaml.render(
                new StatusDocument(
                    doc.cluster(),
                    doc.updatedAt(),
                    doc.source(),
                    doc.conditions(),
                    doc.applied(),
                    Findings.NONE,
                    doc.rollout(),
                    doc.timeline(),
                    doc.history())));
    assertThat(StatusReader.read("kind: something_else\n")).isEmpty();
    assertThat(StatusReader.read("kind: lockstep_status\nconditions: 3\n")).isEmpty();
  }
}
