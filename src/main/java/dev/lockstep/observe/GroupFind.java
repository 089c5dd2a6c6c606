package dev.lockstep.observe;

import java.util.Objects;

/**
 * What the Proxy's {@code /webapi/find?group=<group>} tells the agents of a group now
 * (teleport-semantics §11.1): the degraded observation of a target without credentials.
 *
 * @param group the update group asked about
 * @param agentVersion {@code auto_update.agent_version}
 * @param agentAutoUpdate {@code auto_update.agent_auto_update}: whether its agents update now
 */
public record GroupFind(String group, String agentVersion, boolean agentAutoUpdate) {
  public GroupFind {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(agentVersion, "agentVersion");
  }
}
