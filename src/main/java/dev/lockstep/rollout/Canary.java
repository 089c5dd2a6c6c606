package dev.lockstep.rollout;

import java.util.Objects;

/**
 * One sampled canary of a group (teleport-semantics §7 "Canary selection and verification").
 *
 * @param updaterId the agent updater's UUID; {@code /webapi/find} tells it the target version
 * @param hostId the agent's server ID, looked up in the inventory to verify it
 * @param hostname for humans
 * @param success true once the agent ran the target version; never reset
 */
public record Canary(String updaterId, String hostId, String hostname, boolean success) {
  public Canary {
    Objects.requireNonNull(updaterId, "updaterId");
    Objects.requireNonNull(hostId, "hostId");
    Objects.requireNonNull(hostname, "hostname");
  }

  /** This canary, verified. */
  public Canary succeeded() {
    return success ? this : new Canary(updaterId, hostId, hostname, true);
  }
}
