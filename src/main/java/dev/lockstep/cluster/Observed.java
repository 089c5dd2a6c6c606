package dev.lockstep.cluster;

import dev.lockstep.model.Frozen;
import dev.lockstep.model.Resource;
import dev.lockstep.model.ResourceId;
import dev.lockstep.model.SourceLocation;
import dev.lockstep.model.Values;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds {@link Resource}s for what a target read from the cluster. */
final class Observed {
  private Observed() {}

  /**
   * A live resource as a Teleport document ({@code kind}, {@code version}, {@code metadata.name},
   * {@code spec}); its origin names where it was read (e.g. {@code tctl:autoupdate_config}).
   */
  static Resource resource(ResourceId id, Map<String, Object> spec, String where) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("kind", id.kind().kind());
    doc.put("version", "v1");
    doc.put("metadata", Map.of("name", id.name()));
    doc.put("spec", spec == null ? Map.of() : spec);
    return new Resource(
        id.kind(), id.name(), Frozen.map(doc), SourceLocation.ofFile(where), Map.of(), true);
  }

  /**
   * The document a target writes for a desired resource, as {@code tctl create} takes it: {@code
   * kind}, {@code version: v1}, {@code metadata} (name and the labels from Git) and the spec in
   * Teleport's stored form.
   */
  static Map<String, Object> document(Resource desired) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("kind", desired.kind().kind());
    doc.put("version", "v1");
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", desired.name());
    Map<String, Object> gitMetadata = Values.map(desired.document(), "metadata");
    if (gitMetadata != null
        && gitMetadata.get("labels") instanceof Map<?, ?> labels
        && !labels.isEmpty()) {
      metadata.put("labels", labels);
    }
    doc.put("metadata", metadata);
    doc.put("spec", SpecDiff.canonical(desired.spec()));
    return doc;
  }
}
