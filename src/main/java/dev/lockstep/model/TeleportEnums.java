package dev.lockstep.model;

import java.util.List;

/**
 * The closed sets of text values Teleport accepts in its autoupdate resources, in the order its
 * messages list them. One source for the parser (which names them in its hints) and the validator
 * (which enforces them).
 */
public final class TeleportEnums {
  private TeleportEnums() {}

  /** {@code autoupdate_config spec.tools.mode} (teleport-semantics §2.2 step 2). */
  public static final List<String> TOOLS_MODES = List.of("enabled", "disabled");

  /** {@code spec.agents.mode} of both autoupdate kinds (teleport-semantics §2.2, §3.2). */
  public static final List<String> AGENT_MODES = List.of("enabled", "disabled", "suspended");

  /** {@code autoupdate_config spec.agents.strategy} (teleport-semantics §2.2 step 3.2). */
  public static final List<String> STRATEGIES = List.of("halt-on-error", "time-based");

  /** {@code autoupdate_version spec.agents.schedule} (teleport-semantics §3.2). */
  public static final List<String> SCHEDULES = List.of("regular", "immediate");

  /** The resource {@code version} of every Teleport kind Lockstep manages (§1, §12). */
  public static final List<String> RESOURCE_VERSIONS = List.of("v1");
}
