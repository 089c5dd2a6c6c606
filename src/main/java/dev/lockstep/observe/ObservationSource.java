package dev.lockstep.observe;

/** How a rollout was observed, which decides what an observation can hold. */
public enum ObservationSource {
  /** {@code tctl get}: the rollout resource and the agent reports, in full. */
  TCTL("tctl"),
  /**
   * The Proxy's unauthenticated {@code /webapi/find?group=<g>} per group (teleport-semantics §11):
   * what each group is told now, but no rollout state, counts or reports. A degraded observation:
   * health checks that need counts are blind on it.
   */
  PROXY_FIND("proxy-find");

  private final String label;

  ObservationSource(String label) {
    this.label = label;
  }

  /** The name in output and the status file: {@code tctl}, {@code proxy-find}. */
  public String label() {
    return label;
  }
}
