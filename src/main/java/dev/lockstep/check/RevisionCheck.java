package dev.lockstep.check;

import dev.lockstep.finding.Findings;
import dev.lockstep.model.Channel;
import dev.lockstep.model.ClusterSource;
import dev.lockstep.model.DesiredState;
import dev.lockstep.model.NoSuchCluster;
import dev.lockstep.model.Resource;
import dev.lockstep.model.SourceTree;
import dev.lockstep.model.Version;
import dev.lockstep.parse.ParseResult;
import dev.lockstep.parse.RepositoryParser;
import dev.lockstep.validate.BaseRules;
import dev.lockstep.validate.ValidationContext;
import dev.lockstep.validate.Validator;
import dev.lockstep.validate.policy.LoadedPolicies;
import dev.lockstep.validate.policy.PolicyDirectory;
import dev.lockstep.validate.policy.PolicyEngine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The one revision pipeline: parse (when given a tree), choose the cluster, read live control-plane
 * versions, then the built-in rules ({@link Validator}), the base-revision rules ({@link
 * BaseRules}), the repository's and the extra CEL policies (with the base revision as {@code
 * base}), and the target's own checks; then a verdict per cluster and per channel, each from the
 * findings of its scope. Every command and {@code serve} call it, so a revision is judged the same
 * way everywhere.
 *
 * <p>Pure apart from {@link LiveVersions}: writes nothing, reads no clock. CEL is set up only for a
 * revision that has policies. Thread-safe.
 */
public final class RevisionCheck {
  private final CheckOptions options;
  private final RepositoryParser parser = new RepositoryParser();
  private final Validator validator = new Validator();
  private final PolicyEngine policies = new PolicyEngine();

  /** A check with these options. */
  public RevisionCheck(CheckOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  /**
   * The desired state of the files under {@code folder} of {@code tree}, parsed and NOT checked:
   * for a revision that was checked before and is only read again (the revision in force after a
   * restart, to plan against). Never use it to decide whether a revision may be applied.
   */
  public DesiredState read(SourceTree tree, String folder) {
    return parser.parse(tree, folder).state();
  }

  /**
   * Parses the files under {@code folder} of {@code tree} as a repository rooted there (findings
   * keep the tree's paths) and checks them.
   *
   * @param folder the repository folder inside the tree, "" or "." for its root
   * @param base the revision before this one (a pull request's target, the revision in force)
   * @throws LiveVersions.Unreachable when {@code live} cannot read a Proxy it must read
   */
  public CheckResult check(
      SourceTree tree,
      String folder,
      Optional<DesiredState> base,
      ClusterSelection selection,
      LiveVersions live)
      throws LiveVersions.Unreachable {
    return check(parser.parse(tree, folder), base, selection, live);
  }

  /**
   * Checks a parsed revision, reading the live versions of the clusters it is about (the selected
   * one, or every cluster for {@link ClusterSelection#all()}).
   *
   * @param base the revision before this one, if any: its clusters feed the base-revision rules and
   *     the policies' {@code base}
   * @throws LiveVersions.Unreachable when {@code live} cannot read a Proxy it must read
   */
  public CheckResult check(
      ParseResult parsed,
      Optional<DesiredState> base,
      ClusterSelection selection,
      LiveVersions live)
      throws LiveVersions.Unreachable {
    return check(parsed, base, selection, live.read(concerned(parsed.state(), selection)));
  }

  /**
   * Checks a parsed revision with live versions already read.
   *
   * @param base the revision before this one, if any: its clusters feed the base-revision rules and
   *     the policies' {@code base}
   * @param liveVersions the live control-plane version per cluster name, for those read
   */
  public CheckResult check(
      ParseResult parsed,
      Optional<DesiredState> base,
      ClusterSelection selection,
      Map<String, Version> liveVersions) {
    DesiredState state = parsed.state();
    Optional<ClusterSource> selected = Optional.empty();
    Optional<String> problem = Optional.empty();
    if (!selection.whole()) {
      try {
        selected = Optional.of(state.select(selection.name(), selection.where(), selection.knob()));
      } catch (NoSuchCluster e) {
        problem = Optional.of(e.getMessage());
      }
    }
    ValidationContext context = new ValidationContext(options.authVersion(), liveVersions);
    Findings findings =
        parsed
            .findings()
            .plus(validator.validate(state, context))
            .plus(base.map(b -> BaseRules.check(state, b)).orElse(Findings.NONE))
            .plus(policyFindings(state, base, context));
    if (options.target().isPresent()) {
      for (ClusterSource c : concerned(state, selection)) {
        findings = findings.plus(options.target().get().check(c.resources()));
      }
    }
    Scopes scopes = new Scopes(state, parsed.names());
    Map<String, ClusterVerdict> clusters = new LinkedHashMap<>();
    for (ClusterSource c : state.clusters()) {
      clusters.put(c.name(), new ClusterVerdict(c.name(), scopes.ofCluster(c, findings)));
    }
    Map<String, Findings> channels = new LinkedHashMap<>();
    for (Channel ch : state.channels()) {
      channels.put(ch.name(), scopes.ofChannel(ch, findings));
    }
    return new CheckResult(parsed, findings, selected, problem, clusters, channels);
  }

  /**
   * The clusters live versions and target checks concern: the chosen one (none when it cannot be
   * chosen), or every cluster for the whole revision.
   */
  private static List<ClusterSource> concerned(DesiredState state, ClusterSelection selection) {
    if (selection.whole()) {
      return state.clusters();
    }
    try {
      return List.of(state.select(selection.name(), selection.where(), selection.knob()));
    } catch (NoSuchCluster e) {
      return List.of();
    }
  }

  private Findings policyFindings(
      DesiredState state, Optional<DesiredState> base, ValidationContext context) {
    List<Resource> documents = new ArrayList<>(state.policies());
    Findings findings = Findings.NONE;
    for (PolicyDirectory dir : options.extraPolicies()) {
      documents.addAll(dir.policies());
      findings = findings.plus(dir.findings());
    }
    if (documents.isEmpty()) {
      return findings;
    }
    LoadedPolicies loaded = policies.load(documents);
    return findings.plus(loaded.findings()).plus(loaded.evaluate(state, base, context));
  }
}
