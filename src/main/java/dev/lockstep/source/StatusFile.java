package dev.lockstep.source;

import java.time.Instant;
import java.util.Objects;

/**
 * One cluster's status file as committed on the status branch.
 *
 * @param text the file's content
 * @param committedAt the commit time of the last commit that changed the file
 */
public record StatusFile(String text, Instant committedAt) {
  public StatusFile {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(committedAt, "committedAt");
  }
}
