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
  private static final Pattern ACCESSOR = Pattern.compile("^( +)([\\w.<>, ]+?) (\\w+)\\(\\);$");

  private static final Pattern WITH_NAME = Pattern.compile("^ +@WithName\\(\"([\\w-]+)\"\\)$");

  /** The group of a {@code Map<String, Group>} accessor: its entries' keys. */
  private static final Pattern MAP_OF = Pattern.compile("^Map<String, (\\w+)>$");

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
    List<Declared> declared = new ArrayList<>();
    String group = null;
    StringBuilder doc = null;
    String lastDoc = null;
    String withName = null;
    for (String line : source.split("\n")) {
      String s = line.strip();
      Matcher w = WITH_NAME.matcher(line);
      if (w.find()) {
        withName = w.group(1);
        continue;
      }
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
        String name = withName == null ? a.group(3) : withName;
        declared.add(
            new Declared(nested ? group : "", a.group(2), name, lastDoc == null ? "" : lastDoc));
        lastDoc = null;
        withName = null;
      }
    }
    // the path of each group interface from the root, e.g. NotifySink: [notify, sinks, <name>]
    Map<String, List<String>> groupPath = new HashMap<>();
    groupPath.put("", List.of());
    for (Declared d : declared) {
      Matcher map = MAP_OF.matcher(d.type());
      if (isGroup(source, d.type())) {
        groupPath.put(d.type(), append(groupPath.get(d.group()), d.name()));
      } else if (map.matches() && isGroup(source, map.group(1))) {
        groupPath.put(map.group(1), append(groupPath.get(d.group()), d.name(), ConfigKeys.NAME));
      }
    }
    List<Documented> result = new ArrayList<>();
    for (Declared d : declared) {
      Matcher map = MAP_OF.matcher(d.type());
      if (isGroup(source, d.type()) || (map.matches() && isGroup(source, map.group(1)))) {
        continue;
      }
      if (d.javadoc().isEmpty()) {
        throw new IllegalStateException("LockstepConfig." + d.name() + "() has no javadoc");
      }
      result.add(
          new Documented(append(groupPath.get(d.group()), d.name()), markdownOf(d.javadoc())));
    }
    return result;
  }

  private static List<String> append(List<String> path, String... more) {
    List<String> out = new ArrayList<>(path);
    out.addAll(List.of(more));
    return List.copyOf(out);
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
