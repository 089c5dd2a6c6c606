package dev.lockstep.rollout;

/**
 * The agents mode of {@code autoupdate_config} and {@code autoupdate_version} (teleport-semantics
 * §4). Declaration order is Teleport's code order ({@code disabled}=0 &lt; {@code suspended}=1 &lt;
 * {@code enabled}=2): the effective mode is the lower of the two.
 */
public enum AgentMode {
  /** Agents are told the target version but never to update. */
  DISABLED("disabled"),
  /** Agents are told their group's version but never to update. */
  SUSPENDED("suspended"),
  /** Agents update as their group allows. */
  ENABLED("enabled");

  private final String label;

  AgentMode(String label) {
    this.label = label;
  }

  /** The value written in the resources. */
  public String label() {
    return label;
  }

  /** The mode for a resource value; throws for anything else, including "". */
  public static AgentMode parse(String value) {
    for (AgentMode m : values()) {
      if (m.label.equals(value)) {
        return m;
      }
    }
    throw new RolloutException("unsupported agents mode: \"" + value + "\"");
  }

  /**
   * {@code getMode}: the lower of the config mode and the version mode. An empty config mode (no
   * config, or a config without {@code agents}) counts as {@code enabled}; an empty version mode is
   * an error (teleport-semantics §4).
   */
  public static AgentMode effective(String configMode, String versionMode) {
    if (versionMode == null || versionMode.isEmpty()) {
      throw new RolloutException("version mode empty");
    }
    AgentMode v = parse(versionMode);
    AgentMode c = configMode == null || configMode.isEmpty() ? ENABLED : parse(configMode);
    return c.compareTo(v) <= 0 ? c : v;
  }
}
