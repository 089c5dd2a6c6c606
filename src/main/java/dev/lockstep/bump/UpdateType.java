package dev.lockstep.bump;

import dev.lockstep.model.BumpPolicy;
import dev.lockstep.model.Version;
import java.time.Duration;

/** How far a release is from the current version; each type has its own minimum release age. */
public enum UpdateType {
  /** A newer major. */
  MAJOR,
  /** A newer minor of the same major. */
  MINOR,
  /** A newer patch of the same minor. */
  PATCH;

  /** The type of moving from {@code current} to {@code release}. */
  public static UpdateType of(Version current, Version release) {
    if (release.major() != current.major()) {
      return MAJOR;
    }
    return release.minor() != current.minor() ? MINOR : PATCH;
  }

  /** The policy's minimum release age for this type. */
  public Duration age(BumpPolicy policy) {
    return switch (this) {
      case MAJOR -> policy.majorAge();
      case MINOR -> policy.minorAge();
      case PATCH -> policy.patchAge();
    };
  }

  /** {@code major}, {@code minor}, {@code patch}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
