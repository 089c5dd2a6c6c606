package dev.lockstep.edit;

import dev.lockstep.model.FieldPath;
import java.util.Objects;

/**
 * One scalar to set in a YAML file.
 *
 * @param document the document's index in the file, 0 for the first (every document counts, empty
 *     ones included, in the order of the {@code ---} separators)
 * @param path a field path in {@link FieldPath} syntax, e.g. {@code spec.agents.target_version} or
 *     {@code spec.agents.schedules.regular[1].name}
 * @param value the new value as it must read back (plain text, no quotes)
 */
public record ScalarEdit(int document, String path, String value) {
  public ScalarEdit {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(value, "value");
    if (document < 0) {
      throw new IllegalArgumentException("document index cannot be negative");
    }
    if (path.isEmpty()) {
      throw new IllegalArgumentException("the path of an edit cannot be empty");
    }
  }
}
