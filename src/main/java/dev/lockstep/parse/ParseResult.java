package dev.lockstep.parse;

import dev.lockstep.finding.Findings;
import dev.lockstep.model.DesiredState;
import java.util.Objects;

/**
 * What the parser read from one revision: the desired state (documents that could be read, even
 * partly) and the findings about syntax, encoding, limits and shape.
 */
public record ParseResult(DesiredState state, Findings findings) {
  public ParseResult {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(findings, "findings");
  }
}
