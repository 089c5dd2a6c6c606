package dev.lockstep.model;

import java.util.Objects;

/**
 * A release channel from {@code channels/<name>/version} and {@code channels/<name>/critical}
 * (teleport-semantics §13.1). Contents are kept as written, trimmed of surrounding white space; a
 * missing file is null with a null location.
 *
 * @param name the channel name, slashes allowed ({@code stable/rolling})
 * @param version the {@code version} file's trimmed content, or null
 * @param versionLocation where the version file is, or null
 * @param critical the {@code critical} file's trimmed content, or null
 * @param criticalLocation where the critical file is, or null
 */
public record Channel(
    String name,
    String version,
    SourceLocation versionLocation,
    String critical,
    SourceLocation criticalLocation) {

  public Channel {
    Objects.requireNonNull(name, "name");
  }

  /**
   * The version served, as Teleport's clients read it; empty for {@code none} or an invalid one.
   */
  public java.util.Optional<Version> parsedVersion() {
    if (version == null || "none".equals(version)) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(Version.parseLenient(version));
    } catch (InvalidVersionException e) {
      return java.util.Optional.empty();
    }
  }

  /** True when {@code critical} says yes or true, case-insensitively (teleport-semantics §13.1). */
  public boolean isCritical() {
    return critical != null
        && (critical.equalsIgnoreCase("yes") || critical.equalsIgnoreCase("true"));
  }
}
