package dev.lockstep.parse;

import dev.lockstep.model.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;

/**
 * SnakeYAML Engine's syntax errors in plain words, each with what to change: wrong indentation
 * names the column to indent to (the columns of the enclosing keys above), a tab asks for spaces, a
 * missing space after {@code :}, an unclosed quote or bracket and a stray {@code - } are named
 * where the fix goes. A problem without a translation keeps SnakeYAML's text as a last resort.
 */
final class YamlProblems {
  private YamlProblems() {}

  /** A translated problem: the message and where the fix goes. */
  record Problem(String message, SourceLocation location) {}

  private static final Pattern MISSING_SPACE =
      Pattern.compile("^(\\s*(?:- )*)([A-Za-z0-9_][A-Za-z0-9_.-]*):([^\\s:/][^#]*)$");
  private static final Pattern KEY_WITH_VALUE =
      Pattern.compile("^(\\s*(?:- )*)([^\\s#:'\"{\\[][^:#]*?):\\s+([^\\s#|>].*)$");
  private static final Pattern BARE_WORD = Pattern.compile("^\\s*([A-Za-z0-9_][A-Za-z0-9_.-]*)$");

  /**
   * The problem of {@code e} in the words of this class; SnakeYAML's own text when there is no
   * translation. Never throws: the translation reads arbitrary text, and a surprise in it falls
   * back to the raw message rather than failing the parse.
   */
  static Problem describe(String file, String text, MarkedYamlEngineException e) {
    try {
      return translate(file, text, e);
    } catch (RuntimeException surprise) {
      return raw(file, e);
    }
  }

  private static Problem translate(String file, String text, MarkedYamlEngineException e) {
    String problem = e.getProblem() == null ? "" : e.getProblem().strip();
    String context = e.getContext() == null ? "" : e.getContext().strip();
    Optional<Mark> at = e.getProblemMark();
    Optional<Mark> opened = e.getContextMark();
    String[] lines = text.split("\n", -1);
    Optional<Problem> translated = Optional.empty();
    if (at.isPresent()) {
      int line = at.get().getLine() + 1;
      int column = at.get().getColumn() + 1;
      if (problem.startsWith("expected <block end>, but found")) {
        translated = indentation(file, lines, line, column);
      } else if (problem.equals("mapping values are not allowed here")) {
        translated = unexpectedColon(file, lines, line, column);
      } else if (problem.contains("\\t(TAB)")) {
        translated = tab(file, lines, line);
      } else if (problem.startsWith("could not find expected ':'") && opened.isPresent()) {
        translated = missingColon(file, lines, opened.get().getLine() + 1);
      } else if (context.startsWith("while scanning a quoted scalar") && opened.isPresent()) {
        translated = unclosedQuote(file, lines, opened.get());
      } else if ((context.startsWith("while parsing a flow sequence")
              || context.startsWith("while parsing a flow mapping"))
          && opened.isPresent()) {
        translated = unclosedFlow(file, context, line, column, opened.get());
      } else {
        translated =
            inPlainWords(problem, line)
                .map(m -> new Problem(m, new SourceLocation(file, line, column)));
      }
    }
    return translated.orElseGet(() -> raw(file, e));
  }

  private static Problem raw(String file, MarkedYamlEngineException e) {
    String problem = e.getProblem() == null ? "" : e.getProblem().strip();
    String context = e.getContext() == null ? "" : e.getContext().strip();
    return new Problem(
        "invalid YAML: " + firstLine(context.isEmpty() ? problem : context + ": " + problem),
        e.getProblemMark()
            .or(e::getContextMark)
            .map(m -> new SourceLocation(file, m.getLine() + 1, m.getColumn() + 1))
            .orElse(SourceLocation.ofFile(file)));
  }

  /** Problems whose translation needs only SnakeYAML's text: what to do, in words. */
  private static Optional<String> inPlainWords(String problem, int line) {
    if (problem.startsWith("found undefined alias")) {
      String name = problem.substring("found undefined alias".length()).strip();
      return Optional.of(
          "alias *"
              + name
              + " has no anchor &"
              + name
              + " before it in this document: define the anchor first, or write the value itself");
    }
    if (problem.startsWith("found unknown escape character")) {
      return Optional.of(
          "a backslash in a double-quoted value starts an escape, and this one is not a YAML"
              + " escape: write the value in single quotes, or double the backslash");
    }
    if (problem.startsWith("expected '<document start>'")) {
      return Optional.of(
          "after a document ends with ..., the next document must start with ---: add --- on line "
              + line
              + ", or remove the ...");
    }
    if (problem.startsWith("found character") && problem.contains("that cannot start any token")) {
      return Optional.of(
          "a plain value cannot start with "
              + problem.substring("found character ".length(), problem.indexOf(" that"))
              + ": quote the value");
    }
    return Optional.empty();
  }

  /** A column a line above opens: a key's, or a list item's dash. */
  private record Level(int column, int line, String label, boolean item) {
    String describe() {
      return "column "
          + column
          + " (like "
          + (item ? "the list item" : "\"" + label + "\"")
          + " on line "
          + line
          + ")";
    }
  }

  // "expected <block end>, but found ...": the line starts at a column no open block has
  private static Optional<Problem> indentation(String file, String[] lines, int line, int column) {
    if (line > lines.length) {
      return Optional.empty();
    }
    String content = lines[line - 1].substring(Math.min(column - 1, lines[line - 1].length()));
    boolean item = content.startsWith("-");
    List<Level> levels = levels(lines, line);
    List<Level> candidates =
        levels.stream().filter(l -> l.item() == item && l.column() != column).toList();
    if (candidates.isEmpty()) {
      return Optional.empty();
    }
    Level deeper = null;
    Level shallower = null;
    for (Level l : candidates) {
      if (l.column() > column && (deeper == null || l.column() < deeper.column())) {
        deeper = l;
      }
      if (l.column() < column && (shallower == null || l.column() > shallower.column())) {
        shallower = l;
      }
    }
    String what = item ? "this list item" : "\"" + label(content) + "\"";
    StringBuilder message =
        new StringBuilder(what)
            .append(" starts at column ")
            .append(column)
            .append(", which lines up with no ")
            .append(item ? "list" : "key")
            .append(" above it: indent it to ");
    if (item) {
      // a list item belongs to the nearest list above
      Level nearest =
          deeper == null
              ? shallower
              : shallower == null
                  ? deeper
                  : deeper.column() - column <= column - shallower.column() ? deeper : shallower;
      message.append(nearest.describe());
    } else {
      Level first = deeper != null ? deeper : shallower;
      message.append(first.describe());
      if (deeper != null && shallower != null) {
        message.append(" or to ").append(shallower.describe());
      }
    }
    return Optional.of(new Problem(message.toString(), new SourceLocation(file, line, column)));
  }

  /**
   * The columns the lines above {@code line} open, innermost first: each is left of every column
   * found after it, so they are the enclosing keys and list items.
   */
  private static List<Level> levels(String[] lines, int line) {
    List<Level> levels = new ArrayList<>();
    int min = Integer.MAX_VALUE;
    for (int i = line - 2; i >= 0 && min > 1; i--) {
      String t = lines[i];
      String stripped = t.strip();
      if (stripped.isEmpty() || stripped.startsWith("#")) {
        continue;
      }
      if (stripped.equals("---") || stripped.startsWith("--- ") || stripped.equals("...")) {
        break;
      }
      int indent = indentOf(t);
      List<Level> found = new ArrayList<>();
      int col = indent;
      while (t.startsWith("- ", col) || (t.startsWith("-", col) && col + 1 == t.length())) {
        found.add(new Level(col + 1, i + 1, "", true));
        col += 2;
        while (col < t.length() && t.charAt(col) == ' ') {
          col++;
        }
      }
      if (col < t.length()) {
        found.add(new Level(col + 1, i + 1, label(t.substring(col)), false));
      }
      for (int k = found.size() - 1; k >= 0; k--) {
        Level l = found.get(k);
        if (l.column() < min) {
          levels.add(l);
          min = l.column();
        }
      }
    }
    return levels;
  }

  // "mapping values are not allowed here": a ':' where no key can start
  private static Optional<Problem> unexpectedColon(
      String file, String[] lines, int line, int column) {
    if (line > lines.length) {
      return Optional.empty();
    }
    String text = lines[line - 1];
    String before = text.substring(0, Math.min(column - 1, text.length()));
    if (before.strip().startsWith("---")) {
      return Optional.of(
          new Problem(
              "a document's first key cannot stand on its --- line: move \""
                  + text.strip().substring(3).strip()
                  + "\" to the line after ---",
              new SourceLocation(file, line, 1)));
    }
    int colon = before.indexOf(": ");
    if (colon > 0) {
      String key = before.substring(0, colon).strip();
      String value = text.substring(colon + 1).strip();
      String quoted = value.contains("\"") ? "'" + value + "'" : "\"" + value + "\"";
      return Optional.of(
          new Problem(
              "the value of \""
                  + key
                  + "\" holds \": \" (a colon and a space), which YAML reads as another key:"
                  + " quote the value: "
                  + key
                  + ": "
                  + quoted,
              new SourceLocation(file, line, colon + 3)));
    }
    int previous = previousContentLine(lines, line);
    if (previous < 1) {
      return Optional.empty();
    }
    String above = lines[previous - 1];
    Matcher missing = MISSING_SPACE.matcher(stripComment(above));
    if (missing.matches()) {
      return Optional.of(missingSpace(file, previous, missing));
    }
    Matcher keyed = KEY_WITH_VALUE.matcher(stripComment(above));
    if (keyed.matches() && indentOf(text) > indentOf(above)) {
      int keyColumn = keyed.group(1).length() + 1;
      return Optional.of(
          new Problem(
              "\""
                  + label(text.strip())
                  + "\" is indented deeper than \""
                  + keyed.group(2).strip()
                  + "\" on line "
                  + previous
                  + ", which already has a value: indent it to column "
                  + keyColumn
                  + " (like \""
                  + keyed.group(2).strip()
                  + "\")",
              new SourceLocation(file, line, indentOf(text) + 1)));
    }
    Matcher bare = BARE_WORD.matcher(stripComment(above));
    if (bare.matches()) {
      return Optional.of(
          new Problem(
              "line "
                  + previous
                  + ": \""
                  + bare.group(1)
                  + "\" has no ':' after it: write "
                  + bare.group(1)
                  + ":",
              new SourceLocation(file, previous, indentOf(above) + 1)));
    }
    return Optional.empty();
  }

  // a tab where YAML allows only spaces
  private static Optional<Problem> tab(String file, String[] lines, int line) {
    if (line > lines.length) {
      return Optional.empty();
    }
    String text = lines[line - 1];
    int tab = text.indexOf('\t');
    if (tab < 0) {
      return Optional.empty();
    }
    int previous = previousContentLine(lines, line);
    int column = 1;
    if (previous >= 1) {
      String above = stripComment(lines[previous - 1]).stripTrailing();
      column = indentOf(above) + 1 + (above.endsWith(":") ? 2 : 0);
    }
    String leading = text.substring(0, tab + 1).isBlank() ? "indented" : "spaced";
    return Optional.of(
        new Problem(
            "this line is "
                + leading
                + " with a tab, and YAML allows only spaces there: replace the tab with spaces"
                + ("indented".equals(leading) ? " (indent it to column " + column + ")" : ""),
            new SourceLocation(file, line, tab + 1)));
  }

  // "could not find expected ':'": a key without its colon, or without the space after it
  private static Optional<Problem> missingColon(String file, String[] lines, int line) {
    if (line > lines.length) {
      return Optional.empty();
    }
    String content = stripComment(lines[line - 1]);
    Matcher missing = MISSING_SPACE.matcher(content);
    if (missing.matches()) {
      return Optional.of(missingSpace(file, line, missing));
    }
    String text = content.strip();
    int space = text.indexOf(' ');
    String fix =
        space > 0
            ? text.substring(0, space) + ": " + text.substring(space + 1).strip()
            : text + ":";
    return Optional.of(
        new Problem(
            "\"" + text + "\" has no ':' after its key: write " + fix,
            new SourceLocation(file, line, indentOf(lines[line - 1]) + 1)));
  }

  private static Problem missingSpace(String file, int line, Matcher missing) {
    String key = missing.group(2);
    String value = missing.group(3).strip();
    return new Problem(
        "line "
            + line
            + ": a space is missing after the ':' of \""
            + key
            + ":"
            + value
            + "\": write "
            + key
            + ": "
            + value,
        new SourceLocation(file, line, missing.group(1).length() + key.length() + 2));
  }

  private static Optional<Problem> unclosedQuote(String file, String[] lines, Mark opened) {
    int line = opened.getLine() + 1;
    int column = opened.getColumn() + 1;
    if (line > lines.length || column > lines[line - 1].length()) {
      return Optional.empty();
    }
    char quote = lines[line - 1].charAt(column - 1);
    return Optional.of(
        new Problem(
            "the "
                + quote
                + " opened at line "
                + line
                + ", column "
                + column
                + " is never closed: end the value with "
                + quote
                + " on line "
                + line,
            new SourceLocation(file, line, column)));
  }

  private static Optional<Problem> unclosedFlow(
      String file, String context, int line, int column, Mark opened) {
    boolean list = context.contains("sequence");
    int openLine = opened.getLine() + 1;
    int openColumn = opened.getColumn() + 1;
    return Optional.of(
        new Problem(
            "the "
                + (list ? "list [" : "mapping {")
                + " opened at line "
                + openLine
                + ", column "
                + openColumn
                + " is not closed before line "
                + line
                + ", column "
                + column
                + ": end it with "
                + (list ? "]" : "}")
                + " on line "
                + openLine
                + " (or separate its items with commas)",
            new SourceLocation(file, openLine, openColumn)));
  }

  private static int previousContentLine(String[] lines, int line) {
    for (int i = line - 2; i >= 0; i--) {
      String stripped = lines[i].strip();
      if (!stripped.isEmpty() && !stripped.startsWith("#")) {
        return i + 1;
      }
    }
    return 0;
  }

  private static int indentOf(String line) {
    int i = 0;
    while (i < line.length() && line.charAt(i) == ' ') {
      i++;
    }
    return i;
  }

  private static String stripComment(String line) {
    int hash = line.indexOf(" #");
    return hash >= 0 ? line.substring(0, hash) : line;
  }

  /** The key of a line's content ({@code schedule} of {@code schedule: regular}), shortened. */
  private static String label(String content) {
    String c = content.strip();
    int colon = c.indexOf(':');
    String key = colon > 0 ? c.substring(0, colon) : c;
    return key.length() > 40 ? key.substring(0, 40) + "..." : key;
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }
}
