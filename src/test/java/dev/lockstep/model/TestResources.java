package dev.lockstep.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds {@link Resource}s from Java maps for tests that do not need the YAML parser. Positions are
 * empty, so every field locates at {@code file:1:1}.
 */
public final class TestResources {
  private TestResources() {}

  /** A resource of {@code kind} with the given spec, named as Teleport requires. */
  public static Resource of(ResourceKind kind, Map<String, Object> spec) {
    return of(kind, spec, kind.kind() + ".yaml");
  }

  /** A resource of {@code kind} with the given spec, from {@code file}. */
  public static Resource of(ResourceKind kind, Map<String, Object> spec, String file) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("kind", kind.kind());
    doc.put("version", "v1");
    String name = kind.singletonName() == null ? "test" : kind.singletonName();
    doc.put("metadata", Map.of("name", name));
    doc.put("spec", spec);
    return new Resource(
        kind, name, Frozen.map(doc), new SourceLocation(file, 1, 1), Map.of(), true);
  }

  /** Shorthand for an ordered map: {@code map("a", 1L, "b", "x")}. */
  public static Map<String, Object> map(Object... keyValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put((String) keyValues[i], keyValues[i + 1]);
    }
    return m;
  }

  /** Shorthand for a list. */
  public static List<Object> list(Object... items) {
    return List.of(items);
  }
}
