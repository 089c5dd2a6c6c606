package dev.lockstep.validate;

import dev.lockstep.finding.Finding;
import dev.lockstep.finding.Findings;
import dev.lockstep.model.Channel;
import dev.lockstep.model.ClusterSource;
import dev.lockstep.model.DesiredState;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the built-in rules over a parsed revision: Teleport's own rules ({@link TeleportRules}),
 * compatibility with the control plane ({@link CompatRules}), channel rules ({@link ChannelRules})
 * and the {@code spec.bump} policy ({@link BumpRules}). Pure: reads nothing, writes nothing, never
 * throws for any parsed input.
 */
public final class Validator {

  /**
   * Every built-in finding for the revision: per cluster the Teleport and compatibility rules, per
   * channel the channel rules, and whether each followed channel matches its cluster's target.
   * Parse findings are not included (the parser returns them).
   */
  public Findings validate(DesiredState state, ValidationContext context) {
    List<Finding> all = new ArrayList<>();
    for (ClusterSource cluster : state.clusters()) {
      all.addAll(TeleportRules.check(cluster));
      all.addAll(CompatRules.check(cluster, state, context));
      all.addAll(HaltRules.check(cluster));
    }
    for (Channel channel : state.channels()) {
      all.addAll(ChannelRules.check(channel));
    }
    all.addAll(ChannelConsistency.check(state).items());
    all.addAll(BumpRules.check(state));
    return Findings.of(all);
  }
}
