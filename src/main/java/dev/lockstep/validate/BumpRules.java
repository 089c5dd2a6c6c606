package dev.lockstep.validate;

import dev.lockstep.finding.Finding;
import dev.lockstep.finding.Rule;
import dev.lockstep.finding.Severity;
import dev.lockstep.model.BumpPolicy;
import dev.lockstep.model.ClusterSource;
import dev.lockstep.model.DesiredState;
import dev.lockstep.model.Resource;
import dev.lockstep.model.Values;
import java.util.List;
import java.util.Map;

/**
 * The {@code spec.bump} policy of {@code cluster.yaml} and of the repository defaults ({@code
 * clusters/_defaults/cluster.yaml}): durations that read, a {@code follow} Lockstep knows, a {@code
 * promote_from} that names another cluster of the repository. Lockstep's own format (not
 * Teleport's): {@code lockstep bump} reads these fields. Pure.
 */
public final class BumpRules {
  private BumpRules() {}

  /** Our own format. */
  public static final Rule DURATION =
      new Rule(
          "bump/duration",
          Severity.ERROR,
          "spec.bump minimum_release_age (major, minor, patch) and promotion_soak must be durations such as 14d, 48h or 1d12h.");

  /** Our own format. */
  public static final Rule FOLLOW =
      new Rule("bump/follow", Severity.ERROR, "spec.bump.follow must be cloud-stable (or absent).");

  /** Our own format. */
  public static final Rule PROMOTE_FROM =
      new Rule(
          "bump/promote-from",
          Severity.ERROR,
          "spec.bump.promote_from must name another cluster of the repository.");

  /** Our own format. */
  public static final Rule DEFAULTS_ONLY_BUMP =
      new Rule(
          "bump/defaults-only-bump",
          Severity.WARNING,
          "clusters/_defaults/cluster.yaml sets a field other than spec.bump; only spec.bump is inherited, the rest is ignored.");

  /** Every rule of this class. */
  public static final List<Rule> ALL = List.of(DURATION, FOLLOW, PROMOTE_FROM, DEFAULTS_ONLY_BUMP);

  private static final List<String> DURATIONS =
      List.of(
          "minimum_release_age.major",
          "minimum_release_age.minor",
          "minimum_release_age.patch",
          "promotion_soak");

  /** Every finding of these rules in the revision. */
  static List<Finding> check(DesiredState state) {
    FindingList out = new FindingList();
    state
        .clusterDefaults()
        .ifPresent(
            d -> {
              checkBlock(d, state, null, out);
              d.spec().keySet().stream()
                  .filter(k -> !k.equals(BumpPolicy.KEY))
                  .forEach(
                      k ->
                          out.add(
                              DEFAULTS_ONLY_BUMP,
                              d,
                              "spec." + k,
                              "spec."
                                  + k
                                  + " in the repository defaults is ignored: only spec.bump is"
                                  + " inherited; set it in each cluster's cluster.yaml"));
            });
    for (ClusterSource c : state.clusters()) {
      if (c.descriptor() != null) {
        checkBlock(c.descriptor(), state, c.name(), out);
      }
    }
    return out.items();
  }

  private static void checkBlock(
      Resource descriptor, DesiredState state, String cluster, FindingList out) {
    Map<String, Object> bump = Values.map(descriptor.spec(), BumpPolicy.KEY);
    if (bump == null) {
      return;
    }
    for (String field : DURATIONS) {
      Object value = descriptor.at("spec.bump." + field).orElse(null);
      if (value instanceof String s && BumpPolicy.parseAge(s).isEmpty()) {
        out.add(
            DURATION,
            descriptor,
            "spec.bump." + field,
            "spec.bump."
                + field
                + " is \""
                + s
                + "\"; write a duration that is not negative, such as 14d, 48h, 1d12h or 0");
      }
    }
    String follow = Values.string(bump, "follow");
    if (bump.containsKey("follow") && !follow.equals(BumpPolicy.CLOUD_STABLE)) {
      out.add(
          FOLLOW,
          descriptor,
          "spec.bump.follow",
          "spec.bump.follow is \""
              + follow
              + "\"; the only value is cloud-stable (never above Teleport Cloud's version of a"
              + " major); remove the field to follow releases alone");
    }
    String promote = Values.string(bump, "promote_from");
    if (!promote.isEmpty()) {
      if (promote.equals(cluster)) {
        out.add(
            PROMOTE_FROM,
            descriptor,
            "spec.bump.promote_from",
            "spec.bump.promote_from names this cluster itself; name the cluster that runs a"
                + " version first (e.g. staging)");
      } else if (state.cluster(promote).isEmpty()) {
        out.add(
            PROMOTE_FROM,
            descriptor,
            "spec.bump.promote_from",
            "spec.bump.promote_from is \""
                + promote
                + "\", which is not a cluster of this repository (clusters: "
                + String.join(", ", state.clusters().stream().map(ClusterSource::name).toList())
                + ")");
      }
    }
  }
}
