package dev.lockstep.edit;

import dev.lockstep.model.SourceLocation;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The result of editing one file.
 *
 * @param file the file's name as given
 * @param before the bytes read
 * @param after the bytes with the edits applied (equal to {@code before} when nothing changed)
 * @param changes one entry per requested edit, in request order
 */
public record EditedFile(String file, byte[] before, byte[] after, List<Change> changes) {

  /**
   * One scalar as it was and as it is now.
   *
   * @param edit the requested edit
   * @param location where the scalar's value starts
   * @param from the value before
   * @param to the value after
   * @param written the scalar as it was written, quotes included (e.g. {@code '17.2.1'})
   * @param text the scalar as now written, quotes included (e.g. {@code '17.3.0'})
   */
  public record Change(
      ScalarEdit edit,
      SourceLocation location,
      String from,
      String to,
      String written,
      String text) {
    public Change {
      Objects.requireNonNull(edit, "edit");
      Objects.requireNonNull(location, "location");
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(written, "written");
      Objects.requireNonNull(text, "text");
    }

    /** True when the value differs. */
    public boolean changed() {
      return !from.equals(to);
    }
  }

  public EditedFile {
    Objects.requireNonNull(file, "file");
    before = before.clone();
    after = after.clone();
    changes = List.copyOf(changes);
  }

  /** True when the bytes changed. */
  public boolean changed() {
    return !Arrays.equals(before, after);
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
    return o instanceof EditedFile e
        && file.equals(e.file)
        && Arrays.equals(before, e.before)
        && Arrays.equals(after, e.after)
        && changes.equals(e.changes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(file, Arrays.hashCode(before), Arrays.hashCode(after), changes);
  }

  @Override
  public String toString() {
    return "EditedFile[" + file + ", " + changes + "]";
  }
}
