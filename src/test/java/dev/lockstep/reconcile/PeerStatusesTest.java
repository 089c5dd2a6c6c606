package dev.lockstep.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.source.StatusFile;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PeerStatusesTest {
  static final Instant AT = Instant.parse("2026-11-02T09:00:30Z");

  @Test
  void aFileThatIsNotAStatusDocumentCountsAsNoStatusYet() {
    PeerStatuses peers =
        new PeerStatuses(
            names -> Map.of("staging", new StatusFile("kind: something_else\nx: 1\n", AT)));
    assertThat(peers.refresh(List.of("staging"))).isEmpty();
    assertThat(peers.last()).isEmpty();
  }
}
