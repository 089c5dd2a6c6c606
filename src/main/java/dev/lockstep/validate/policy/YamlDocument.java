package dev.lockstep.validate.policy;

import dev.lockstep.model.Frozen;
import dev.lockstep.model.Resource;
import dev.lockstep.model.ResourceKind;
import dev.lockstep.model.SourceLocation;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One YAML document read by {@link PolicyYaml}: plain values with the position of every field path.
 *
 * @param values the document (String, Long, Double, Boolean, null, List, Map), frozen
 * @param origin where the document starts
 * @param positions where each field path ({@code spec.rules[0].expression}) stands
 */
public record YamlDocument(
    Map<String, Object> values, SourceLocation origin, Map<String, SourceLocation> positions) {

  public YamlDocument {
    values = Frozen.map(Objects.requireNonNull(values, "values"));
    Objects.requireNonNull(origin, "origin");
    positions = Map.copyOf(positions);
  }

  /** The {@code kind:} value, or "". */
  public String kind() {
    return values.get("kind") instanceof String s ? s : "";
  }

  /**
   * The most specific known location of a path (the path, else a parent, else the document start).
   */
  public SourceLocation locate(String path) {
    return Resource.locate(positions, origin, path);
  }

  /** This document as a {@link Resource}, when its kind is one Lockstep reads. */
  public Optional<Resource> toResource() {
    Optional<ResourceKind> kind = ResourceKind.fromKind(kind());
    if (kind.isEmpty()) {
      return Optional.empty();
    }
    String name = "";
    if (values.get("metadata") instanceof Map<?, ?> metadata
        && metadata.get("name") instanceof String n) {
      name = n;
    }
    return Optional.of(new Resource(kind.get(), name, values, origin, positions, true));
  }
}
