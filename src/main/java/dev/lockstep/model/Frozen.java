package dev.lockstep.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Deep, order-keeping immutable copies of plain YAML/JSON-like values (maps, lists, scalars). */
public final class Frozen {
  private Frozen() {}

  /** A deep immutable copy; maps keep insertion order and may hold null values. */
  public static Object deepCopy(Object value) {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> copy = new LinkedHashMap<>();
      m.forEach((k, v) -> copy.put(String.valueOf(k), deepCopy(v)));
      return Collections.unmodifiableMap(copy);
    }
    if (value instanceof List<?> l) {
      List<Object> copy = new ArrayList<>(l.size());
      l.forEach(v -> copy.add(deepCopy(v)));
      return Collections.unmodifiableList(copy);
    }
    return value;
  }

  /** {@link #deepCopy} of a map. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(Map<String, ?> value) {
    return (Map<String, Object>) deepCopy(value);
  }
}
