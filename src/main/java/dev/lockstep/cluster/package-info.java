/**
 * Cluster targets: the one seam through which Lockstep reads and writes a Teleport cluster ({@link
 * dev.lockstep.cluster.ClusterTarget}, implemented by the Kubernetes operator CRs, tctl and a
 * directory of YAML files), the apply semantics over it ({@link dev.lockstep.cluster.Applier}), the
 * field-level diff used by {@code lockstep diff} and drift detection, and the Proxy client that
 * reads {@code /webapi/find}. Plain Java: no Quarkus, CDI or JAX-RS.
 */
package dev.lockstep.cluster;
