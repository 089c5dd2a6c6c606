package dev.lockstep.validate.policy;

import dev.cel.common.values.NullValue;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelEvaluationListener;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelVariableResolver;
import dev.lockstep.model.Channel;
import dev.lockstep.model.ClusterSource;
import dev.lockstep.model.DesiredState;
import dev.lockstep.model.FieldPath;
import dev.lockstep.model.Resource;
import dev.lockstep.model.Version;
import dev.lockstep.validate.Finding;
import dev.lockstep.validate.Findings;
import dev.lockstep.validate.ValidationContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Compiled policies, ready to run over any number of revisions. Immutable and thread-safe.
 *
 * <p>Each rule runs on every resource (or channel) its {@code match} selects; with a {@code field}
 * it runs once per value the path names ({@code [*]} expands over a list), with {@code self} bound
 * to that value and the finding placed at that field. A rule whose expression is false yields a
 * finding with id {@code policy/<policy>/<rule>} at the rule's severity; one that fails to evaluate
 * yields {@code policy/evaluation-error} or {@code policy/cost-limit} at the rule's severity.
 */
public final class LoadedPolicies {
  private final List<CompiledRule> rules;
  private final Findings findings;
  private final PolicyLimits limits;

  LoadedPolicies(List<CompiledRule> rules, Findings findings, PolicyLimits limits) {
    this.rules = List.copyOf(rules);
    this.findings = findings;
    this.limits = limits;
  }

  /** Findings about the policy documents themselves (shape and compile errors). */
  public Findings findings() {
    return findings;
  }

  /** The ids of the rules that compiled, in load order. */
  public List<String> ruleIds() {
    return rules.stream().map(CompiledRule::id).toList();
  }

  /**
   * Runs every rule over a revision.
   *
   * @param state the revision being checked
   * @param base the revision it is compared with ({@code --base}); rules see the same resource of
   *     that revision as {@code base}, or null
   * @param context control-plane versions known beyond the repository
   * @return the findings of the rules (not {@link #findings()}); never throws for bad input
   */
  public Findings evaluate(DesiredState state, Optional<DesiredState> base, ValidationContext context) {
    Objects.requireNonNull(state, "state");
    if (rules.isEmpty()) {
      return Findings.NONE;
    }
    Map<String, Object> channels = new LinkedHashMap<>();
    for (Channel channel : state.channels()) {
      channels.put(channel.name(), CelValues.map(Subject.channelDocument(channel)));
    }
    Map<String, Object> frozenChannels = java.util.Collections.unmodifiableMap(channels);
    Run run = new Run();
    // clusters are independent: evaluate them in parallel (programs are immutable, activations per call)
    List<Finding> out = new ArrayList<>(state.clusters().parallelStream()
        .flatMap(cluster -> run.evaluate(cluster, base, context, frozenChannels).stream())
        .toList());
    for (Channel channel : state.channels()) {
      Object baseChannel = base.flatMap(b -> b.channel(channel.name()))
          .<Object>map(c -> CelValues.map(Subject.channelDocument(c))).orElse(NullValue.NULL_VALUE);
      run.run(Subject.of(channel), new Variables(NullValue.NULL_VALUE, List.of(), frozenChannels, baseChannel), out);
    }
    return Findings.of(out);
  }

  /** The cluster's {@code lockstep_cluster} spec, its name and the control-plane version in use. */
  static Map<String, Object> clusterVariable(ClusterSource cluster, ValidationContext context) {
    Map<String, Object> spec = new LinkedHashMap<>();
    if (cluster.descriptor() != null) {
      spec.putAll(cluster.descriptor().spec());
    }
    spec.put("name", cluster.name());
    spec.put("control_plane_version", controlPlaneVersion(cluster, context).map(Version::toString).orElse(""));
    return CelValues.map(spec);
  }

  /**
   * The control-plane version the cluster runs: {@code --auth-version} wins over everything, then
   * the version read live from the cluster's Proxy, then the declared {@code auth_version}.
   */
  static Optional<Version> controlPlaneVersion(ClusterSource cluster, ValidationContext context) {
    if (context.authVersion().isPresent()) {
      return context.authVersion();
    }
    Version live = context.liveAuthVersions().get(cluster.name());
    if (live != null) {
      return Optional.of(live);
    }
    return cluster.cluster().map(c -> c.authVersion()).filter(v -> !v.isEmpty()).flatMap(v -> {
      try {
        return Optional.of(Version.parseLenient(v));
      } catch (dev.lockstep.model.InvalidVersionException e) {
        return Optional.empty();
      }
    });
  }

  /**
   * One evaluation of a revision. Equal documents are shared (interned), so a rule that reads only
   * the document ({@link CompiledRule#perDocument()}) is evaluated once per distinct document and
   * field: fleets keep the same configuration in many clusters.
   */
  private final class Run {
    private final Map<Map<String, Object>, Map<String, Object>> documents = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<MemoKey, Outcome> memo = new java.util.concurrent.ConcurrentHashMap<>();

    private Subject intern(Subject s) {
      Map<String, Object> shared = documents.computeIfAbsent(s.document(), d -> d);
      return shared == s.document() ? s : new Subject(s.kind(), s.cluster(), shared, s.origin(), s.positions());
    }

    private List<Finding> evaluate(ClusterSource cluster, Optional<DesiredState> base, ValidationContext context,
        Map<String, Object> channels) {
      List<Finding> out = new ArrayList<>();
      Optional<ClusterSource> baseCluster = base.flatMap(b -> b.cluster(cluster.name()));
      Object clusterVar = clusterVariable(cluster, context);
      List<Object> resources = new ArrayList<>();
      List<Subject> subjects = new ArrayList<>();
      List<Object> bases = new ArrayList<>();
      for (Resource r : cluster.resources()) {
        Subject s = intern(Subject.of(r, cluster.name()));
        resources.add(s.document());
        subjects.add(s);
        bases.add(baseCluster.flatMap(bc -> bc.resources().stream().filter(br -> br.id().equals(r.id())).findFirst())
            .<Object>map(br -> CelValues.map(br.document())).orElse(NullValue.NULL_VALUE));
      }
      if (cluster.descriptor() != null) {
        subjects.add(intern(Subject.of(cluster.descriptor(), cluster.name())));
        bases.add(baseCluster.map(ClusterSource::descriptor).<Object>map(d -> CelValues.map(d.document())).orElse(NullValue.NULL_VALUE));
      }
      List<Object> frozenResources = List.copyOf(resources);
      for (int i = 0; i < subjects.size(); i++) {
        run(subjects.get(i), new Variables(clusterVar, frozenResources, channels, bases.get(i)), out);
      }
      return out;
    }

    private void run(Subject subject, Variables vars, List<Finding> out) {
      for (int r = 0; r < rules.size(); r++) {
        CompiledRule rule = rules.get(r);
        if (!rule.matches(subject)) {
          continue;
        }
        if (rule.field().isEmpty()) {
          check(r, subject, vars.bind(subject.document(), subject.document(), -1), "", out);
          continue;
        }
        int star = rule.field().indexOf("[*]");
        if (star < 0) {
          check(r, subject, vars.bind(subject.document(), value(subject.document(), rule.field()), -1), rule.field(), out);
          continue;
        }
        String listPath = rule.field().substring(0, star);
        String rest = rule.field().substring(star + 3);
        Object list = value(subject.document(), listPath);
        if (list instanceof List<?> items) {
          for (int i = 0; i < items.size(); i++) {
            String path = FieldPath.index(listPath, i) + rest;
            check(r, subject, vars.bind(subject.document(), value(subject.document(), path), i), path, out);
          }
        }
      }
    }

    private void check(int ruleIndex, Subject subject, Activation activation, String path, List<Finding> out) {
      CompiledRule rule = rules.get(ruleIndex);
      Outcome outcome;
      if (rule.perDocument()) {
        MemoKey key = new MemoKey(ruleIndex, subject.document(), path);
        outcome = memo.get(key);
        if (outcome == null) {
          outcome = outcome(rule, activation);
          memo.putIfAbsent(key, outcome);
        }
      } else {
        outcome = outcome(rule, activation);
      }
      if (outcome.rule() != null) {
        String message = outcome.rule().equals(rule.id()) ? outcome.message() : outcome.message() + " on " + describe(subject);
        out.add(new Finding(rule.severity(), outcome.rule(), message, subject.locate(path), path));
      }
    }

    private Outcome outcome(CompiledRule rule, Activation activation) {
      Object result;
      try {
        result = eval(rule.expression(), activation);
      } catch (EvaluationFailure e) {
        return new Outcome(e.costLimit ? PolicyRules.COST_LIMIT.id() : PolicyRules.EVALUATION_ERROR.id(),
            rule.id() + " (" + rule.location() + ") " + e.getMessage());
      }
      if (!(result instanceof Boolean complies)) {
        return new Outcome(PolicyRules.EVALUATION_ERROR.id(),
            rule.id() + " (" + rule.location() + ") returned " + result + ", not true or false,");
      }
      return complies ? Outcome.COMPLIES : new Outcome(rule.id(), message(rule, activation));
    }

    private String message(CompiledRule rule, Activation activation) {
      if (rule.messageExpression() != null) {
        try {
          if (eval(rule.messageExpression(), activation) instanceof String s && !s.isBlank()) {
            return s;
          }
        } catch (EvaluationFailure e) {
          if (rule.message() == null) {
            return "the resource does not comply (messageExpression failed: " + e.getMessage() + ")";
          }
        }
      }
      return rule.message() == null ? "the resource does not comply" : rule.message();
    }
  }

  /** What a rule concluded on one document: no rule id when it complies. */
  private record Outcome(String rule, String message) {
    static final Outcome COMPLIES = new Outcome(null, null);
  }

  /** A rule, a document (by identity: documents are interned) and a field path. */
  private record MemoKey(int rule, Map<String, Object> document, String path) {
    @Override
    public boolean equals(Object o) {
      return o instanceof MemoKey k && k.rule == rule && k.document == document && k.path.equals(path);
    }

    @Override
    public int hashCode() {
      return (31 * rule + System.identityHashCode(document)) * 31 + path.hashCode();
    }
  }

  private static String describe(Subject subject) {
    return subject.kind() + (subject.cluster().isEmpty() ? "" : " of cluster " + subject.cluster());
  }

  private Object eval(CelRuntime.Program program, Activation activation) throws EvaluationFailure {
    StepCounter counter = new StepCounter(limits.maxSteps());
    try {
      return program.trace(activation, counter);
    } catch (CelEvaluationException | RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof StepLimitExceeded) {
          throw new EvaluationFailure("exceeded the evaluation cost limit (" + limits.maxSteps() + " steps)", true);
        }
        if (t.getMessage() != null && t.getMessage().contains("Iteration budget exceeded")) {
          throw new EvaluationFailure(
              "exceeded the evaluation cost limit (" + limits.maxIterations() + " comprehension iterations)", true);
        }
        if (t instanceof PolicyFunctions.PolicyFunctionException) {
          throw new EvaluationFailure("could not be evaluated: " + t.getMessage(), false);
        }
      }
      Throwable root = e;
      while (root.getCause() != null && root.getCause().getMessage() != null) {
        root = root.getCause();
      }
      throw new EvaluationFailure("could not be evaluated: " + cleanMessage(root.getMessage()), false);
    }
  }

  private static String cleanMessage(String message) {
    if (message == null) {
      return "unknown error";
    }
    // "evaluation error at <input>:11: key 'x' is not present in map." -> the sentence
    return message.replaceFirst("^evaluation error at <input>:\\d+: ", "").replaceAll("\\s+", " ").strip();
  }

  /** The value at a path of a CEL-converted document; null when absent. */
  static Object value(Map<String, Object> document, String path) {
    Object current = document;
    for (String segment : FieldPath.segments(path)) {
      if (segment.startsWith("[")) {
        int index = Integer.parseInt(segment.substring(1, segment.length() - 1));
        if (!(current instanceof List<?> list) || index >= list.size()) {
          return null;
        }
        current = list.get(index);
      } else {
        if (!(current instanceof Map<?, ?> map)) {
          return null;
        }
        current = map.get(segment);
      }
      if (current == null || current == NullValue.NULL_VALUE) {
        return null;
      }
    }
    return current;
  }

  /** What stays the same for every rule on one subject. */
  private record Variables(Object cluster, List<Object> resources, Map<String, Object> channels, Object base) {
    Activation bind(Map<String, Object> object, Object self, long index) {
      return new Activation(this, object, self == null ? NullValue.NULL_VALUE : self, index);
    }
  }

  /** The variables of one evaluation, resolved without building a map. */
  private record Activation(Variables vars, Map<String, Object> object, Object self, long index)
      implements CelVariableResolver {
    @Override
    public Optional<Object> find(String name) {
      return Optional.ofNullable(switch (name) {
        case CelEnvironment.OBJECT -> object;
        case CelEnvironment.SELF -> self;
        case CelEnvironment.INDEX -> index;
        case CelEnvironment.CLUSTER -> vars.cluster;
        case CelEnvironment.RESOURCES -> vars.resources;
        case CelEnvironment.CHANNELS -> vars.channels;
        case CelEnvironment.BASE -> vars.base;
        default -> null;
      });
    }
  }

  /** Counts evaluated nodes and stops the evaluation past the limit. */
  private static final class StepCounter implements CelEvaluationListener {
    private final long max;
    private long steps;

    StepCounter(long max) {
      this.max = max;
    }

    @Override
    public void callback(dev.cel.common.ast.CelExpr expr, Object result) {
      if (++steps > max) {
        throw new StepLimitExceeded();
      }
    }
  }

  private static final class StepLimitExceeded extends RuntimeException {
    StepLimitExceeded() {
      super("step limit exceeded", null, false, false);
    }
  }

  private static final class EvaluationFailure extends Exception {
    final boolean costLimit;

    EvaluationFailure(String message, boolean costLimit) {
      super(message, null, false, false);
      this.costLimit = costLimit;
    }
  }
}
