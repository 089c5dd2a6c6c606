package dev.lockstep.validate.policy;

import dev.lockstep.finding.Finding;
import dev.lockstep.finding.Findings;
import dev.lockstep.model.Channel;
import dev.lockstep.model.ClusterSource;
import dev.lockstep.model.DesiredState;
import dev.lockstep.model.Resource;
import dev.lockstep.model.ResourceKind;
import dev.lockstep.model.SourceLocation;
import dev.lockstep.validate.ValidationContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the test cases kept beside policies ({@code *_test.yaml}, like {@code conftest verify}). A
 * test file:
 *
 * <pre>
 * kind: lockstep_policy_test
 * cases:
 *   - name: an immediate schedule is refused
 *     object: {kind: autoupdate_version, metadata: {name: autoupdate-version}, spec: {...}}
 *     cluster: {name: prod, auth_version: 17.2.1}   # optional lockstep_cluster spec plus name
 *     base: {...}                                   # optional: the same resource in --base
 *     resources: [...]                              # optional: other resources of the cluster
 *     channels: {stable/rolling: {version: 17.2.1, critical: "no"}}   # optional
 *     violations:                                   # expected; [] means it complies
 *       - rule: policy/recommended/no-immediate-schedule
 *         path: spec.agents.schedule                # optional
 * </pre>
 *
 * <p>{@code object} may also be a channel: {@code {kind: channel, name: stable/rolling, version:
 * 17.2.2, critical: "yes"}}. A case passes when the policies' findings are exactly the expected
 * violations.
 */
public final class PolicyTestSuite {
  /** The {@code kind:} of a test file. */
  public static final String TEST_KIND = "lockstep_policy_test";

  private static final String DEFAULT_CLUSTER = "test";

  private PolicyTestSuite() {}

  /**
   * The outcome of one case.
   *
   * @param name the case's name
   * @param location where the case is written
   * @param expected the expected violations, as {@code rule} or {@code rule at path}
   * @param actual what the policies reported, in the same form
   * @param messages the message of each of {@code actual}, in the same order
   * @param problem why the case could not run, or ""
   */
  public record CaseResult(
      String name,
      SourceLocation location,
      List<String> expected,
      List<String> actual,
      List<String> messages,
      String problem) {
    public CaseResult {
      expected = List.copyOf(expected);
      actual = List.copyOf(actual);
      messages = List.copyOf(messages);
    }

    static CaseResult cannotRun(
        String name, SourceLocation location, List<String> expected, String problem) {
      return new CaseResult(name, location, expected, List.of(), List.of(), problem);
    }

    /** True when the case ran and the violations matched. */
    public boolean passed() {
      return problem.isEmpty() && matches(expected, actual);
    }
  }

  /**
   * The outcome of a folder.
   *
   * @param findings problems with the policies and test files themselves
   * @param cases every case, in file order
   */
  public record Report(Findings findings, List<CaseResult> cases) {
    public Report {
      cases = List.copyOf(cases);
    }

    /** True when every case passed, at least one ran, and the policies loaded cleanly. */
    public boolean passed() {
      return !cases.isEmpty() && findings.isEmpty() && cases.stream().allMatch(CaseResult::passed);
    }
  }

  /** Loads the folder's policies and runs its test cases against them. */
  public static Report run(PolicyDirectory directory, PolicyEngine engine) {
    LoadedPolicies policies = engine.load(directory.policies());
    Findings findings = directory.findings().plus(policies.findings());
    List<CaseResult> results = new ArrayList<>();
    List<Finding> fileFindings = new ArrayList<>();
    for (YamlDocument doc : directory.tests()) {
      if (!TEST_KIND.equals(doc.kind()) || !(doc.values().get("cases") instanceof List<?> cases)) {
        fileFindings.add(
            Finding.of(
                PolicyRules.INVALID_POLICY,
                "a policy test file needs kind: " + TEST_KIND + " and a list of cases",
                doc.origin(),
                ""));
        continue;
      }
      for (int i = 0; i < cases.size(); i++) {
        results.add(runCase(doc, "cases[" + i + "]", cases.get(i), policies));
      }
    }
    return new Report(findings.plus(Findings.of(fileFindings)), results);
  }

  private static CaseResult runCase(
      YamlDocument doc, String path, Object raw, LoadedPolicies policies) {
    SourceLocation at = doc.locate(path);
    if (!(raw instanceof Map<?, ?> testCase)) {
      return CaseResult.cannotRun(
          "(not a mapping)",
          at,
          List.of(),
          "a case must be a mapping with name, object and violations");
    }
    String name = testCase.get("name") instanceof String s ? s : "(unnamed)";
    List<String> expected = new ArrayList<>();
    if (!(testCase.get("violations") instanceof List<?> violations)) {
      return CaseResult.cannotRun(
          name,
          at,
          List.of(),
          "violations is required: a list of {rule, path}, or [] when the object complies");
    }
    for (Object v : violations) {
      if (!(v instanceof Map<?, ?> m) || !(m.get("rule") instanceof String rule)) {
        return CaseResult.cannotRun(
            name, at, List.of(), "each violation needs rule: policy/<policy>/<rule>");
      }
      expected.add(m.get("path") instanceof String p ? rule + " at " + p : rule);
    }
    DesiredState state;
    Optional<DesiredState> base;
    try {
      Input input = new Input(doc, path);
      state = input.state();
      base = input.base();
    } catch (IllegalArgumentException e) {
      return CaseResult.cannotRun(name, at, expected, e.getMessage());
    }
    Findings findings = policies.evaluate(state, base, ValidationContext.OFFLINE);
    List<String> actual = new ArrayList<>();
    List<String> messages = new ArrayList<>();
    for (Finding f : findings.items()) {
      actual.add(f.path().isEmpty() ? f.rule() : f.rule() + " at " + f.path());
      messages.add(f.message());
    }
    return new CaseResult(name, at, expected, actual, messages, "");
  }

  /** Expected entries without a path match any path of the same rule; each actual is used once. */
  static boolean matches(List<String> expected, List<String> actual) {
    List<String> left = new ArrayList<>(actual);
    List<String> loose = new ArrayList<>();
    for (String e : expected) {
      if (e.contains(" at ")) {
        if (!left.remove(e)) {
          return false;
        }
      } else {
        loose.add(e);
      }
    }
    for (String e : loose) {
      int found = -1;
      for (int i = 0; i < left.size() && found < 0; i++) {
        if (left.get(i).equals(e) || left.get(i).startsWith(e + " at ")) {
          found = i;
        }
      }
      if (found < 0) {
        return false;
      }
      left.remove(found);
    }
    return left.isEmpty();
  }

  /** The revision (and base revision) a case describes. */
  private static final class Input {
    private final YamlDocument doc;
    private final String path;
    private final String cluster;

    Input(YamlDocument doc, String path) {
      this.doc = doc;
      this.path = path;
      Map<String, Object> clusterSpec = map(path + ".cluster");
      this.cluster =
          clusterSpec != null && clusterSpec.get("name") instanceof String n ? n : DEFAULT_CLUSTER;
      if (map(path + ".object") == null) {
        throw new IllegalArgumentException(
            "object is required: the resource or channel the policies check");
      }
    }

    DesiredState state() {
      return revision("object", "resources", true);
    }

    Optional<DesiredState> base() {
      return map(path + ".base") == null
          ? Optional.empty()
          : Optional.of(revision("base", null, false));
    }

    private DesiredState revision(String objectKey, String resourcesKey, boolean withCluster) {
      List<Resource> resources = new ArrayList<>();
      List<Channel> channels = new ArrayList<>(channels());
      Resource descriptor = withCluster ? descriptor() : null;
      String objectPath = path + "." + objectKey;
      Map<String, Object> object = map(objectPath);
      if (Subject.CHANNEL_KIND.equals(object.get("kind"))) {
        String name = object.get("name") instanceof String n ? n : "test";
        channels.removeIf(c -> c.name().equals(name));
        channels.add(
            new Channel(
                name,
                text(object.get("version")),
                doc.locate(objectPath + ".version"),
                text(object.get("critical")),
                doc.locate(objectPath + ".critical")));
      } else {
        Resource r = resource(objectPath);
        if (r.kind() == ResourceKind.LOCKSTEP_CLUSTER) {
          descriptor = r;
        } else {
          resources.add(r);
        }
      }
      if (resourcesKey != null && lookup(path + "." + resourcesKey) instanceof List<?> extra) {
        for (int i = 0; i < extra.size(); i++) {
          resources.add(resource(path + "." + resourcesKey + "[" + i + "]"));
        }
      }
      ClusterSource source = new ClusterSource(cluster, "", descriptor, resources);
      return new DesiredState("test", List.of(source), channels, List.of());
    }

    private Resource descriptor() {
      Map<String, Object> spec = map(path + ".cluster");
      if (spec == null) {
        return null;
      }
      Map<String, Object> specCopy = new LinkedHashMap<>(spec);
      specCopy.remove("name");
      Map<String, Object> document = new LinkedHashMap<>();
      document.put("kind", ResourceKind.LOCKSTEP_CLUSTER.kind());
      document.put("metadata", Map.of("name", cluster));
      document.put("spec", specCopy);
      return new Resource(
          ResourceKind.LOCKSTEP_CLUSTER,
          cluster,
          document,
          doc.locate(path + ".cluster"),
          Map.of(),
          true);
    }

    private List<Channel> channels() {
      Map<String, Object> channels = map(path + ".channels");
      List<Channel> out = new ArrayList<>();
      if (channels != null) {
        channels.forEach(
            (name, value) -> {
              Map<?, ?> c = value instanceof Map<?, ?> m ? m : Map.of();
              String at = path + ".channels." + name;
              out.add(
                  new Channel(
                      name,
                      text(c.get("version")),
                      doc.locate(at + ".version"),
                      text(c.get("critical")),
                      doc.locate(at + ".critical")));
            });
      }
      return out;
    }

    /** A resource from a sub-document, with positions relative to it (as the parser would give). */
    private Resource resource(String at) {
      Map<String, Object> values = map(at);
      if (values == null) {
        throw new IllegalArgumentException(at + " must be a mapping");
      }
      String kind = values.get("kind") instanceof String k ? k : "";
      ResourceKind resourceKind =
          ResourceKind.fromKind(kind)
              .filter(k -> k != ResourceKind.LOCKSTEP_POLICY)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          at + ".kind \"" + kind + "\" is not one policies check"));
      String name =
          values.get("metadata") instanceof Map<?, ?> m && m.get("name") instanceof String n
              ? n
              : "";
      Map<String, SourceLocation> positions = new java.util.HashMap<>();
      String prefix = at + ".";
      doc.positions()
          .forEach(
              (p, loc) -> {
                if (p.startsWith(prefix)) {
                  positions.put(p.substring(prefix.length()), loc);
                }
              });
      return new Resource(resourceKind, name, values, doc.locate(at), positions, true);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(String at) {
      return lookup(at) instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    private Object lookup(String at) {
      return LoadedPolicies.value(doc.values(), at);
    }

    private static String text(Object value) {
      return value == null ? null : String.valueOf(value);
    }
  }
}
