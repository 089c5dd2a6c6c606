package dev.lockstep.bump;

import dev.lockstep.model.Version;
import java.time.Instant;
import java.util.Objects;

/**
 * A GA release newer than the cluster's current version and at most one major ahead, with what the
 * decision made of it.
 *
 * @param version the release
 * @param published when it was published
 * @param soakedAt when its minimum release age ends (its publication for a security release that
 *     skips the soak)
 * @param security labelled {@code security-patch=yes}
 * @param verdict what became of it
 * @param why one sentence
 */
public record Candidate(
    Version version,
    Instant published,
    Instant soakedAt,
    boolean security,
    Verdict verdict,
    String why) {
  public Candidate {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(published, "published");
    Objects.requireNonNull(soakedAt, "soakedAt");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(why, "why");
  }

  /** The same candidate with another verdict. */
  Candidate with(Verdict v, String reason) {
    return new Candidate(version, published, soakedAt, security, v, reason);
  }
}
