package dev.lockstep.cluster;

import dev.lockstep.model.FieldPath;
import dev.lockstep.model.GoDuration;
import dev.lockstep.model.Resource;
import dev.lockstep.model.ResourceId;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Field-level comparison of a desired and an observed spec, after both are brought to the canonical
 * form Teleport stores: protobuf defaults ("" , 0, false, empty lists) are the same as absent
 * fields (protojson omits them on output), durations are protobuf JSON ({@code "3600s"},
 * teleport-semantics §2.1) and integers are numbers even where a reader produced a quoted int64.
 * Used by {@code lockstep diff}, by every target to write only what differs, and for drift
 * detection. Pure.
 */
public final class SpecDiff {
  private static final Set<String> DURATION_FIELDS = Set.of("maintenance_window_duration");
  private static final Set<String> INTEGER_FIELDS =
      Set.of("start_hour", "wait_hours", "canary_count", "utc_start_hour");

  private SpecDiff() {}

  /**
   * The diff of one resource; {@code observed} null means not present live.
   *
   * @param desired the resource from Git; must not be null
   */
  public static ResourceDiff of(Resource desired, Resource observed) {
    Objects.requireNonNull(desired, "desired");
    if (observed == null) {
      return new ResourceDiff(
          desired.id(), ChangeKind.CREATE, between(desired.spec(), Map.of()), desired.file());
    }
    List<FieldChange> fields = between(desired.spec(), observed.spec());
    return new ResourceDiff(
        desired.id(),
        fields.isEmpty() ? ChangeKind.NOOP : ChangeKind.UPDATE,
        fields,
        desired.file());
  }

  /** The diff for a live resource that is no longer in Git: every live field goes away. */
  public static ResourceDiff removal(ResourceId id, Resource observed) {
    return new ResourceDiff(id, ChangeKind.DELETE, between(Map.of(), observed.spec()), "");
  }

  /** The fields that differ between two specs, as {@code spec.}-prefixed paths in path order. */
  public static List<FieldChange> between(
      Map<String, Object> desired, Map<String, Object> observed) {
    List<FieldChange> out = new ArrayList<>();
    compare("spec", canonical(desired), canonical(observed), out);
    return List.copyOf(out);
  }

  /**
   * The canonical form of a spec: a deep, order-keeping, unmodifiable copy with defaults dropped,
   * durations as {@code "<seconds>s"} and integer fields as {@link Long}.
   */
  public static Map<String, Object> canonical(Map<String, Object> spec) {
    Object c = canonicalValue("", spec == null ? Map.of() : spec);
    return c == null ? Map.of() : asMap(c);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object o) {
    return (Map<String, Object>) o;
  }

  private static Object canonicalValue(String key, Object value) {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach(
          (k, v) -> {
            Object c = canonicalValue(String.valueOf(k), v);
            if (!isDefault(c)) {
              out.put(String.valueOf(k), c);
            }
          });
      return Collections.unmodifiableMap(out);
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      l.forEach(v -> out.add(canonicalValue(key, v)));
      return Collections.unmodifiableList(out);
    }
    if (DURATION_FIELDS.contains(key) && value instanceof String s) {
      // tctl converts Go durations; the operator CRD wants protobuf JSON (teleport-semantics §2.1)
      return GoDuration.parse(s).map(GoDuration::toProtoJson).orElse(s);
    }
    if (INTEGER_FIELDS.contains(key)) {
      Long n = asLong(value);
      if (n != null) {
        return n;
      }
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger b && b.bitLength() < 64) {
      return b.longValue();
    }
    return value;
  }

  private static Long asLong(Object value) {
    if (value instanceof Long l) {
      return l;
    }
    if (value instanceof Number n) {
      BigDecimal d = new BigDecimal(n.toString());
      try {
        return d.longValueExact();
      } catch (ArithmeticException e) {
        return null;
      }
    }
    if (value instanceof String s) {
      try {
        return Long.parseLong(s.strip());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static boolean isDefault(Object v) {
    return v == null
        || (v instanceof String s && s.isEmpty())
        || (v instanceof Long l && l == 0L)
        || (v instanceof Double d && d == 0.0)
        || (v instanceof Boolean b && !b)
        || (v instanceof List<?> l && l.isEmpty());
  }

  private static boolean expandable(Object v) {
    return v instanceof Map<?, ?>
        || (v instanceof List<?> l
            && !l.isEmpty()
            && l.stream().allMatch(e -> e instanceof Map<?, ?>));
  }

  private static void compare(String path, Object desired, Object observed, List<FieldChange> out) {
    if (Objects.equals(desired, observed)) {
      return;
    }
    // a block present on one side only is listed leaf by leaf, so a create reads field by field
    if (desired == null && expandable(observed)) {
      desired = observed instanceof Map<?, ?> ? Map.of() : List.of();
    } else if (observed == null && expandable(desired)) {
      observed = desired instanceof Map<?, ?> ? Map.of() : List.of();
    }
    if (desired instanceof Map<?, ?> d && observed instanceof Map<?, ?> o) {
      Set<String> keys = new TreeSet<>();
      d.keySet().forEach(k -> keys.add(String.valueOf(k)));
      o.keySet().forEach(k -> keys.add(String.valueOf(k)));
      for (String k : keys) {
        compare(FieldPath.child(path, k), d.get(k), o.get(k), out);
      }
      return;
    }
    if (desired instanceof List<?> d && observed instanceof List<?> o) {
      for (int i = 0; i < Math.max(d.size(), o.size()); i++) {
        compare(
            FieldPath.index(path, i),
            i < d.size() ? d.get(i) : null,
            i < o.size() ? o.get(i) : null,
            out);
      }
      return;
    }
    out.add(new FieldChange(path, desired, observed));
  }
}
