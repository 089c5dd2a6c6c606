package dev.lockstep.parse;

import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads the YAML files Lockstep writes for itself (status files, its data-folder record) as plain
 * maps, lists and scalars with the YAML core schema. Not for repository files: those go through
 * {@link RepositoryParser}, which keeps positions and tctl's reading rules.
 */
public final class DataYaml {
  /** The largest text read, in code points. */
  static final int LIMIT = 8 << 20;

  private DataYaml() {}

  /**
   * The root map of {@code text} when it is a YAML document whose {@code kind} is {@code kind};
   * empty when it is not valid YAML, not a map or of another kind. Never throws.
   */
  public static Optional<Map<?, ?>> document(String text, String kind) {
    Object doc;
    try {
      doc =
          new Load(
                  LoadSettings.builder()
                      .setSchema(new CoreSchema())
                      .setCodePointLimit(LIMIT)
                      .build())
              .loadFromString(text);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    return doc instanceof Map<?, ?> root && kind.equals(root.get("kind"))
        ? Optional.of(root)
        : Optional.empty();
  }
}
