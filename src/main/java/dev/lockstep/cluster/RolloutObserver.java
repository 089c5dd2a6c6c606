package dev.lockstep.cluster;

import dev.lockstep.observe.GroupFind;
import dev.lockstep.observe.Observation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a target that cannot read the rollout itself (the Kubernetes operator has no CRD for it,
 * teleport-semantics §14) observes it: with {@code tctl} and a Machine ID identity, or, without
 * credentials, through the Proxy's {@code /webapi/find?group=<g>} (a degraded observation).
 */
@FunctionalInterface
public interface RolloutObserver {

  /**
   * Observes the rollout at {@code at}.
   *
   * @param groups the update groups the schedule names, in order
   * @throws TargetException when the cluster cannot be read
   */
  Observation observe(Instant at, List<String> groups) throws TargetException;

  /** Through tctl: the rollout and the agent reports in full. */
  static RolloutObserver tctl(TctlTarget tctl) {
    Objects.requireNonNull(tctl, "tctl");
    return (at, groups) -> tctl.observeRollout(at, groups).orElseThrow();
  }

  /**
   * Through the Proxy without credentials: what {@code /webapi/find?group=<g>} answers for each
   * group (teleport-semantics §11), or for no group (the catch-all answer) when the schedule names
   * none. No rollout state, counts or reports: health checks are blind on it.
   */
  static RolloutObserver proxyFind(ProxyClient proxy) {
    Objects.requireNonNull(proxy, "proxy");
    return (at, groups) -> {
      List<GroupFind> finds = new ArrayList<>();
      List<Optional<String>> asks =
          groups.isEmpty() ? List.of(Optional.empty()) : groups.stream().map(Optional::of).toList();
      for (Optional<String> group : asks) {
        ProxyClient.Find find;
        try {
          find = proxy.find(group);
        } catch (ProxyException e) {
          throw new TargetException(TargetException.Reason.UNREACHABLE, e.getMessage(), e);
        }
        finds.add(
            new GroupFind(
                group.orElse(""),
                find.autoUpdate().map(ProxyClient.AutoUpdate::agentVersion).orElse(""),
                find.autoUpdate().map(ProxyClient.AutoUpdate::agentAutoUpdate).orElse(false)));
      }
      return Observation.ofFinds(at, finds);
    };
  }
}
