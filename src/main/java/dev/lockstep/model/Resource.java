package dev.lockstep.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One parsed document of a known kind, immutable.
 *
 * <p>{@code document} is the whole YAML document as plain Java values (String, Long, Double,
 * Boolean, null, List, Map with insertion order), deeply frozen by the parser. {@code positions}
 * maps field paths such as {@code spec.agents.schedules.regular[2].start_hour} to where they stand,
 * so any later step (a Teleport rule, a policy, an apply error) can name the file and line. {@code
 * wellFormed} is false when the parser reported a shape error (unknown field, wrong type, duplicate
 * key): typed views then describe the document only partly, and rules that need the full shape skip
 * it. {@code misspelt} holds the field paths the document meant to set but misspelt (the parser
 * reported the unknown key with a "did you mean"): a finding that such a field is missing would
 * only repeat that one, so validators skip it ({@link #isMisspelt}).
 */
public record Resource(
    ResourceKind kind,
    String name,
    Map<String, Object> document,
    SourceLocation origin,
    Map<String, SourceLocation> positions,
    boolean wellFormed,
    Set<String> misspelt) {

  public Resource {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(origin, "origin");
    // insertion order is kept (messages and renderings follow the file); nested values are frozen
    // by the parser (Frozen.deepCopy)
    document =
        Collections.unmodifiableMap(
            new LinkedHashMap<>(Objects.requireNonNull(document, "document")));
    positions = Map.copyOf(Objects.requireNonNull(positions, "positions"));
    misspelt = Set.copyOf(Objects.requireNonNull(misspelt, "misspelt"));
  }

  /** A resource without misspelt fields. */
  public Resource(
      ResourceKind kind,
      String name,
      Map<String, Object> document,
      SourceLocation origin,
      Map<String, SourceLocation> positions,
      boolean wellFormed) {
    this(kind, name, document, origin, positions, wellFormed, Set.of());
  }

  /**
   * True when {@code path} is, or lies under, a field the document misspelt (see the class
   * comment): whatever is said about it being absent is explained by the misspelling.
   */
  public boolean isMisspelt(String path) {
    for (String m : misspelt) {
      if (path.equals(m) || path.startsWith(m + ".") || path.startsWith(m + "[")) {
        return true;
      }
    }
    return false;
  }

  /** The cluster identity of this resource. */
  public ResourceId id() {
    return new ResourceId(kind, name);
  }

  /** The {@code spec} block, or an empty map. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> spec() {
    Object spec = document.get("spec");
    return spec instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  /**
   * The value at a field path ({@code spec.agents.schedules.regular[0].name}), empty when any part
   * of the path is absent or not of the shape the path implies.
   */
  public Optional<Object> at(String path) {
    Object current = document;
    for (String segment : FieldPath.segments(path)) {
      if (segment.startsWith("[")) {
        int index = Integer.parseInt(segment.substring(1, segment.length() - 1));
        if (!(current instanceof List<?> list) || index >= list.size()) {
          return Optional.empty();
        }
        current = list.get(index);
      } else {
        if (!(current instanceof Map<?, ?> map)) {
          return Optional.empty();
        }
        current = map.get(segment);
      }
      if (current == null) {
        return Optional.empty();
      }
    }
    return Optional.of(current);
  }

  /**
   * The most specific known location for a field path: the path itself, else its nearest parent
   * that has a position, else the start of the document.
   */
  public SourceLocation locate(String path) {
    return locate(positions, origin, path);
  }

  /**
   * {@link #locate(String)} over any positions: also for documents that are not resources (policy
   * files, channel files).
   */
  public static SourceLocation locate(
      Map<String, SourceLocation> positions, SourceLocation origin, String path) {
    String p = path;
    while (p != null && !p.isEmpty()) {
      SourceLocation loc = positions.get(p);
      if (loc != null) {
        return loc;
      }
      p = FieldPath.parent(p);
    }
    return origin;
  }

  /** The repository-relative file this document came from. */
  public String file() {
    return origin.file();
  }
}
