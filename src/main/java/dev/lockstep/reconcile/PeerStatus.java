package dev.lockstep.reconcile;

import dev.lockstep.parse.DataYaml;
import dev.lockstep.source.StatusFile;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Another cluster's status as its own {@code serve} instance committed it on the status branch.
 *
 * @param status the document read back (its findings are not read back: see {@code findings})
 * @param findings how many findings the file counts, over all severities
 * @param committedAt when the file was last committed
 */
public record PeerStatus(StatusDocument status, long findings, Instant committedAt) {
  public PeerStatus {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(committedAt, "committedAt");
  }

  /** The status a committed file holds; empty when it is not a Lockstep status document. */
  public static Optional<PeerStatus> of(StatusFile file) {
    return StatusReader.read(file.text())
        .map(s -> new PeerStatus(s, findingCount(file.text()), file.committedAt()));
  }

  private static long findingCount(String text) {
    long n = 0;
    Optional<Map<?, ?>> doc = DataYaml.document(text, StatusYaml.KIND);
    if (doc.isPresent()
        && doc.get().get("findings") instanceof Map<?, ?> f
        && f.get("counts") instanceof Map<?, ?> counts) {
      for (Object v : counts.values()) {
        n += v instanceof Number c ? c.longValue() : 0;
      }
    }
    return n;
  }
}
