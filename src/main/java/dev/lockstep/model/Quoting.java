package dev.lockstep.model;

/**
 * How user text (file names, YAML values) is shown inside one-line, human-readable output, so a
 * name with a quote, a backslash or a line break is named exactly and cannot break or forge a line
 * of a report. Machine formats (JSON, SARIF, JUnit, GitHub annotations) escape by their own rules
 * and take the raw text.
 */
public final class Quoting {
  private Quoting() {}

  /**
   * {@code s} in double quotes with {@code \}, {@code "} and control characters escaped as in Go
   * and Java string literals ({@code \n}, {@code \t}, a {@code \\u} escape for the others). Never
   * returns a line break.
   */
  public static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    escapeInto(sb, s, true);
    return sb.append('"').toString();
  }

  /**
   * A repository path as reports show it: as it is, or quoted by {@link #quote} when it holds a
   * quote, a backslash or a control character (the rule of Git's {@code core.quotePath=false}:
   * spaces and non-ASCII letters stay as they are).
   */
  public static String path(String path) {
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '"' || c == '\\' || isControl(c)) {
        return quote(path);
      }
    }
    return path;
  }

  /**
   * {@code s} with its control characters escaped as {@link #quote} does and nothing else changed:
   * a message stays one line.
   */
  public static String oneLine(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (isControl(s.charAt(i))) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        escapeInto(sb, s, false);
        return sb.toString();
      }
    }
    return s;
  }

  private static void escapeInto(StringBuilder sb, String s, boolean quotes) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '"' -> sb.append(quotes ? "\\\"" : "\"");
        case '\\' -> sb.append(quotes ? "\\\\" : "\\");
        default -> {
          if (isControl(c)) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
  }

  // C0 and C1 controls, DEL, the Unicode line and paragraph separators, the byte-order mark and
  // the bidirectional overrides: each either breaks a line or hides what the text really holds
  private static boolean isControl(char c) {
    return c < 0x20
        || (c >= 0x7F && c <= 0x9F)
        || c == '\u2028'
        || c == '\u2029'
        || c == '\uFEFF'
        || (c >= '\u202A' && c <= '\u202E')
        || (c >= '\u2066' && c <= '\u2069');
  }
}
