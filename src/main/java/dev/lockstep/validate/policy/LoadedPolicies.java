package dev.lockstep.validate.policy;

import dev.cel.common.values.NullValue;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelVariableResolver;
import dev.lockstep.finding.Finding;
import dev.lockstep.finding.Findings;
import dev.lockstep.model.Channel;
import dev.lockstep.model.ClusterSource;
import dev.lockstep.model.DesiredState;
import dev.lockstep.model.FieldPath;
import dev.lockstep.model.Resource;
import dev.lockstep.model.Version;
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
  public Findings evaluate(
      DesiredState state, Optional<DesiredState> base, ValidationContext context) {
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
    List<Object> noResources = run.intern(List.of());
    // clusters are independent: evaluate them in parallel (programs are immutable, activations per
    // call)
    List<Finding> out =
        new ArrayList<>(
            state.clusters().parallelStream()
                .flatMap(cluster -> run.evaluate(cluster, base, context, frozenChannels).stream())
                .toList());
    for (Channel channel : state.channels()) {
      Object baseChannel =
          base.flatMap(b -> b.channel(channel.name()))
              .<Object>map(c -> run.intern(CelValues.map(Subject.channelDocument(c))))
              .orElse(NullValue.NULL_VALUE);
      run.run(
          run.intern(Subject.of(channel)),
          new Variables(NullValue.NULL_VALUE, noResources, frozenChannels, baseChannel),
          out);
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
    spec.put(
        "control_plane_version",
        controlPlaneVersion(cluster, context).map(Version::toString).orElse(""));
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
    return cluster
        .cluster()
        .map(c -> c.authVersion())
        .filter(v -> !v.isEmpty())
        .flatMap(
            v -> {
              try {
                return Optional.of(Version.parseLenient(v));
              } catch (dev.lockstep.model.InvalidVersionException e) {
                return Optional.empty();
              }
            });
  }

  /**
   * One evaluation of a revision. A rule's outcome on a document and field is a function of the
   * document, the field and what the rule reads of the per-cluster variables ({@link
   * CompiledRule#reads()}), so it is computed once per distinct combination: fleets keep the same
   * configuration in many clusters, and a rule reading {@code cluster.control_plane_version} runs
   * once per version, not once per cluster. Equal documents and values are shared (interned) so the
   * memo compares them by identity.
   */
  private final class Run {
    private final Map<Object, Object> interned = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<MemoKey, Outcome> memo = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The shared instance equal to {@code value}: maps and lists by value, everything else as is.
     */
    @SuppressWarnings("unchecked")
    private <T> T intern(T value) {
      if (value instanceof Map<?, ?> || value instanceof List<?>) {
        return (T) interned.computeIfAbsent(value, v -> v);
      }
      return value;
    }

    private Subject intern(Subject s) {
      Map<String, Object> shared = intern(s.document());
      return shared == s.document()
          ? s
          : new Subject(s.kind(), s.cluster(), shared, s.origin(), s.positions());
    }

    private List<Finding> evaluate(
        ClusterSource cluster,
        Optional<DesiredState> base,
        ValidationContext context,
        Map<String, Object> channels) {
      List<Finding> out = new ArrayList<>();
      Optional<ClusterSource> baseCluster = base.flatMap(b -> b.cluster(cluster.name()));
      // not interned: a rule that uses all of `cluster` is never memoised (see check)
      Object clusterVar = clusterVariable(cluster, context);
      List<Object> resources = new ArrayList<>();
      List<Subject> subjects = new ArrayList<>();
      List<Object> bases = new ArrayList<>();
      for (Resource r : cluster.resources()) {
        Subject s = intern(Subject.of(r, cluster.name()));
        resources.add(s.document());
        subjects.add(s);
        bases.add(
            baseCluster
                .flatMap(
                    bc -> bc.resources().stream().filter(br -> br.id().equals(r.id())).findFirst())
                .<Object>map(br -> intern(CelValues.map(br.document())))
                .orElse(NullValue.NULL_VALUE));
      }
      if (cluster.descriptor() != null) {
        subjects.add(intern(Subject.of(cluster.descriptor(), cluster.name())));
        bases.add(
            baseCluster
                .map(ClusterSource::descriptor)
                .<Object>map(d -> intern(CelValues.map(d.document())))
                .orElse(NullValue.NULL_VALUE));
      }
      List<Object> frozenResources = intern(List.copyOf(resources));
      for (int i = 0; i < subjects.size(); i++) {
        run(
            subjects.get(i),
            new Variables(clusterVar, frozenResources, channels, bases.get(i)),
            out);
      }
      return out;
    }

    private void run(Subject subject, Variables vars, List<Finding> out) {
      for (int r = 0; r < rules.size(); r++) {
        CompiledRule rule = rules.get(r);
        if (!rule.matches(subject)) {
          continue;
        }
        CompiledRule.FieldSelector field = rule.selector();
        if (!field.star()) {
          check(r, subject, vars, field.listPath(), field.listSegments(), -1, out);
          continue;
        }
        if (value(subject.document(), field.listSegments()) instanceof List<?> items) {
          for (int i = 0; i < items.size(); i++) {
            check(
                r,
                subject,
                vars,
                FieldPath.index(field.listPath(), i) + field.rest(),
                null,
                i,
                out);
          }
        }
      }
    }

    /**
     * Runs (or recalls) one rule on one field of a subject. {@code segments} is the path parsed, or
     * null for an element of a {@code [*]} list ({@code index} >= 0).
     */
    private void check(
        int ruleIndex,
        Subject subject,
        Variables vars,
        String path,
        List<String> segments,
        int index,
        List<Finding> out) {
      CompiledRule rule = rules.get(ruleIndex);
      // a rule reading all of `cluster` (its name, its proxy) never meets the same inputs twice
      MemoKey key =
          rule.readsWholeCluster()
              ? null
              : rule.readsDocument()
                  ? new MemoKey(ruleIndex, subject.document(), path, inputs(rule, vars))
                  : new MemoKey(ruleIndex, null, "", inputs(rule, vars));
      Outcome outcome = key == null ? null : memo.get(key);
      if (outcome == null) {
        Object self =
            segments != null
                ? value(subject.document(), segments)
                : element(subject.document(), rule.selector(), index);
        outcome = outcome(rule, vars.bind(subject.document(), self, index));
        if (key != null) {
          memo.putIfAbsent(key, outcome);
        }
      }
      if (outcome.rule() != null) {
        String message =
            outcome.rule().equals(rule.id())
                ? outcome.message()
                : outcome.message() + " on " + describe(subject);
        out.add(new Finding(rule.severity(), outcome.rule(), message, subject.locate(path), path));
      }
    }

    /**
     * The values of what the rule reads of the per-cluster variables, interned. Whole {@code
     * resources} and {@code base} are interned when the cluster's {@link Variables} are made; all
     * of {@code cluster} is never an input.
     */
    private Object[] inputs(CompiledRule rule, Variables vars) {
      List<CelEnvironment.ContextRead> reads = rule.reads();
      if (reads.isEmpty()) {
        return NO_INPUTS;
      }
      Object[] inputs = new Object[reads.size()];
      for (int i = 0; i < inputs.length; i++) {
        CelEnvironment.ContextRead read = reads.get(i);
        Object whole =
            switch (read.variable()) {
              case CelEnvironment.CLUSTER -> vars.cluster;
              case CelEnvironment.RESOURCES -> vars.resources;
              default -> vars.base;
            };
        if (read.field() != null && whole instanceof Map<?, ?> map) {
          Object v = map.get(read.field());
          inputs[i] = v == null ? ABSENT : intern(v);
        } else {
          inputs[i] = whole;
        }
      }
      return inputs;
    }

    private Outcome outcome(CompiledRule rule, Activation activation) {
      Object result;
      try {
        result = eval(rule.expression(), activation);
      } catch (CelEvaluation.Failure e) {
        return new Outcome(
            e.costLimit ? PolicyRules.COST_LIMIT.id() : PolicyRules.EVALUATION_ERROR.id(),
            rule.id() + " (" + rule.location() + ") " + e.getMessage());
      }
      if (!(result instanceof Boolean complies)) {
        return new Outcome(
            PolicyRules.EVALUATION_ERROR.id(),
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
        } catch (CelEvaluation.Failure e) {
          if (rule.message() == null) {
            return "the resource does not comply (messageExpression failed: "
                + e.getMessage()
                + ")";
          }
        }
      }
      return rule.message() == null ? "the resource does not comply" : rule.message();
    }
  }

  private static final Object[] NO_INPUTS = new Object[0];

  /** Stands for a field the variable does not have (distinct from a field set to null). */
  private static final Object ABSENT = new Object();

  /** What a rule concluded on one document: no rule id when it complies. */
  private record Outcome(String rule, String message) {
    static final Outcome COMPLIES = new Outcome(null, null);
  }

  /**
   * A rule, a document and a field path (null and "" when the rule reads neither {@code object},
   * {@code self} nor {@code index}) and the rule's per-cluster inputs. Documents, maps and lists
   * are interned, so they compare by identity; other values (text, numbers) by value.
   */
  private static final class MemoKey {
    private final int rule;
    private final Map<String, Object> document;
    private final String path;
    private final Object[] inputs;
    private final int hash;

    MemoKey(int rule, Map<String, Object> document, String path, Object[] inputs) {
      this.rule = rule;
      this.document = document;
      this.path = path;
      this.inputs = inputs;
      int h = (31 * rule + System.identityHashCode(document)) * 31 + path.hashCode();
      for (Object input : inputs) {
        h = 31 * h + (shared(input) ? System.identityHashCode(input) : input.hashCode());
      }
      this.hash = h;
    }

    private static boolean shared(Object o) {
      return o instanceof Map<?, ?> || o instanceof List<?> || o == ABSENT;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof MemoKey k)
          || k.hash != hash
          || k.rule != rule
          || k.document != document
          || !k.path.equals(path)) {
        return false;
      }
      for (int i = 0; i < inputs.length; i++) {
        Object a = inputs[i];
        Object b = k.inputs[i];
        if (a != b && (shared(a) || shared(b) || !a.equals(b))) {
          return false;
        }
      }
      return true;
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  private static String describe(Subject subject) {
    return subject.kind() + (subject.cluster().isEmpty() ? "" : " of cluster " + subject.cluster());
  }

  private Object eval(CelRuntime.Program program, Activation activation)
      throws CelEvaluation.Failure {
    return CelEvaluation.eval(program, activation, limits);
  }

  /** The value at a path of a CEL-converted document; null when absent. */
  static Object value(Map<String, Object> document, String path) {
    return value(document, FieldPath.segments(path));
  }

  /** The value at a parsed path ({@link FieldPath#segments}); null when absent. */
  static Object value(Object start, List<String> segments) {
    Object current = start;
    for (String segment : segments) {
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

  /** The value a {@code [*]} field names for list element {@code index}; null when absent. */
  static Object element(Map<String, Object> document, CompiledRule.FieldSelector field, int index) {
    if (!(value(document, field.listSegments()) instanceof List<?> items)
        || index >= items.size()) {
      return null;
    }
    Object item = items.get(index);
    return item == null || item == NullValue.NULL_VALUE ? null : value(item, field.restSegments());
  }

  /** What stays the same for every rule on one subject. */
  private record Variables(
      Object cluster, List<Object> resources, Map<String, Object> channels, Object base) {
    Activation bind(Map<String, Object> object, Object self, long index) {
      return new Activation(this, object, self == null ? NullValue.NULL_VALUE : self, index);
    }
  }

  /** The variables of one evaluation, resolved without building a map. */
  private record Activation(Variables vars, Map<String, Object> object, Object self, long index)
      implements CelVariableResolver {
    @Override
    public Optional<Object> find(String name) {
      return Optional.ofNullable(
          switch (name) {
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
}
