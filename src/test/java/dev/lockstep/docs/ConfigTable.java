package dev.lockstep.docs;

import dev.lockstep.server.ConfigKeys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration table of {@code docs/configuration.md}: one row per {@code lockstep.*} key in
 * the order {@code LockstepConfig} declares them, with the key, its environment variable and
 * default from {@link ConfigKeys} and the accessor's javadoc as its meaning. Javadoc is not kept at
 * run time, so the source file is read for it.
 */
final class ConfigTable {
  private ConfigTable() {}

  /** One documented accessor of the source: its path from the root and its javadoc, cleaned. */
  record Documented(List<String> accessors, String javadoc) {}

  /** An accessor as declared: its group interface ("" at the top), type, name and javadoc. */
  private record Declared(String group, String type, String name, String javadoc) {}

  private static final Pattern GROUP_TYPE = Pattern.compile("^ {2}interface (\\w+) \\{");
  private static final Pattern ACCESSOR = Pattern.compile("^( +)([\\w.<>]+) (\\w+)\\(\\);$");

  /**
   * The Markdown table for {@code source}, the text of {@code LockstepConfig.java}.
   *
   * @throws IllegalStateException when a key has no javadoc, or javadoc names no key
   */
  static String markdown(String source) {
    Map<List<String>, ConfigKeys.Key> keys = new HashMap<>();
    ConfigKeys.all().forEach(k -> keys.put(k.accessors(), k));
    StringBuilder out = new StringBuilder("| key | environment variable | default | meaning |\n");
    out.append("|---|---|---|---|\n");
    List<Documented> documented = documented(source);
    for (Documented d : documented) {
      ConfigKeys.Key key = keys.remove(d.accessors());
      if (key == null) {
        throw new IllegalStateException(
            "javadoc of " + d.accessors() + " names no configuration key");
      }
      String def =
          key.defaultValue()
              .map(v -> "`" + v + "`")
              .orElse(key.type() == Optional.class ? "(unset)" : "");
      out.append("| `")
          .append(key.property())
          .append("` | `")
          .append(key.env())
          .append("` | ")
          .append(def)
          .append(" | ")
          .append(d.javadoc())
          .append(" |\n");
    }
    if (!keys.isEmpty()) {
      throw new IllegalStateException("keys without javadoc in LockstepConfig: " + keys.keySet());
    }
    return out.toString();
  }

  /**
   * Every leaf accessor of the source with its javadoc, in declaration order; group accessors
   * (those returning a nested interface) are left out.
   */
  static List<Documented> documented(String source) {
    Map<String, String> groupAccessor = new HashMap<>();
    List<Declared> declared = new ArrayList<>();
    String group = null;
    StringBuilder doc = null;
    String lastDoc = null;
    for (String line : source.split("\n")) {
      String s = line.strip();
      Matcher g = GROUP_TYPE.matcher(line);
      if (g.find()) {
        group = g.group(1);
        lastDoc = null;
        continue;
      }
      if (doc == null && s.startsWith("/**")) {
        doc = new StringBuilder();
        s = s.substring(3);
      }
      if (doc != null) {
        boolean closes = s.endsWith("*/");
        if (closes) {
          s = s.substring(0, s.length() - 2);
        }
        s = s.startsWith("*") ? s.substring(1) : s;
        doc.append(' ').append(s.strip());
        if (closes) {
          lastDoc = doc.toString().strip();
          doc = null;
        }
        continue;
      }
      Matcher a = ACCESSOR.matcher(line);
      if (a.find()) {
        boolean nested = a.group(1).length() > 2;
        declared.add(
            new Declared(
                nested ? group : "", a.group(2), a.group(3), lastDoc == null ? "" : lastDoc));
        if (!nested) {
          groupAccessor.put(a.group(2), a.group(3));
        }
        lastDoc = null;
      }
    }
    List<Documented> result = new ArrayList<>();
    for (Declared d : declared) {
      if (d.group().isEmpty() && isGroup(source, d.type())) {
        continue;
      }
      if (d.javadoc().isEmpty()) {
        throw new IllegalStateException("LockstepConfig." + d.name() + "() has no javadoc");
      }
      List<String> path =
          d.group().isEmpty() ? List.of(d.name()) : List.of(groupAccessor.get(d.group()), d.name());
      result.add(new Documented(path, markdownOf(d.javadoc())));
    }
    return result;
  }

  private static boolean isGroup(String source, String type) {
    return source.contains("\n  interface " + type + " {");
  }

  /** Javadoc as Markdown in a table cell: {@code x} as code, links as their text, no bars. */
  static String markdownOf(String javadoc) {
    String s = javadoc.replaceAll("\\s+", " ").strip();
    s = s.replaceAll("\\{@code ((?:[^{}]|\\{[^{}]*\\})*)\\}", "`$1`");
    s = s.replaceAll("\\{@link(?:plain)? ([^{}]*)\\}", "`$1`");
    return s.replace("|", "\\|");
  }
}
