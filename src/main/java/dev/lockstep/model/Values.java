package dev.lockstep.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads plain YAML values with protobuf defaults (a missing string is "", a missing number 0), the
 * way Teleport sees a document after unmarshalling. Values of the wrong type read as the default:
 * the parser has already reported them.
 */
public final class Values {
  private Values() {}

  /** The nested map at {@code key}, or null when absent (an absent protobuf message). */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(Map<String, Object> m, String key) {
    Object v = m == null ? null : m.get(key);
    return v instanceof Map<?, ?> ? (Map<String, Object>) v : null;
  }

  /** The string at {@code key}, or "" (protobuf default). */
  public static String string(Map<String, Object> m, String key) {
    Object v = m == null ? null : m.get(key);
    return v instanceof String s ? s : "";
  }

  /** The integer at {@code key} (a YAML int or a quoted decimal, as protojson accepts), or 0. */
  public static long integer(Map<String, Object> m, String key) {
    Object v = m == null ? null : m.get(key);
    if (v instanceof Long l) {
      return l;
    }
    if (v instanceof String s) {
      try {
        return Long.parseLong(s.strip());
      } catch (NumberFormatException e) {
        return 0;
      }
    }
    return 0;
  }

  /** The boolean at {@code key}, or false. */
  public static boolean bool(Map<String, Object> m, String key) {
    Object v = m == null ? null : m.get(key);
    return v instanceof Boolean b && b;
  }

  /** The list of strings at {@code key} (non-strings skipped), or an empty list. */
  public static List<String> strings(Map<String, Object> m, String key) {
    Object v = m == null ? null : m.get(key);
    List<String> out = new ArrayList<>();
    if (v instanceof List<?> l) {
      for (Object o : l) {
        if (o instanceof String s) {
          out.add(s);
        }
      }
    }
    return List.copyOf(out);
  }

  /** The list of maps at {@code key} (non-maps read as empty maps), or an empty list. */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> maps(Map<String, Object> m, String key) {
    Object v = m == null ? null : m.get(key);
    List<Map<String, Object>> out = new ArrayList<>();
    if (v instanceof List<?> l) {
      for (Object o : l) {
        out.add(o instanceof Map<?, ?> mm ? (Map<String, Object>) mm : Map.of());
      }
    }
    return out;
  }
}
