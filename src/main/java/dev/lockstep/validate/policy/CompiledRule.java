package dev.lockstep.validate.policy;

import dev.cel.runtime.CelRuntime;
import dev.lockstep.model.SourceLocation;
import dev.lockstep.validate.Severity;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One rule of a policy, compiled.
 *
 * @param id {@code policy/<policy name>/<rule name>}
 * @param kinds the kinds it applies to
 * @param clusters cluster-name globs; empty means every cluster (and channels)
 * @param field the field path the rule looks at ("" for the whole document), at most one {@code [*]}
 * @param expression the compiled condition: true means the resource complies
 * @param message the fixed message, or null
 * @param messageExpression the compiled message, or null
 * @param location where the rule is written
 * @param perDocument true when neither expression reads {@code cluster}, {@code resources} or
 *     {@code base}: the outcome then depends only on the document and the field, so equal
 *     documents in many clusters are evaluated once
 */
record CompiledRule(
    String id,
    Severity severity,
    Set<String> kinds,
    List<Pattern> clusters,
    String field,
    CelRuntime.Program expression,
    String message,
    CelRuntime.Program messageExpression,
    SourceLocation location,
    boolean perDocument) {

  /** The variables that differ between clusters (and revisions) for an equal document. */
  static final Set<String> CONTEXT_VARIABLES = Set.of(CelEnvironment.CLUSTER, CelEnvironment.RESOURCES, CelEnvironment.BASE);

  boolean matches(Subject subject) {
    if (!kinds.contains(subject.kind())) {
      return false;
    }
    if (clusters.isEmpty()) {
      return true;
    }
    // channels belong to no cluster: a rule limited to some clusters never sees them
    return !subject.cluster().isEmpty() && clusters.stream().anyMatch(p -> p.matcher(subject.cluster()).matches());
  }
}
