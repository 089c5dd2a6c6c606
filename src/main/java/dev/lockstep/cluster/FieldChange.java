package dev.lockstep.cluster;

import java.util.Objects;

/**
 * One field that differs between the desired (Git) and the observed (live) resource.
 *
 * @param path field path such as {@code spec.agents.schedules.regular[0].start_hour}
 * @param desired the value Git asks for, or null when Git leaves the field unset
 * @param observed the live value, or null when the field is unset live
 */
public record FieldChange(String path, Object desired, Object observed) {
  public FieldChange {
    Objects.requireNonNull(path, "path");
  }
}
