package dev.lockstep.validate;

import java.util.List;

/** Rules of this validation stage. */
public final class CompatRules {
  private CompatRules() {}

  /** Every rule of this class. */
  public static final List<Rule> ALL = List.of();
}
