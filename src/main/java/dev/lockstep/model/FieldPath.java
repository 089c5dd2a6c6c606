package dev.lockstep.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Field paths as Teleport's error messages write them: dot-separated keys and {@code [i]} indexes,
 * e.g. {@code spec.agents.schedules.regular[2].start_hour}.
 */
public final class FieldPath {
  private FieldPath() {}

  /** {@code parent} + "." + {@code key}, or {@code key} at the top. */
  public static String child(String parent, String key) {
    return parent.isEmpty() ? key : parent + "." + key;
  }

  /** {@code parent[index]}. */
  public static String index(String parent, int index) {
    return parent + "[" + index + "]";
  }

  /** The path one step up, or "" at the top. */
  public static String parent(String path) {
    int dot = path.lastIndexOf('.');
    int bracket = path.lastIndexOf('[');
    int cut = Math.max(dot, bracket);
    return cut <= 0 ? "" : path.substring(0, cut);
  }

  /** Keys and {@code [i]} segments in order. */
  public static List<String> segments(String path) {
    List<String> out = new ArrayList<>();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '.') {
        flush(sb, out);
      } else if (c == '[') {
        flush(sb, out);
        int end = path.indexOf(']', i);
        if (end < 0) {
          throw new IllegalArgumentException("unclosed index in path " + path);
        }
        out.add(path.substring(i, end + 1));
        i = end;
      } else {
        sb.append(c);
      }
    }
    flush(sb, out);
    return out;
  }

  private static void flush(StringBuilder sb, List<String> out) {
    if (sb.length() > 0) {
      out.add(sb.toString());
      sb.setLength(0);
    }
  }
}
