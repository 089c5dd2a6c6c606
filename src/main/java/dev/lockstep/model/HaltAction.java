package dev.lockstep.model;

import java.util.Optional;

/** What a failing health check asks for once it has failed long enough ({@code spec.halt}). */
public enum HaltAction {
  /** Halt the rollout: set the agents mode to {@code suspended}. */
  SUSPEND("suspend"),
  /** Tell people, change nothing. */
  NOTIFY("notify");

  private final String label;

  HaltAction(String label) {
    this.label = label;
  }

  /** The value written in {@code cluster.yaml}. */
  public String label() {
    return label;
  }

  /** The action for a {@code cluster.yaml} value; empty for anything else. */
  public static Optional<HaltAction> parse(String value) {
    for (HaltAction a : values()) {
      if (a.label.equals(value)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
