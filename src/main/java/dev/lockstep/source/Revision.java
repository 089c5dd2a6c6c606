package dev.lockstep.source;

import java.util.Objects;
import java.util.Optional;

/**
 * One commit of the followed ref, as fetched.
 *
 * @param ref the full ref followed ({@code refs/heads/main}), or the commit id when pinned
 * @param commit the 40-hex commit id
 * @param previous the commit seen before, if any
 * @param rewritten true when {@code previous} is not an ancestor of {@code commit} (force push)
 */
public record Revision(String ref, String commit, Optional<String> previous, boolean rewritten) {
  public Revision {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(previous, "previous");
  }

  /**
   * {@code main@1a2b3c4d}: the short ref name and the first 8 hex digits, as in status and
   * messages.
   */
  public String label() {
    return shortRef(ref) + "@" + commit.substring(0, Math.min(8, commit.length()));
  }

  /** {@code main} for {@code refs/heads/main}, a tag's name, {@code commit} for a commit id. */
  public static String shortRef(String ref) {
    if (ref.startsWith("refs/heads/")) {
      return ref.substring("refs/heads/".length());
    }
    if (ref.startsWith("refs/tags/")) {
      return ref.substring("refs/tags/".length());
    }
    return ref.length() == 40 ? "commit" : ref;
  }
}
