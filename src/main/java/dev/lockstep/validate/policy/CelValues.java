package dev.lockstep.validate.policy;

import dev.cel.common.values.NullValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts parsed YAML values to what the CEL runtime accepts: integers as {@code Long}, null as
 * CEL's {@code NullValue} (a Java null inside a map is not a CEL value), maps and lists kept in
 * order.
 */
final class CelValues {
  private CelValues() {}

  /** A converted copy of a document. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Map<String, ?> value) {
    return (Map<String, Object>) convert(value);
  }

  /** A converted copy of any value. */
  static Object convert(Object value) {
    if (value == null) {
      return NullValue.NULL_VALUE;
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), convert(v)));
      return Collections.unmodifiableMap(out);
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      l.forEach(v -> out.add(convert(v)));
      return Collections.unmodifiableList(out);
    }
    if (value instanceof Integer i) {
      return i.longValue();
    }
    if (value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float f) {
      return f.doubleValue();
    }
    return value;
  }
}
