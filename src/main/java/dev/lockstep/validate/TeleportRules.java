package dev.lockstep.validate;

import java.util.List;

/** Rules of this validation stage. */
public final class TeleportRules {
  private TeleportRules() {}

  /** Every rule of this class. */
  public static final List<Rule> ALL = List.of();
}
