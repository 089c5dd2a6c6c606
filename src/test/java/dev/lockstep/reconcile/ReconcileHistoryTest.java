package dev.lockstep.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.reconcile.StatusDocument.ReconcileRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReconcileHistoryTest {
  static final Instant T = Instant.parse("2026-11-21T10:00:00Z");

  static ReconcileRecord rec(int minute, String revision, String reason) {
    return new ReconcileRecord(
        T.plusSeconds(60L * minute), revision, ConditionStatus.TRUE, reason, "Applied " + revision);
  }

  @Test
  void keepsTheLastFiveNewestFirst() {
    List<ReconcileRecord> h = List.of();
    for (int i = 0; i < 8; i++) {
      h = ReconcileHistory.append(h, rec(i, "main@" + i, "Applied"));
    }
    assertThat(h)
        .extracting(ReconcileRecord::revision)
        .containsExactly("main@7", "main@6", "main@5", "main@4", "main@3");
  }

  @Test
  void aRepeatedOutcomeIsNotAddedSoTicksDoNotChangeTheStatus() {
    List<ReconcileRecord> h = ReconcileHistory.append(List.of(), rec(0, "main@1", "Applied"));
    List<ReconcileRecord> again = ReconcileHistory.append(h, rec(1, "main@1", "Applied"));
    assertThat(again).isEqualTo(h);
    assertThat(ReconcileHistory.append(again, rec(2, "main@1", "DriftCorrected"))).hasSize(2);
  }

  @Test
  void neverReturnsMoreThanTheLimitEvenFromALongerList() {
    List<ReconcileRecord> long7 = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      long7.add(rec(i, "main@" + i, "Applied"));
    }
    assertThat(ReconcileHistory.append(long7, rec(0, "main@0", "Applied")))
        .hasSize(ReconcileHistory.LIMIT);
  }
}
