package dev.lockstep.finding;

import java.util.Locale;

/** How serious a finding is. Declaration order is precedence: {@code ERROR} is the most severe. */
public enum Severity {
  /**
   * Teleport would reject it, or applying it breaks a rule: nothing from the revision is applied.
   */
  ERROR,
  /** Accepted, but surprising or risky; fails CI only with {@code --fail-on warning}. */
  WARNING,
  /** For information; never fails anything. */
  INFO;

  /**
   * Lower-case name as written in reports and policy files: {@code error}, {@code warning}, {@code
   * info}.
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True when this severity is at least as serious as {@code threshold}. */
  public boolean atLeast(Severity threshold) {
    return compareTo(threshold) <= 0;
  }

  /** Parses a label; no fallback for unknown input. */
  public static Severity fromLabel(String label) {
    for (Severity s : values()) {
      if (s.label().equals(label)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown severity \"" + label + "\" (expected error, warning or info)");
  }
}
