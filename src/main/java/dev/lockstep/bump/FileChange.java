package dev.lockstep.bump;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * One file a bump changes. Every file a bump edits is UTF-8 text (the parser refuses others), so
 * its contents are held as text; {@link #afterBytes()} gives the bytes to write.
 *
 * @param path the path as the source tree names it
 * @param before its text now
 * @param after its text after the bump
 * @param notes one line per changed value, e.g. {@code spec.agents.target_version: 17.2.1 ->
 *     17.3.0}
 */
public record FileChange(String path, String before, String after, List<String> notes) {
  public FileChange {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
    notes = List.copyOf(notes);
  }

  /** The bytes of the file after the bump (a byte-order mark included when it had one). */
  public byte[] afterBytes() {
    return after.getBytes(StandardCharsets.UTF_8);
  }
}
