package dev.lockstep.model;

import java.util.Objects;

/**
 * Where something stands in the repository: a repository-relative file path and a 1-based line and
 * column. Line and column are 0 when unknown (for example a file that is not valid UTF-8 at all).
 */
public record SourceLocation(String file, int line, int column)
    implements Comparable<SourceLocation> {

  public SourceLocation {
    Objects.requireNonNull(file, "file");
    if (line < 0 || column < 0) {
      throw new IllegalArgumentException("line and column are 1-based, or 0 for unknown");
    }
  }

  /** A location naming only the file. */
  public static SourceLocation ofFile(String file) {
    return new SourceLocation(file, 0, 0);
  }

  /** True when the line is known. */
  public boolean hasLine() {
    return line > 0;
  }

  /**
   * Compiler style: {@code file:line:col}, {@code file:line} or {@code file}; a file name with a
   * quote, a backslash or a control character is quoted ({@link Quoting#path}), so the text stays
   * one unambiguous line.
   */
  @Override
  public String toString() {
    String shown = Quoting.path(file);
    if (line == 0) {
      return shown;
    }
    return column == 0 ? shown + ":" + line : shown + ":" + line + ":" + column;
  }

  @Override
  public int compareTo(SourceLocation other) {
    int c = file.compareTo(other.file);
    if (c != 0) {
      return c;
    }
    c = Integer.compare(line, other.line);
    return c != 0 ? c : Integer.compare(column, other.column);
  }
}
