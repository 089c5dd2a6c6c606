package dev.lockstep.parse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The shape a field must have, as protojson reads the JSON that tctl makes of the YAML
 * (teleport-semantics §2.1, §3.1, §12). Package-private: only the parser checks shapes; later
 * stages read plain values.
 */
sealed interface FieldType {

  /** A scalar field. */
  enum Scalar implements FieldType {
    /** Text; YAML numbers and booleans are rejected (protojson does not coerce them). */
    STRING("a string"),
    /**
     * Text holding a semantic version; as {@link #STRING}, with a hint that completes a version
     * YAML read as a number ({@code 17.2} -> {@code 17.2.0}).
     */
    VERSION("a version such as \"17.2.1\""),
    /** A protobuf int32: a YAML integer or a quoted decimal string, as protojson accepts. */
    INT32("a whole number"),
    /** A protobuf uint32. */
    UINT32("a whole number that is not negative"),
    /** A protobuf int64. */
    INT64("a whole number"),
    /** A protobuf uint64. */
    UINT64("a whole number that is not negative"),
    /** A YAML {@code true} or {@code false}. */
    BOOL("true or false"),
    /** A YAML number, whole or not (Lockstep's own settings, such as a ratio). */
    NUMBER("a number such as 0.85"),
    /**
     * A google.protobuf.Duration: a Go duration ({@code 1h30m}) or protobuf JSON ({@code 3600s}).
     */
    DURATION("a duration such as \"1h\" or \"3600s\""),
    /** A google.protobuf.Timestamp in RFC 3339 form. */
    TIMESTAMP("an RFC 3339 time such as \"2026-01-31T12:00:00Z\"");

    private final String description;

    Scalar(String description) {
      this.description = description;
    }

    /** What a finding says is expected. */
    String description() {
      return description;
    }
  }

  /**
   * Text from a closed set ({@code regular}, {@code immediate}). The parser checks only that it is
   * text, naming the values when it is not; whether it is one of them is Teleport's rule, which the
   * validator reports with Teleport's wording.
   */
  record OneOf(List<String> values) implements FieldType {
    public OneOf {
      values = List.copyOf(values);
      if (values.isEmpty()) {
        throw new IllegalArgumentException("values");
      }
    }
  }

  /** A repeated field. */
  record ListOf(FieldType item) implements FieldType {
    public ListOf {
      Objects.requireNonNull(item, "item");
    }
  }

  /** A map field with string keys (labels). */
  record MapOf(FieldType value) implements FieldType {
    public MapOf {
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * A message: its known fields in declaration order, and the fields Teleport removed, each with
   * what to write instead (teleport-semantics §2.1 and §3.1 reserved fields).
   */
  record ObjectType(Map<String, FieldType> fields, Map<String, String> removed)
      implements FieldType {
    public ObjectType {
      fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
      removed = Map.copyOf(removed);
    }

    /** A message with fields given as name, type, name, type, ... and nothing removed. */
    static ObjectType of(Object... nameTypePairs) {
      Map<String, FieldType> fields = new LinkedHashMap<>();
      for (int i = 0; i < nameTypePairs.length; i += 2) {
        fields.put((String) nameTypePairs[i], (FieldType) nameTypePairs[i + 1]);
      }
      return new ObjectType(fields, Map.of());
    }

    /** The same message with a removed field and the advice that replaces it. */
    ObjectType removing(String field, String advice) {
      Map<String, String> r = new LinkedHashMap<>(removed);
      r.put(field, advice);
      return new ObjectType(fields, r);
    }

    /** Known field names, in declaration order. */
    List<String> names() {
      return List.copyOf(fields.keySet());
    }
  }

  /** Describes the type for a message ("a list", "a mapping", or the scalar's description). */
  static String describe(FieldType type) {
    if (type instanceof Scalar s) {
      return s.description();
    }
    if (type instanceof OneOf o) {
      return "one of " + String.join(", ", o.values());
    }
    if (type instanceof ListOf l) {
      return l.item() instanceof ObjectType ? "a list of mappings" : "a list";
    }
    return "a mapping";
  }
}
