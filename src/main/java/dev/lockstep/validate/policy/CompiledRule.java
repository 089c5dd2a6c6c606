package dev.lockstep.validate.policy;

import dev.cel.runtime.CelRuntime;
import dev.lockstep.finding.Severity;
import dev.lockstep.model.FieldPath;
import dev.lockstep.model.SourceLocation;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One rule of a policy, compiled.
 *
 * @param id {@code policy/<policy name>/<rule name>}
 * @param kinds the kinds it applies to
 * @param clusters cluster-name globs; empty means every cluster (and channels)
 * @param field the field path the rule looks at ("" for the whole document), at most one {@code
 *     [*]}
 * @param expression the compiled condition: true means the resource complies
 * @param message the fixed message, or null
 * @param messageExpression the compiled message, or null
 * @param location where the rule is written
 * @param reads what either expression reads of the per-cluster variables: the outcome on a document
 *     and field depends only on these, so equal inputs in many clusters share one evaluation
 *     (fleets keep the same configuration in many clusters)
 * @param readsDocument whether either expression reads {@code object}, {@code self} or {@code
 *     index}; if not, the outcome does not depend on the document either
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
    List<CelEnvironment.ContextRead> reads,
    boolean readsDocument,
    FieldSelector selector) {

  CompiledRule {
    reads = List.copyOf(reads);
  }

  /** True when an expression uses {@code cluster} other than through its fields. */
  boolean readsWholeCluster() {
    return reads.contains(new CelEnvironment.ContextRead(CelEnvironment.CLUSTER, null));
  }

  boolean matches(Subject subject) {
    if (!kinds.contains(subject.kind())) {
      return false;
    }
    if (clusters.isEmpty()) {
      return true;
    }
    // channels belong to no cluster: a rule limited to some clusters never sees them
    return !subject.cluster().isEmpty()
        && clusters.stream().anyMatch(p -> p.matcher(subject.cluster()).matches());
  }

  /**
   * A rule's {@code field}, parsed once: the whole document ({@code ""}), one path, or a list path
   * and the rest after its {@code [*]}.
   */
  record FieldSelector(
      String listPath,
      List<String> listSegments,
      String rest,
      List<String> restSegments,
      boolean star) {
    static FieldSelector of(String field) {
      int star = field.indexOf("[*]");
      if (star < 0) {
        return new FieldSelector(field, FieldPath.segments(field), "", List.of(), false);
      }
      String listPath = field.substring(0, star);
      String rest = field.substring(star + 3);
      return new FieldSelector(
          listPath, FieldPath.segments(listPath), rest, FieldPath.segments(rest), true);
    }
  }
}
