package dev.lockstep.validate;

import dev.lockstep.finding.Finding;
import dev.lockstep.finding.Findings;
import dev.lockstep.finding.Rule;
import dev.lockstep.finding.Severity;
import dev.lockstep.model.ClusterSource;
import dev.lockstep.model.DesiredState;
import dev.lockstep.model.Resource;
import dev.lockstep.model.ResourceKind;
import dev.lockstep.model.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Rules that compare a revision with a base revision ({@code lockstep validate --base REV}, a pull
 * request against its target branch). Pure: reads nothing, writes nothing.
 */
public final class BaseRules {
  private BaseRules() {}

  /**
   * A target version whose major is more than one above the base's: Teleport refuses to skip a
   * major version on upgrade (teleport-semantics §16, lib/auth/version.go), so agents and tools
   * must move one major at a time.
   */
  public static final Rule MAJOR_SKIP =
      new Rule(
          "compat/major-skip",
          Severity.ERROR,
          "A target version skips a major version relative to the base revision (upgrade one major at a time).");

  /** Every rule of this class. */
  public static final List<Rule> ALL = List.of(MAJOR_SKIP);

  private static final List<String> TARGETS =
      List.of("spec.agents.target_version", "spec.tools.target_version");

  /**
   * Findings of {@code desired} relative to {@code base}, cluster by cluster (clusters absent from
   * the base are new and not compared). Unparsable versions are left to the version rules.
   */
  public static Findings check(DesiredState desired, DesiredState base) {
    List<Finding> out = new ArrayList<>();
    for (ClusterSource cluster : desired.clusters()) {
      Optional<ClusterSource> before = base.cluster(cluster.name());
      if (before.isEmpty()) {
        continue;
      }
      Optional<Resource> now = cluster.find(ResourceKind.AUTOUPDATE_VERSION);
      Optional<Resource> then = before.get().find(ResourceKind.AUTOUPDATE_VERSION);
      if (now.isEmpty() || then.isEmpty()) {
        continue;
      }
      for (String path : TARGETS) {
        Optional<Version> desiredVersion = version(now.get(), path);
        Optional<Version> baseVersion = version(then.get(), path);
        if (desiredVersion.isPresent()
            && baseVersion.isPresent()
            && desiredVersion.get().major() > baseVersion.get().major() + 1) {
          out.add(
              Finding.of(
                  MAJOR_SKIP,
                  path.substring("spec.".length())
                      + " "
                      + desiredVersion.get()
                      + " skips a major version: the base revision ("
                      + base.revision()
                      + ") targets "
                      + baseVersion.get()
                      + "; upgrade to "
                      + (baseVersion.get().major() + 1)
                      + ".x first",
                  now.get().locate(path),
                  path));
        }
      }
    }
    return Findings.of(out);
  }

  private static Optional<Version> version(Resource r, String path) {
    return r.at(path)
        .filter(String.class::isInstance)
        .map(String.class::cast)
        .flatMap(Version::tryParse);
  }
}
