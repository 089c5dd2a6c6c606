package dev.lockstep.parse;

import dev.lockstep.finding.Findings;
import dev.lockstep.model.DesiredState;
import java.util.Objects;

/**
 * What the parser read from one revision: the desired state (documents that could be read, even
 * partly), the findings about syntax, encoding, limits and shape, and how the files are named in
 * them (so a later step can tell which part of the repository a finding is about).
 *
 * @param state the desired state
 * @param findings the parse findings
 * @param names how the repository's files are named in {@code state} and {@code findings}
 */
public record ParseResult(DesiredState state, Findings findings, ShownPaths names) {
  public ParseResult {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(findings, "findings");
    Objects.requireNonNull(names, "names");
  }

  /** A result whose files are named by their repository-relative paths. */
  public ParseResult(DesiredState state, Findings findings) {
    this(state, findings, ShownPaths.prefix(""));
  }
}
