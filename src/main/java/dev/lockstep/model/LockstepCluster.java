package dev.lockstep.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Typed view of Lockstep's own {@code lockstep_cluster} document (docs/repository-format.md, "What
 * Lockstep reads").
 *
 * @param name the cluster's name ({@code metadata.name}, else its folder name)
 * @param proxy Proxy address ({@code host:port}) to read {@code /webapi/find} from; "" when unset
 * @param authVersion the declared control-plane version; "" when unset
 * @param cloud true when Teleport Cloud limits apply (teleport-semantics §2.4)
 * @param channels the release channels this cluster's agents follow
 * @param halt the rollout health checks ({@code spec.halt}), defaults when absent
 */
public record LockstepCluster(
    String name,
    String proxy,
    String authVersion,
    boolean cloud,
    List<String> channels,
    HaltSpec halt) {

  public LockstepCluster {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(proxy, "proxy");
    Objects.requireNonNull(authVersion, "authVersion");
    channels = List.copyOf(channels);
    Objects.requireNonNull(halt, "halt");
  }

  /** Reads the view from a parsed {@code lockstep_cluster}. */
  public static LockstepCluster from(Resource r) {
    Map<String, Object> spec = r.spec();
    return new LockstepCluster(
        r.name(),
        Values.string(spec, "proxy"),
        Values.string(spec, "auth_version"),
        Values.bool(spec, "cloud"),
        Values.strings(spec, "channels"),
        HaltSpec.from(Values.map(spec, "halt")));
  }
}
