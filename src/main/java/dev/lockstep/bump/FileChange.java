package dev.lockstep.bump;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One file a bump changes.
 *
 * @param path the path as the source tree names it
 * @param before its bytes now
 * @param after its bytes after the bump
 * @param notes one line per changed value, e.g. {@code spec.agents.target_version: 17.2.1 ->
 *     17.3.0}
 */
public record FileChange(String path, byte[] before, byte[] after, List<String> notes) {
  public FileChange {
    Objects.requireNonNull(path, "path");
    before = before.clone();
    after = after.clone();
    notes = List.copyOf(notes);
  }

  @Override
  public byte[] before() {
    return before.clone();
  }

  @Override
  public byte[] after() {
    return after.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FileChange f
        && path.equals(f.path)
        && Arrays.equals(before, f.before)
        && Arrays.equals(after, f.after)
        && notes.equals(f.notes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, Arrays.hashCode(before), Arrays.hashCode(after), notes);
  }

  @Override
  public String toString() {
    return "FileChange[" + path + ", " + notes + "]";
  }
}
