package dev.lockstep.validate.policy;

import dev.lockstep.finding.Finding;
import dev.lockstep.finding.Findings;
import dev.lockstep.finding.Severity;
import dev.lockstep.model.FieldPath;
import dev.lockstep.model.Resource;
import dev.lockstep.model.ResourceKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Loads {@code lockstep_policy} documents: checks their shape and compiles every rule once. A
 * policy document looks like this (README "Policies"):
 *
 * <pre>
 * kind: lockstep_policy
 * metadata:
 *   name: recommended
 * spec:
 *   rules:
 *     - name: no-immediate-schedule
 *       severity: error
 *       match: {kinds: [autoupdate_version], clusters: ["prod-*"]}
 *       field: spec.agents.schedule
 *       expression: self != 'immediate'
 *       message: immediate schedules skip every group's window
 * </pre>
 *
 * <p>Emits {@code policy/invalid-policy} for a document of the wrong shape (its rules are not run)
 * and {@code policy/compile-error} for a rule whose CEL does not compile (that rule is not run),
 * each at the line of the offending field. Reads nothing but its arguments. CEL is set up on the
 * first rule to compile, never for an engine that only sees documents without rules.
 */
public final class PolicyEngine {
  /** The kinds a rule applies to when it has no {@code match.kinds}: the Teleport resources. */
  static final Set<String> DEFAULT_KINDS =
      Set.of(
          ResourceKind.CLUSTER_MAINTENANCE_CONFIG.kind(),
          ResourceKind.AUTOUPDATE_CONFIG.kind(),
          ResourceKind.AUTOUPDATE_VERSION.kind());

  private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
  private static final Set<String> TOP_KEYS = Set.of("kind", "version", "metadata", "spec");
  private static final Set<String> METADATA_KEYS = Set.of("name", "description", "labels");
  private static final Set<String> SPEC_KEYS = Set.of("rules");
  private static final Set<String> RULE_KEYS =
      Set.of(
          "name",
          "description",
          "severity",
          "match",
          "field",
          "expression",
          "message",
          "messageExpression");
  private static final Set<String> MATCH_KEYS = Set.of("kinds", "clusters");

  private final PolicyLimits limits;
  // built on first use: setting CEL up is most of a short `validate` run that has no policies
  private CelEnvironment cel;

  /** An engine with {@link PolicyLimits#DEFAULT}. */
  public PolicyEngine() {
    this(PolicyLimits.DEFAULT);
  }

  /** An engine whose evaluations stay within {@code limits}. */
  public PolicyEngine(PolicyLimits limits) {
    this.limits = limits;
  }

  private synchronized CelEnvironment cel() {
    if (cel == null) {
      cel = new CelEnvironment(limits);
    }
    return cel;
  }

  /** Every kind a rule's {@code match.kinds} may name. */
  public static Set<String> matchableKinds() {
    Set<String> kinds = new LinkedHashSet<>();
    for (ResourceKind k : ResourceKind.values()) {
      if (k != ResourceKind.LOCKSTEP_POLICY) {
        kinds.add(k.kind());
      }
    }
    kinds.add(Subject.CHANNEL_KIND);
    return kinds;
  }

  /**
   * Checks and compiles policy documents. Documents of another kind are ignored. Two documents with
   * the same policy name: the second is reported and skipped, so rule ids stay unique.
   *
   * @return the compiled rules and the findings about the policies themselves
   */
  public LoadedPolicies load(List<Resource> policyDocuments) {
    List<PendingRule> pending = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    Set<String> policyNames = new HashSet<>();
    for (Resource doc : policyDocuments) {
      if (doc.kind() != ResourceKind.LOCKSTEP_POLICY) {
        continue;
      }
      new DocumentReader(doc, findings, pending, policyNames).read();
    }
    // compiling is most of the load time on a cold JVM; rules are independent
    CelEnvironment env = pending.isEmpty() ? null : cel();
    List<Object> compiled = pending.parallelStream().map(p -> compile(env, p)).toList();
    List<CompiledRule> rules = new ArrayList<>();
    for (Object c : compiled) {
      if (c instanceof CompiledRule rule) {
        rules.add(rule);
      } else {
        findings.add((Finding) c);
      }
    }
    return new LoadedPolicies(rules, Findings.of(findings), limits);
  }

  /** A rule whose shape is valid, not yet compiled. */
  private record PendingRule(
      String policy,
      String name,
      Severity severity,
      Set<String> kinds,
      List<Pattern> clusters,
      String field,
      String expression,
      String message,
      String messageExpression,
      String path,
      Resource doc) {}

  /** The compiled rule, or a {@code policy/compile-error} finding. */
  private static Object compile(CelEnvironment cel, PendingRule p) {
    CelEnvironment.Compiled condition;
    CelEnvironment.Compiled messageProgram = null;
    try {
      condition = cel.condition(p.expression());
    } catch (CelEnvironment.CompileException e) {
      return compileError(p, p.path() + ".expression", e.getMessage());
    }
    if (p.messageExpression() != null) {
      try {
        messageProgram = cel.message(p.messageExpression());
      } catch (CelEnvironment.CompileException e) {
        return compileError(p, p.path() + ".messageExpression", e.getMessage());
      }
    }
    Set<CelEnvironment.ContextRead> reads = new java.util.TreeSet<>(condition.reads());
    if (messageProgram != null) {
      reads.addAll(messageProgram.reads());
    }
    return new CompiledRule(
        "policy/" + p.policy() + "/" + p.name(),
        p.severity(),
        p.kinds(),
        p.clusters(),
        p.field(),
        condition.program(),
        p.message(),
        messageProgram == null ? null : messageProgram.program(),
        p.doc().locate(p.path()),
        List.copyOf(reads),
        condition.readsDocument() || (messageProgram != null && messageProgram.readsDocument()),
        CompiledRule.FieldSelector.of(p.field()));
  }

  private static Finding compileError(PendingRule p, String path, String message) {
    return Finding.of(
        PolicyRules.COMPILE_ERROR,
        "policy/" + p.policy() + "/" + p.name() + " does not compile: " + message,
        p.doc().locate(path),
        path);
  }

  /** Reads one document; collects findings instead of throwing. */
  private final class DocumentReader {
    private final Resource doc;
    private final List<Finding> findings;
    private final List<PendingRule> pending;
    private final Set<String> policyNames;

    DocumentReader(
        Resource doc, List<Finding> findings, List<PendingRule> pending, Set<String> policyNames) {
      this.doc = doc;
      this.findings = findings;
      this.pending = pending;
      this.policyNames = policyNames;
    }

    void read() {
      int before = findings.size();
      unknownKeys(doc.document(), "", TOP_KEYS);
      Object metadata = doc.document().get("metadata");
      if (!(metadata instanceof Map<?, ?> meta)) {
        invalid("metadata", "a policy needs metadata.name");
        return;
      }
      unknownKeys(meta, "metadata", METADATA_KEYS);
      String policy = meta.get("name") instanceof String s ? s : null;
      if (policy == null) {
        invalid("metadata", "a policy needs metadata.name");
        return;
      }
      if (!NAME.matcher(policy).matches()) {
        invalid(
            "metadata.name",
            "policy name \""
                + policy
                + "\" must be lower-case letters, digits and '-' (it becomes part of rule ids)");
        return;
      }
      if (!policyNames.add(policy)) {
        invalid(
            "metadata.name",
            "another policy document is already named \"" + policy + "\"; rule ids must be unique");
        return;
      }
      Object spec = doc.document().get("spec");
      if (!(spec instanceof Map<?, ?> specMap)
          || !(specMap.get("rules") instanceof List<?> ruleList)) {
        invalid("spec", "a policy needs spec.rules, a list of rules");
        return;
      }
      unknownKeys(specMap, "spec", SPEC_KEYS);
      if (findings.size() > before) {
        return;
      }
      Set<String> ruleNames = new HashSet<>();
      for (int i = 0; i < ruleList.size(); i++) {
        String path = FieldPath.index("spec.rules", i);
        if (!(ruleList.get(i) instanceof Map<?, ?> rule)) {
          invalid(path, "a rule must be a mapping with name, expression and message");
          continue;
        }
        readRule(policy, rule, path, ruleNames);
      }
    }

    private void readRule(String policy, Map<?, ?> rule, String path, Set<String> ruleNames) {
      int before = findings.size();
      unknownKeys(rule, path, RULE_KEYS);
      String name = string(rule, path, "name", true);
      if (name != null && !NAME.matcher(name).matches()) {
        invalid(
            path + ".name",
            "rule name \""
                + name
                + "\" must be lower-case letters, digits and '-' (it becomes part of the rule id)");
      } else if (name != null && !ruleNames.add(name)) {
        invalid(path + ".name", "policy " + policy + " already has a rule named \"" + name + "\"");
      }
      Severity severity = Severity.ERROR;
      String severityText = string(rule, path, "severity", false);
      if (severityText != null) {
        try {
          severity = Severity.fromLabel(severityText);
        } catch (IllegalArgumentException e) {
          invalid(path + ".severity", e.getMessage());
        }
      }
      Set<String> kinds = DEFAULT_KINDS;
      List<Pattern> clusters = List.of();
      if (rule.containsKey("match")) {
        String matchPath = path + ".match";
        if (rule.get("match") instanceof Map<?, ?> match) {
          unknownKeys(match, matchPath, MATCH_KEYS);
          List<String> kindList = strings(match, matchPath, "kinds");
          if (kindList != null && !kindList.isEmpty()) {
            kinds = new LinkedHashSet<>();
            for (int k = 0; k < kindList.size(); k++) {
              if (!matchableKinds().contains(kindList.get(k))) {
                invalid(
                    FieldPath.index(matchPath + ".kinds", k),
                    "unknown kind \""
                        + kindList.get(k)
                        + "\" (expected one of "
                        + String.join(", ", matchableKinds())
                        + ")");
              }
              kinds.add(kindList.get(k));
            }
          }
          List<String> globs = strings(match, matchPath, "clusters");
          if (globs != null) {
            clusters = globs.stream().map(DocumentReader::glob).toList();
          }
        } else {
          invalid(matchPath, "match must be a mapping with kinds and/or clusters");
        }
      }
      String field = string(rule, path, "field", false);
      if (field != null && !validField(field)) {
        invalid(
            path + ".field",
            "field \""
                + field
                + "\" must be a path like spec.agents.schedules.regular[*].days with at most one [*]");
      }
      String expression = string(rule, path, "expression", true);
      String message = string(rule, path, "message", false);
      String messageExpression = string(rule, path, "messageExpression", false);
      if (message == null && messageExpression == null) {
        invalid(
            path, "a rule needs message or messageExpression: say what is wrong and how to fix it");
      }
      if (findings.size() > before || name == null || expression == null) {
        return;
      }
      pending.add(
          new PendingRule(
              policy,
              name,
              severity,
              Set.copyOf(kinds),
              clusters,
              field == null ? "" : field,
              expression,
              message,
              messageExpression,
              path,
              doc));
    }

    private static boolean validField(String field) {
      if (!field.matches("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+|\\[([0-9]+|\\*)\\])*")) {
        return false;
      }
      return field.indexOf("[*]") == field.lastIndexOf("[*]");
    }

    /** A cluster-name glob: {@code *} matches any run of characters, everything else itself. */
    private static Pattern glob(String glob) {
      return Pattern.compile(
          java.util.Arrays.stream(glob.split("\\*", -1))
              .map(Pattern::quote)
              .collect(java.util.stream.Collectors.joining(".*")));
    }

    private String string(Map<?, ?> map, String path, String key, boolean required) {
      Object v = map.get(key);
      if (v == null) {
        if (required) {
          invalid(path, "a rule needs " + key);
        }
        return null;
      }
      if (!(v instanceof String s) || s.isBlank()) {
        invalid(FieldPath.child(path, key), key + " must be non-empty text");
        return null;
      }
      return s;
    }

    private List<String> strings(Map<?, ?> map, String path, String key) {
      Object v = map.get(key);
      if (v == null) {
        return null;
      }
      if (v instanceof List<?> list && list.stream().allMatch(o -> o instanceof String)) {
        return list.stream().map(String.class::cast).toList();
      }
      invalid(FieldPath.child(path, key), key + " must be a list of text");
      return null;
    }

    private void unknownKeys(Map<?, ?> map, String path, Set<String> allowed) {
      for (Object key : map.keySet()) {
        if (!allowed.contains(String.valueOf(key))) {
          invalid(
              FieldPath.child(path, String.valueOf(key)),
              "unknown field \""
                  + key
                  + "\" (expected "
                  + String.join(", ", allowed.stream().sorted().toList())
                  + ")");
        }
      }
    }

    private void invalid(String path, String message) {
      findings.add(Finding.of(PolicyRules.INVALID_POLICY, message, doc.locate(path), path));
    }
  }
}
