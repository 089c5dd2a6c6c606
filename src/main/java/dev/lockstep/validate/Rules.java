package dev.lockstep.validate;

import dev.lockstep.finding.Rule;
import dev.lockstep.parse.ParseRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Every built-in rule, for {@code lockstep rules} and the README. Each stage keeps its own rules in
 * one class ({@code ParseRules}, {@code TeleportRules}, {@code CompatRules}, ...); this catalog
 * only lists them.
 */
public final class Rules {
  private Rules() {}

  /**
   * All built-in rules, sorted by id. Policy rules ({@code policy/...}) are user-defined and not
   * listed.
   */
  public static List<Rule> all() {
    List<Rule> all = new ArrayList<>();
    all.addAll(ParseRules.ALL);
    all.addAll(TeleportRules.ALL);
    all.addAll(CompatRules.ALL);
    all.addAll(ChannelRules.ALL);
    all.addAll(ChannelConsistency.ALL);
    all.addAll(TargetRules.ALL);
    all.addAll(BaseRules.ALL);
    all.addAll(HaltRules.ALL);
    all.addAll(BumpRules.ALL);
    all.addAll(dev.lockstep.validate.policy.PolicyRules.ALL);
    all.sort(Comparator.comparing(Rule::id));
    return List.copyOf(all);
  }

  /** The rule with that id. */
  public static Optional<Rule> byId(String id) {
    return all().stream().filter(r -> r.id().equals(id)).findFirst();
  }
}
