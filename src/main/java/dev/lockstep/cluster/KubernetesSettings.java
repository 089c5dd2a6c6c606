package dev.lockstep.cluster;

import java.time.Duration;
import java.util.Objects;

/**
 * Where and how the Kubernetes target writes the operator's custom resources.
 *
 * @param namespace the namespace the Teleport operator watches
 * @param reconcileTimeout how long to wait for the operator to report on a write
 * @param pollInterval how often to read the CR's status while waiting
 * @param settle how long the CR must stay unchanged before a condition without {@code
 *     observedGeneration} is trusted (see {@link KubernetesTarget})
 */
public record KubernetesSettings(
    String namespace, Duration reconcileTimeout, Duration pollInterval, Duration settle) {

  public KubernetesSettings {
    Objects.requireNonNull(namespace, "namespace");
    if (namespace.isBlank()) {
      throw new IllegalArgumentException("the namespace must not be empty");
    }
    requirePositive(reconcileTimeout, "reconcileTimeout");
    requirePositive(pollInterval, "pollInterval");
    Objects.requireNonNull(settle, "settle");
  }

  /** Defaults: wait up to 2 minutes, poll every 500 ms, settle 1 s. */
  public static KubernetesSettings of(String namespace) {
    return new KubernetesSettings(
        namespace, Duration.ofMinutes(2), Duration.ofMillis(500), Duration.ofSeconds(1));
  }

  private static void requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
