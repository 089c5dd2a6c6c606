package dev.lockstep.check;

import dev.lockstep.cluster.TargetKind;
import dev.lockstep.model.Version;
import dev.lockstep.validate.policy.PolicyDirectory;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a check knows beyond the revision.
 *
 * @param authVersion the control-plane version given on the command line ({@code --auth-version});
 *     it wins over live and declared versions
 * @param extraPolicies policy folders checked on top of the repository's own {@code policies/}
 *     ({@code --policies}), already read
 * @param target the target the selected cluster is applied to, whose own checks run ({@link
 *     TargetKind#check}); empty when nothing is applied
 */
public record CheckOptions(
    Optional<Version> authVersion,
    List<PolicyDirectory> extraPolicies,
    Optional<TargetKind> target) {

  /** No version given, no extra policies, no target. */
  public static final CheckOptions NONE =
      new CheckOptions(Optional.empty(), List.of(), Optional.empty());

  public CheckOptions {
    Objects.requireNonNull(authVersion, "authVersion");
    extraPolicies = List.copyOf(extraPolicies);
    Objects.requireNonNull(target, "target");
  }

  /** The same options for a revision applied to {@code kind}. */
  public CheckOptions withTarget(TargetKind kind) {
    return new CheckOptions(authVersion, extraPolicies, Optional.of(kind));
  }
}
