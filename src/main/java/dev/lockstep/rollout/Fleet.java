package dev.lockstep.rollout;

import java.util.List;
import java.util.function.Predicate;

/**
 * What the controller observes of the agents at one instant: the stored agent reports and the Auth
 * server's inventory (for canaries). A value handed in by the caller, like {@code now}: the live
 * loop reads it from the cluster, the simulator derives it from its agent model.
 */
public interface Fleet {

  /** No agents, no reports. */
  Fleet NONE =
      new Fleet() {
        @Override
        public List<AgentReport> reports() {
          return List.of();
        }

        @Override
        public List<Canary> canaryCandidates(Predicate<String> memberOf) {
          return List.of();
        }

        @Override
        public boolean runsVersion(String hostId, String version) {
          return false;
        }
      };

  /** Every stored report, fresh or not (the controller keeps the fresh ones). */
  List<AgentReport> reports();

  /**
   * Agents eligible as canaries whose update group satisfies {@code memberOf}, in sampling order,
   * each with {@code success=false} (teleport-semantics §7 sampling rules apply on the caller's
   * side).
   */
  List<Canary> canaryCandidates(Predicate<String> memberOf);

  /**
   * True when the connected agent {@code hostId} reports running {@code version} (semver equality).
   */
  boolean runsVersion(String hostId, String version);
}
