package dev.lockstep.source;

import java.util.Locale;

/** Which commits must carry a trusted signature before anything from them is used. */
public enum VerifyMode {
  /** Signatures are not checked. */
  NONE,
  /**
   * The commit at the head of the followed ref must be signed by a trusted key (as Flux's {@code
   * verify.mode: head}).
   */
  HEAD;

  /** Lower-case name as written in configuration. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code none} or {@code head}; no fallback for unknown input. */
  public static VerifyMode fromLabel(String label) {
    for (VerifyMode m : values()) {
      if (m.label().equals(label)) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "unknown verify mode \"" + label + "\" (expected none or head)");
  }
}
