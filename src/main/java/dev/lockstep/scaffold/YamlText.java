package dev.lockstep.scaffold;

import dev.lockstep.model.Quoting;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A small block-style YAML writer that keeps comments where they belong, for the files Lockstep
 * writes for people to read and edit ({@code lockstep import}, {@code lockstep init}). A document
 * is a {@link Block} of fields and comment lines; values are scalars, flow lists of scalars ({@code
 * [Mon, Tue]}), nested blocks or lists of blocks.
 *
 * <p>Strings are written plain only when every reader of the file takes them for the same text:
 * Lockstep's YAML 1.2 core schema and the YAML 1.1 reader of {@code tctl} (go-yaml v2), which turns
 * {@code on}, {@code no} or {@code y} into booleans and {@code 17.2} into a number. Anything else
 * is double-quoted with escapes, so a value never changes meaning or breaks a line.
 */
final class YamlText {
  private static final int WIDTH = 100;
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]*");
  private static final Pattern PLAIN_WITH_PORT =
      Pattern.compile("[A-Za-z][A-Za-z0-9._/-]*(:[A-Za-z0-9._/-]+)+");
  private static final Pattern NUMBER_LIKE =
      Pattern.compile(
          "[0-9][0-9_]*|[0-9][0-9_]*\\.[0-9_]*([eE][-+]?[0-9]+)?|[0-9]+[eE][-+]?[0-9]+|0[xXoObB].*");
  private static final Set<String> YAML11_WORDS =
      Set.of("y", "yes", "n", "no", "true", "false", "on", "off", "null");

  private YamlText() {}

  /** One line of a block: a field or a comment. */
  sealed interface Member permits Field, Note {}

  /** What a field holds. */
  sealed interface Node permits Scalar, Flow, Block, Items {}

  /** A field, {@code key: value}, with an optional comment at the end of its line ("" for none). */
  record Field(String key, Node value, String comment) implements Member {
    Field {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(comment, "comment");
    }
  }

  /** A comment line (wrapped when long), at the indentation of the block it is in. */
  record Note(String text) implements Member {}

  /** A string, number or boolean. */
  record Scalar(Object value) implements Node {}

  /** A list of scalars, written on one line: {@code [Mon, Tue]}. */
  record Flow(List<?> values) implements Node {
    Flow {
      values = List.copyOf(values);
    }
  }

  /** A mapping. Without fields it is written {@code {}} (its comments go above its key). */
  record Block(List<Member> members) implements Node {
    Block {
      members = List.copyOf(members);
    }

    boolean hasFields() {
      return members.stream().anyMatch(m -> m instanceof Field);
    }
  }

  /** A list of mappings, one {@code - } item each. */
  record Items(List<Block> items) implements Node {
    Items {
      items = List.copyOf(items);
    }
  }

  /** Builds a block member by member. */
  static final class Builder {
    private final List<Member> members = new ArrayList<>();

    Builder field(String key, Node value) {
      return field(key, value, "");
    }

    Builder field(String key, Node value, String comment) {
      members.add(new Field(key, value, comment));
      return this;
    }

    Builder scalar(String key, Object value) {
      return field(key, new Scalar(value), "");
    }

    Builder scalar(String key, Object value, String comment) {
      return field(key, new Scalar(value), comment);
    }

    Builder note(String text) {
      members.add(new Note(text));
      return this;
    }

    Block build() {
      return new Block(members);
    }
  }

  static Builder block() {
    return new Builder();
  }

  /** The document's text: the top-level block at column 0, one line per field or comment. */
  static String render(Block root) {
    StringBuilder out = new StringBuilder();
    members(out, root.members(), 0, null);
    return out.toString();
  }

  /** The comment lines of {@code text}, wrapped to fit the width at column {@code indent}. */
  static List<String> comment(String text, int indent) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() > 0 && indent + 2 + line.length() + 1 + word.length() > WIDTH) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    lines.add(line.toString());
    return lines.stream().map(l -> " ".repeat(indent) + ("# " + l).strip()).toList();
  }

  /**
   * Writes members at {@code indent}; {@code dash} is the prefix of the first field of a list item
   * ("- " at the item's column) or null.
   */
  private static void members(StringBuilder out, List<Member> members, int indent, String dash) {
    String first = dash;
    for (Member m : members) {
      if (m instanceof Note n) {
        comment(n.text(), first != null ? indent - 2 : indent)
            .forEach(l -> out.append(l).append('\n'));
        continue;
      }
      Field f = (Field) m;
      String lead = first != null ? " ".repeat(indent - 2) + first : " ".repeat(indent);
      first = null;
      field(out, f, lead, indent);
    }
  }

  private static void field(StringBuilder out, Field f, String lead, int indent) {
    String key = lead + f.key() + ":";
    Node value = f.value();
    if (value instanceof Scalar s) {
      line(out, key + " " + scalar(s.value()), f.comment());
    } else if (value instanceof Flow l) {
      line(out, key + " " + flow(l.values()), f.comment());
    } else if (value instanceof Block b && !b.hasFields()) {
      for (Member m : b.members()) {
        comment(((Note) m).text(), indent).forEach(c -> out.append(c).append('\n'));
      }
      line(out, key + " {}", f.comment());
    } else if (value instanceof Block b) {
      line(out, key, f.comment());
      members(out, b.members(), indent + 2, null);
    } else if (value instanceof Items items && items.items().isEmpty()) {
      line(out, key + " []", f.comment());
    } else if (value instanceof Items items) {
      line(out, key, f.comment());
      for (Block item : items.items()) {
        members(out, item.members(), indent + 4, "- ");
      }
    }
  }

  private static void line(StringBuilder out, String text, String comment) {
    out.append(text);
    if (!comment.isEmpty()) {
      out.append("  # ").append(comment);
    }
    out.append('\n');
  }

  private static String flow(List<?> values) {
    List<String> parts = new ArrayList<>();
    for (Object v : values) {
      parts.add(scalar(v));
    }
    return "[" + String.join(", ", parts) + "]";
  }

  /** A scalar as YAML: numbers and booleans as they are, strings plain only when unambiguous. */
  static String scalar(Object value) {
    if (value instanceof Number || value instanceof Boolean) {
      return String.valueOf(value);
    }
    String s = String.valueOf(value);
    boolean plain =
        (PLAIN.matcher(s).matches() || PLAIN_WITH_PORT.matcher(s).matches())
            && !NUMBER_LIKE.matcher(s).matches()
            && !YAML11_WORDS.contains(s.toLowerCase(Locale.ROOT));
    return plain ? s : Quoting.quote(s);
  }
}
