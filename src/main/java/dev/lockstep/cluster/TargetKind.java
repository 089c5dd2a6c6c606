package dev.lockstep.cluster;

import dev.lockstep.finding.Finding;
import dev.lockstep.finding.Findings;
import dev.lockstep.model.Resource;
import dev.lockstep.model.ResourceId;
import dev.lockstep.model.ResourceKind;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The kinds of {@link ClusterTarget}, with the Teleport kinds each can hold. */
public enum TargetKind {
  /** Teleport Kubernetes operator CRs (teleport-semantics §14): no cluster_maintenance_config. */
  KUBERNETES(
      "kubernetes", EnumSet.of(ResourceKind.AUTOUPDATE_CONFIG, ResourceKind.AUTOUPDATE_VERSION)),
  /** The {@code tctl} binary: every Managed Updates kind. */
  TCTL(
      "tctl",
      EnumSet.of(
          ResourceKind.CLUSTER_MAINTENANCE_CONFIG,
          ResourceKind.AUTOUPDATE_CONFIG,
          ResourceKind.AUTOUPDATE_VERSION)),
  /** YAML files in a directory, no cluster: every Managed Updates kind. */
  FILE(
      "file",
      EnumSet.of(
          ResourceKind.CLUSTER_MAINTENANCE_CONFIG,
          ResourceKind.AUTOUPDATE_CONFIG,
          ResourceKind.AUTOUPDATE_VERSION));

  private final String label;
  private final Set<ResourceKind> kinds;

  TargetKind(String label, Set<ResourceKind> kinds) {
    this.label = label;
    this.kinds = Set.copyOf(kinds);
  }

  /** The name used on the command line and in configuration. */
  public String label() {
    return label;
  }

  /** True when this target can apply resources of {@code kind}. */
  public boolean supports(ResourceKind kind) {
    return kinds.contains(kind);
  }

  /** The singleton ids this target manages, in apply order: what {@link Applier} observes. */
  public Set<ResourceId> managedIds() {
    return kinds.stream().map(ResourceId::singleton).collect(Collectors.toCollection(TreeSet::new));
  }

  /**
   * One {@link ClusterRules#UNSUPPORTED_KIND} error per desired resource this target cannot apply,
   * at the resource's location. Applying a revision with such an error applies nothing.
   */
  public Findings check(Collection<Resource> desired) {
    return Findings.of(
        desired.stream()
            .filter(r -> r.kind().isTeleport() && !supports(r.kind()))
            .map(
                r ->
                    Finding.error(
                        ClusterRules.UNSUPPORTED_KIND,
                        "the "
                            + label
                            + " target cannot apply "
                            + r.kind().kind()
                            + ": the Teleport Kubernetes operator has no custom resource for it; use --target tctl,"
                            + " or remove this file from the cluster folder",
                        r.locate("kind"),
                        "kind"))
            .toList());
  }

  /**
   * The kind for a label, exactly as written.
   *
   * @throws IllegalArgumentException naming the accepted labels; there is no fallback
   */
  public static TargetKind fromLabel(String label) {
    return Arrays.stream(values())
        .filter(k -> k.label.equals(label))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown target \"" + label + "\" (expected kubernetes, tctl or file)"));
  }
}
