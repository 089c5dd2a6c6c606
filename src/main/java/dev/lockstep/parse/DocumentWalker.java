package dev.lockstep.parse;

import dev.lockstep.finding.Finding;
import dev.lockstep.model.FieldPath;
import dev.lockstep.model.GoDuration;
import dev.lockstep.model.ResourceKind;
import dev.lockstep.model.SourceLocation;
import dev.lockstep.parse.FieldType.ListOf;
import dev.lockstep.parse.FieldType.MapOf;
import dev.lockstep.parse.FieldType.ObjectType;
import dev.lockstep.parse.FieldType.Scalar;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Turns one composed document into frozen plain values (String, Long, Double, Boolean, null, List,
 * Map) and records where every field stands, checking duplicate keys and, when given a schema,
 * field names and types as the document walks. Aliases are expanded under a per-file budget, so an
 * alias bomb stops with {@code parse/limits}.
 */
final class DocumentWalker {
  /** Most values one file may expand to (aliases included). */
  static final int MAX_VALUES = 100_000;

  private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9]+");
  private static final Pattern YAML11_BOOLEAN =
      Pattern.compile("y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF");
  private static final BigInteger INT32_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
  private static final BigInteger INT32_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
  private static final BigInteger UINT32_MAX = BigInteger.valueOf(0xFFFF_FFFFL);
  private static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger INT64_MAX = BigInteger.valueOf(Long.MAX_VALUE);
  private static final BigInteger UINT64_MAX =
      BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  /** Values left for the whole file; shared by the walkers of its documents. */
  static final class Budget {
    private int remaining = MAX_VALUES;
  }

  private final String file;
  private final ResourceKind kind;
  private final Schemas.Decoding decoding;
  private final Budget budget;
  private final FindingSink sink;
  private final Map<String, SourceLocation> positions = new HashMap<>();
  private final Set<String> misspelt = new HashSet<>();
  private boolean shapeErrors;

  /**
   * @param kind the document's kind, used for "belongs under" hints and to know how Teleport
   *     decodes it; null for no schema
   */
  DocumentWalker(String file, ResourceKind kind, Budget budget, FindingSink sink) {
    this.file = file;
    this.kind = kind;
    this.decoding = kind == null ? Schemas.Decoding.PROTOJSON : Schemas.decodingOf(kind);
    this.budget = budget;
    this.sink = sink;
  }

  /**
   * Field paths the document meant to set but misspelt: for an unknown key whose "did you mean"
   * names a sibling that is absent, that sibling's path. Findings that only say such a field is
   * missing would repeat the unknown-field finding, so the validator skips them.
   */
  Set<String> misspelt() {
    return misspelt;
  }

  /** Field path to position: keys for mapping fields, items for list items. */
  Map<String, SourceLocation> positions() {
    return positions;
  }

  /**
   * True when a duplicate key, wrong type or non-scalar key was reported: the typed view of the
   * document would then be wrong. Unknown fields are errors too, but do not count here.
   */
  boolean hasShapeErrors() {
    return shapeErrors;
  }

  /**
   * Walks the root mapping of a document.
   *
   * @param schema the expected shape, or null to only read values and check duplicate keys
   * @throws YamlFile.LimitExceeded when nesting or expansion goes past the bounds
   */
  @SuppressWarnings("unchecked")
  Map<String, Object> walkDocument(MappingNode root, ObjectType schema) {
    return (Map<String, Object>) walk(root, "", schema, 0);
  }

  SourceLocation at(Node node) {
    return YamlFile.location(file, node.getStartMark());
  }

  private Object walk(Node node, String path, FieldType expected, int depth) {
    if (--budget.remaining < 0) {
      // the node itself may stand anywhere (an alias points back to its anchor): name the top-level
      // field
      SourceLocation where =
          path.isEmpty()
              ? at(node)
              : positions.getOrDefault(FieldPath.segments(path).get(0), at(node));
      throw new YamlFile.LimitExceeded(
          "the file expands to more than " + MAX_VALUES + " values (aliases are expanded)", where);
    }
    if (depth > YamlFile.MAX_DEPTH) {
      throw new YamlFile.LimitExceeded(
          "the YAML nests deeper than " + YamlFile.MAX_DEPTH + " levels (a recursive alias?)",
          node.getStartMark());
    }
    if (node instanceof ScalarNode scalar) {
      GoYaml.Resolution resolution = resolve(scalar);
      if (resolution instanceof GoYaml.Refused refused) {
        error(
            ParseRules.INVALID_YAML,
            scalar,
            path,
            "tctl's YAML reader refuses this tagged value ("
                + refused.message()
                + "): remove the tag "
                + GoYaml.shortTag(scalar.getTag().getValue())
                + " or write a value that fits it");
        return scalar.getValue();
      }
      Object value = ((GoYaml.Value) resolution).value();
      if (expected != null && value != null) {
        checkScalar(scalar, value, path, expected);
      }
      return value;
    }
    if (node instanceof SequenceNode sequence) {
      FieldType item = null;
      if (expected instanceof ListOf list) {
        item = list.item();
      } else if (expected != null) {
        wrongType(node, path, expected, "a list");
      }
      List<Object> out = new ArrayList<>(sequence.getValue().size());
      int i = 0;
      for (Node child : sequence.getValue()) {
        String childPath = FieldPath.index(path, i++);
        positions.put(childPath, at(child));
        Object value = walk(child, childPath, item, depth + 1);
        if (value == null && item != null) {
          wrongType(child, childPath, item, "null");
        }
        out.add(value);
      }
      return out;
    }
    MappingNode mapping = (MappingNode) node;
    ObjectType object = null;
    FieldType values = null;
    if (expected instanceof ObjectType o) {
      object = o;
    } else if (expected instanceof MapOf m) {
      values = m.value();
    } else if (expected != null) {
      wrongType(node, path, expected, "a mapping");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Node> seen = new HashMap<>();
    Set<String> present = new HashSet<>();
    for (NodeTuple tuple : mapping.getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode k) {
        present.add(k.getValue());
      }
    }
    for (NodeTuple tuple : mapping.getValue()) {
      Node keyNode = tuple.getKeyNode();
      if (!(keyNode instanceof ScalarNode keyScalar)) {
        shapeErrors = true;
        sink.add(
            Finding.of(
                ParseRules.INVALID_YAML,
                "a mapping key must be a plain value, not a "
                    + (keyNode instanceof SequenceNode ? "list" : "mapping"),
                at(keyNode),
                path));
        continue;
      }
      String key = keyScalar.getValue();
      String childPath = FieldPath.child(path, key);
      Node first = seen.putIfAbsent(key, keyNode);
      if (first != null) {
        shapeErrors = true;
        sink.add(
            Finding.of(
                ParseRules.DUPLICATE_KEY,
                "key \""
                    + key
                    + "\" is repeated (first at line "
                    + at(first).line()
                    + "); the last one would win",
                at(keyNode),
                childPath));
      }
      FieldType childType = values;
      if (object != null) {
        childType = object.fields().get(key);
        if (childType == null) {
          unknownField(keyScalar, key, path, childPath, object, present);
        }
      }
      positions.put(childPath, at(keyNode));
      out.put(key, walk(tuple.getValueNode(), childPath, childType, depth + 1));
    }
    return out;
  }

  private void unknownField(
      ScalarNode keyNode,
      String key,
      String parent,
      String childPath,
      ObjectType object,
      Set<String> present) {
    // An error, but not a shape error: typed views ignore unknown keys, so Teleport's spec rules
    // can
    // still run and a pull request sees every problem at once (a typo and an out-of-range hour).
    String where = parent.isEmpty() ? "at the top of the document" : "in " + parent;
    String message;
    String removed = object.removed().get(key);
    if (removed != null) {
      message = "unknown field \"" + key + "\" " + where + ": " + removed;
    } else {
      Optional<String> sibling = Suggestions.closest(key, object.names());
      List<String> elsewhere = kind == null ? List.of() : Schemas.placesOf(kind, key);
      if (sibling.isPresent()) {
        message =
            "unknown field \"" + key + "\" " + where + "; did you mean \"" + sibling.get() + "\"?";
        if (!present.contains(sibling.get())) {
          misspelt.add(FieldPath.child(parent, sibling.get()));
        }
      } else if (!elsewhere.isEmpty()) {
        String place = elsewhere.get(0);
        message =
            "unknown field \""
                + key
                + "\" "
                + where
                + "; \""
                + key
                + "\" belongs "
                + (place.isEmpty() ? "at the top of the document" : "in " + place);
      } else {
        message =
            "unknown field \""
                + key
                + "\" "
                + where
                + " (known: "
                + String.join(", ", object.names())
                + ")";
      }
    }
    sink.add(Finding.of(ParseRules.UNKNOWN_FIELD, message, at(keyNode), childPath));
  }

  /**
   * The plain Java value of a scalar as tctl reads it: a value with an explicit tag as go-yaml
   * resolves the tag ({@link GoYaml}), any other under the YAML 1.2 core schema (where YAML 1.1
   * reads differently, the field checks say so).
   */
  static GoYaml.Resolution resolve(ScalarNode scalar) {
    if (YamlFile.hasExplicitTag(scalar)) {
      return GoYaml.resolveTagged(scalar.getTag().getValue(), scalar.getValue());
    }
    return new GoYaml.Value(schemaValue(scalar));
  }

  private static Object schemaValue(ScalarNode scalar) {
    Tag tag = scalar.getTag();
    String text = scalar.getValue();
    if (tag.equals(Tag.NULL)) {
      return null;
    }
    if (tag.equals(Tag.BOOL)) {
      return Boolean.valueOf(text.equalsIgnoreCase("true"));
    }
    if (tag.equals(Tag.INT)) {
      BigInteger n = parseInteger(text);
      if (n == null) {
        return text;
      }
      return n.bitLength() < 64 ? (Object) n.longValue() : (Object) n.doubleValue();
    }
    if (tag.equals(Tag.FLOAT)) {
      return parseFloat(text);
    }
    return text;
  }

  private static BigInteger parseInteger(String text) {
    try {
      String t = text.replace("_", "");
      boolean negative = t.startsWith("-");
      if (t.startsWith("-") || t.startsWith("+")) {
        t = t.substring(1);
      }
      BigInteger n;
      if (t.startsWith("0x") || t.startsWith("0X")) {
        n = new BigInteger(t.substring(2), 16);
      } else if (t.startsWith("0o") || t.startsWith("0O")) {
        n = new BigInteger(t.substring(2), 8);
      } else {
        n = new BigInteger(t);
      }
      return negative ? n.negate() : n;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Object parseFloat(String text) {
    String t = text.toLowerCase(java.util.Locale.ROOT);
    if (t.endsWith(".inf")) {
      return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (t.equals(".nan")) {
      return Double.NaN;
    }
    try {
      return Double.valueOf(text.replace("_", ""));
    } catch (NumberFormatException e) {
      return text;
    }
  }

  private void checkScalar(ScalarNode node, Object value, String path, FieldType expected) {
    String text = node.getValue();
    // a plain scalar without a tag that tctl (YAML 1.1) reads as a boolean, such as on or yes
    boolean yaml11Boolean =
        node.getScalarStyle() == ScalarStyle.PLAIN
            && !YamlFile.hasExplicitTag(node)
            && YAML11_BOOLEAN.matcher(text).matches();
    String notText =
        value instanceof Boolean || yaml11Boolean
            ? "tctl reads " + text + " as a boolean" + (yaml11Boolean ? " (YAML 1.1)" : "")
            : value instanceof Number ? "YAML reads " + text + " as a number" : null;
    boolean textField =
        expected instanceof FieldType.OneOf
            || expected == Scalar.STRING
            || expected == Scalar.VERSION;
    if (textField) {
      if (notText != null) {
        error(
            ParseRules.WRONG_TYPE,
            node,
            path,
            path
                + " must be "
                + (expected == Scalar.VERSION
                    ? "a version string MAJOR.MINOR.PATCH"
                    : FieldType.describe(expected))
                + ", but "
                + notText
                + "; "
                + textFix(expected, node, path));
      }
      return;
    }
    if (!(expected instanceof Scalar scalar)) {
      wrongType(node, path, expected, quoteIfString(value, text));
      return;
    }
    switch (scalar) {
      case INT32, UINT32, INT64, UINT64 -> checkInteger(node, value, path, scalar);
      case BOOL -> {
        if (!(value instanceof Boolean)) {
          error(
              ParseRules.WRONG_TYPE,
              node,
              path,
              path + " must be true or false (unquoted), not " + quoteIfString(value, text));
        }
      }
      case NUMBER -> {
        if (!(value instanceof Long || value instanceof Double d && Double.isFinite(d))) {
          error(
              ParseRules.WRONG_TYPE,
              node,
              path,
              path
                  + " must be a number such as 0.85 (unquoted), not "
                  + quoteIfString(value, text));
        }
      }
      case DURATION -> {
        if (!(value instanceof String s) || GoDuration.parse(s).isEmpty()) {
          error(
              ParseRules.WRONG_TYPE,
              node,
              path,
              path
                  + " must be a duration such as \"1h\", \"90m\" or \"3600s\", not "
                  + quoteIfString(value, text)
                  + (value instanceof Number ? " (a duration needs a unit)" : ""));
        }
      }
      case TIMESTAMP -> {
        boolean ok = false;
        if (value instanceof String s) {
          try {
            OffsetDateTime.parse(s);
            ok = true;
          } catch (DateTimeParseException e) {
            ok = false;
          }
        }
        if (!ok) {
          error(
              ParseRules.WRONG_TYPE,
              node,
              path,
              path
                  + " must be an RFC 3339 time such as "
                  + "\"2026-01-31T12:00:00Z\", not "
                  + quoteIfString(value, text));
        }
      }
      default -> throw new IllegalStateException("unhandled scalar type " + scalar);
    }
  }

  private void checkInteger(ScalarNode node, Object value, String path, Scalar scalar) {
    String text = node.getValue();
    boolean tagged = YamlFile.hasExplicitTag(node);
    BigInteger n = null;
    if (!tagged && node.getTag().equals(Tag.INT)) {
      n = parseInteger(text);
      Long octal = node.getScalarStyle() == ScalarStyle.PLAIN ? GoYaml.octalReading(text) : null;
      if (octal != null) {
        String message =
            String.format(
                "%s is %s, which tctl (YAML 1.1) reads as the octal number %d: write %s: %d, or %s"
                    + " without the leading zero",
                path, text, octal, leaf(path), octal, n);
        error(ParseRules.WRONG_TYPE, node, path, message);
        return;
      }
    } else if (value instanceof Long l) {
      n = BigInteger.valueOf(l);
    } else if (value instanceof String s && DECIMAL.matcher(s).matches()) {
      if (decoding == Schemas.Decoding.GO_JSON) {
        // teleport-semantics §22: cluster_maintenance_config is read with Go's encoding/json,
        // which refuses a number written as a string
        error(
            ParseRules.WRONG_TYPE,
            node,
            path,
            path
                + " must be a number, not the string "
                + quoteIfString(value, text)
                + ": tctl reads "
                + kind.kind()
                + " with Go's encoding/json, which does not accept quoted numbers; write "
                + leaf(path)
                + ": "
                + s);
        return;
      }
      // protojson accepts integers written as decimal strings
      n = new BigInteger(s.startsWith("+") ? s.substring(1) : s);
    }
    if (n == null) {
      String hint =
          value instanceof Double d && d == Math.rint(d) && !d.isInfinite()
              ? "; write " + leaf(path) + ": " + BigInteger.valueOf(d.longValue())
              : value instanceof Double ? " (write a whole number)" : "";
      error(
          ParseRules.WRONG_TYPE,
          node,
          path,
          path + " must be " + scalar.description() + ", not " + quoteIfString(value, text) + hint);
      return;
    }
    boolean unsigned = scalar == Scalar.UINT32 || scalar == Scalar.UINT64;
    BigInteger min = unsigned ? BigInteger.ZERO : scalar == Scalar.INT32 ? INT32_MIN : INT64_MIN;
    BigInteger max =
        switch (scalar) {
          case INT32 -> INT32_MAX;
          case UINT32 -> UINT32_MAX;
          case INT64 -> INT64_MAX;
          default -> UINT64_MAX;
        };
    if (n.compareTo(min) < 0 || n.compareTo(max) > 0) {
      error(
          ParseRules.WRONG_TYPE,
          node,
          path,
          path
              + " is "
              + text
              + ", outside the range of a protobuf "
              + scalar.name().toLowerCase(java.util.Locale.ROOT)
              + " ("
              + min
              + ".."
              + max
              + ")");
    }
  }

  /**
   * What to write for a text field YAML read as a number or a boolean: a value that is valid, not
   * only text (the allowed values, the full version), so that the hint does not lead to the next
   * error.
   */
  private static String textFix(FieldType expected, ScalarNode node, String path) {
    if (expected instanceof FieldType.OneOf oneOf) {
      List<String> values = oneOf.values();
      String others =
          values.size() > 1
              ? " (or " + String.join(", ", values.subList(1, values.size())) + ")"
              : "";
      return "write " + leaf(path) + ": " + values.get(0) + others;
    }
    if (expected == Scalar.VERSION) {
      return "write " + leaf(path) + ": " + fullVersion(node.getValue());
    }
    String untag =
        YamlFile.hasExplicitTag(node)
            ? "remove the tag " + GoYaml.shortTag(node.getTag().getValue()) + " and "
            : "";
    return untag + "quote it: \"" + node.getValue() + "\"";
  }

  /** The last key of a field path, as written in the file ({@code start_hour}). */
  private static String leaf(String path) {
    List<String> segments = FieldPath.segments(path);
    for (int i = segments.size() - 1; i >= 0; i--) {
      if (!segments.get(i).startsWith("[")) {
        return segments.get(i);
      }
    }
    return path;
  }

  /**
   * A version YAML read as a number, completed to MAJOR.MINOR.PATCH as written ({@code 17} ->
   * {@code 17.0.0}, {@code 17.2} -> {@code 17.2.0}, {@code 17.10} -> {@code 17.10.0}).
   */
  private static String fullVersion(String text) {
    if (text.matches("[0-9]+")) {
      return text + ".0.0";
    }
    if (text.matches("[0-9]+\\.[0-9]+")) {
      return text + ".0";
    }
    return "MAJOR.MINOR.PATCH (such as 17.2.0)";
  }

  private static String quoteIfString(Object value, String text) {
    return value instanceof String ? "\"" + text + "\"" : text;
  }

  private void wrongType(Node node, String path, FieldType expected, String actual) {
    String subject = path.isEmpty() ? "the document" : path;
    error(
        ParseRules.WRONG_TYPE,
        node,
        path,
        subject + " must be " + FieldType.describe(expected) + ", not " + actual);
  }

  private void error(dev.lockstep.finding.Rule rule, Node node, String path, String message) {
    shapeErrors = true;
    sink.add(Finding.of(rule, message, at(node), path));
  }

  /** The value node of a top-level key, if present. */
  static Optional<Node> topLevelNode(MappingNode root, String key) {
    for (NodeTuple tuple : root.getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
        return Optional.of(tuple.getValueNode());
      }
    }
    return Optional.empty();
  }
}
