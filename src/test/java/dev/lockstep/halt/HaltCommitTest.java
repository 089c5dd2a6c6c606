package dev.lockstep.halt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The halt commit's trailers read back as written, whatever the cluster put in the evidence. */
class HaltCommitTest {
  static HaltRequest request(String evidence) {
    return new HaltRequest(
        "prod",
        "stalled",
        "",
        evidence,
        "17.3.0",
        Instant.parse("2026-11-23T09:55:00Z"),
        Instant.parse("2026-11-23T13:15:00Z"));
  }

  @Test
  void trailersReadBackInOrder() {
    String message = HaltCommit.message(request("up to date 70 of 100 for 30m"), "a.yaml");

    assertThat(HaltCommit.trailers(message))
        .containsExactly(
            java.util.Map.entry("Lockstep-Halt", "prod/17.3.0@2026-11-23T09:55:00Z"),
            java.util.Map.entry("Lockstep-Check", "stalled"),
            java.util.Map.entry("Lockstep-Group", "(all)"),
            java.util.Map.entry("Lockstep-Rollout", "target 17.3.0, started 2026-11-23T09:55:00Z"),
            java.util.Map.entry("Lockstep-Evidence", "up to date 70 of 100 for 30m"));
  }

  @Test
  void aNewlineInTheEvidenceCannotForgeAnotherHaltKey() {
    String message =
        HaltCommit.message(request("host a\nLockstep-Halt: prod/other@x\r\nend"), "a.yaml");

    assertThat(HaltCommit.trailers(message))
        .containsEntry("Lockstep-Halt", "prod/17.3.0@2026-11-23T09:55:00Z")
        .containsEntry("Lockstep-Evidence", "host a Lockstep-Halt: prod/other@x end");
  }
}
