package dev.lockstep.validate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import dev.lockstep.finding.Finding;
import dev.lockstep.finding.Findings;
import dev.lockstep.finding.Severity;
import dev.lockstep.model.DesiredState;
import dev.lockstep.model.Resource;
import dev.lockstep.model.SourceLocation;
import dev.lockstep.model.Version;
import dev.lockstep.validate.ValidationContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyEngineTest {

  static final Resource VERSION =
      Docs.resource(
          "clusters/prod-eu/autoupdate_version.yaml",
          """
      kind: autoupdate_version
      metadata:
        name: autoupdate-version
        description: null
      spec:
        count: 3
        agents:
          start_version: 17.2.1
          target_version: 17.2.3
          schedule: regular
          mode: enabled
      """);

  static final Resource CONFIG =
      Docs.resource(
          "clusters/prod-eu/autoupdate_config.yaml",
          """
      kind: autoupdate_config
      metadata:
        name: autoupdate-config
      spec:
        agents:
          mode: enabled
          strategy: halt-on-error
          schedules:
            regular:
              - name: dev
                days: [Mon]
                start_hour: 4
              - name: prod
                days: [Sat]
                start_hour: 4
                wait_hours: 24
      """);

  static final Resource DESCRIPTOR =
      Docs.resource(
          "clusters/prod-eu/cluster.yaml",
          """
      kind: lockstep_cluster
      metadata:
        name: prod-eu
      spec:
        proxy: teleport.example.com:443
        auth_version: 17.2.1
        cloud: false
        channels: [stable/rolling]
      """);

  static final Resource BASE_VERSION =
      Docs.resource(
          "clusters/prod-eu/autoupdate_version.yaml",
          """
      kind: autoupdate_version
      metadata:
        name: autoupdate-version
      spec:
        agents:
          start_version: 17.2.0
          target_version: 17.2.1
          schedule: regular
          mode: enabled
      """);

  static final DesiredState STATE =
      Docs.state(
          List.of(
              Docs.cluster("prod-eu", DESCRIPTOR, CONFIG, VERSION),
              Docs.cluster("staging", null, VERSION)),
          Docs.channel("stable/rolling", "17.2.3", "no"));

  static final DesiredState BASE =
      Docs.state(
          List.of(Docs.cluster("prod-eu", DESCRIPTOR, CONFIG, BASE_VERSION)),
          Docs.channel("stable/rolling", "17.2.1", "no"));

  private final PolicyEngine engine = new PolicyEngine();

  private Findings run(
      String rules, DesiredState state, Optional<DesiredState> base, ValidationContext context) {
    LoadedPolicies loaded = engine.load(List.of(Docs.policy("p", rules)));
    assertThat(loaded.findings().items()).as("policy loads cleanly").isEmpty();
    return loaded.evaluate(state, base, context);
  }

  private Findings run(String rules) {
    return run(rules, STATE, Optional.of(BASE), ValidationContext.OFFLINE);
  }

  /** Runs {@code expression} on prod-eu's autoupdate_version only; true when it complied. */
  private boolean complies(String expression) {
    Findings findings =
        run(
            """
        - name: r
          match: {kinds: [autoupdate_version], clusters: [prod-eu]}
          expression: %s
          message: no
        """
                .formatted(quote(expression)));
    assertThat(findings.items())
        .allSatisfy(f -> assertThat(f.rule()).as(f.message()).isEqualTo("policy/p/r"));
    return findings.isEmpty();
  }

  private static String quote(String expression) {
    return "\"" + expression.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  static Stream<Arguments> variables() {
    return Stream.of(
        Arguments.of(
            named(
                "object is the document as parsed",
                "object.spec.agents.target_version == '17.2.3'"),
            true),
        Arguments.of(
            named(
                "object carries kind and metadata",
                "object.kind == 'autoupdate_version' && object.metadata.name == 'autoupdate-version'"),
            true),
        Arguments.of(
            named("integers are CEL ints", "object.spec.count == 3 && object.spec.count + 1 == 4"),
            true),
        Arguments.of(named("YAML null reads as null", "object.metadata.description == null"), true),
        Arguments.of(
            named("has() sees absent fields", "!has(object.spec.tools) && has(object.spec.agents)"),
            true),
        Arguments.of(
            named("false means a violation", "object.spec.agents.schedule == 'immediate'"), false),
        Arguments.of(named("self is object without field", "self == object"), true),
        Arguments.of(named("index is -1 without [*]", "index == -1"), true),
        Arguments.of(named("cluster.name", "cluster.name == 'prod-eu'"), true),
        Arguments.of(
            named(
                "cluster has the lockstep_cluster spec",
                "cluster.proxy == 'teleport.example.com:443' && cluster.channels == ['stable/rolling'] && !cluster.cloud"),
            true),
        Arguments.of(
            named(
                "cluster.control_plane_version from auth_version",
                "cluster.control_plane_version == '17.2.1'"),
            true),
        Arguments.of(
            named(
                "resources are the cluster's Teleport resources",
                "size(resources) == 2 && resources.exists(r, r.kind == 'autoupdate_config')"),
            true),
        Arguments.of(
            named(
                "resources let a rule look across kinds",
                "resources.filter(r, r.kind == 'autoupdate_config')[0].spec.agents.schedules.regular.size() == 2"),
            true),
        Arguments.of(
            named(
                "channels by name",
                "channels['stable/rolling'].version == '17.2.3' && channels['stable/rolling'].critical == 'no'"),
            true),
        Arguments.of(
            named("base is the resource in --base", "base.spec.agents.target_version == '17.2.1'"),
            true),
        Arguments.of(
            named(
                "base and object compared",
                "isPatchBumpOf(object.spec.agents.target_version, base.spec.agents.target_version)"),
            true));
  }

  @ParameterizedTest
  @MethodSource
  void variables(String expression, boolean complies) {
    assertThat(complies(expression)).isEqualTo(complies);
  }

  static Stream<Arguments> versionFunctions() {
    return Stream.of(
            named(
                "major, minor, patch",
                "semver('17.2.3').major() == 17 && semver('17.2.3').minor() == 2 && semver('17.2.3').patch() == 3"),
            named(
                "a leading v and white space are accepted, as clients read channels",
                "semver(' v17.2.3 ') == semver('17.2.3')"),
            named(
                "preRelease",
                "semver('17.2.3-rc.1').preRelease() == 'rc.1' && semver('17.2.3').preRelease() == ''"),
            named(
                "compare orders numerically", "semver('17.2.3').compare(semver('17.10.0')) == -1"),
            named(
                "compare equal ignores build metadata",
                "semver('17.2.3+abc').compare(semver('17.2.3')) == 0"),
            named("compare newer", "semver('18.0.0').compare(semver('17.99.99')) == 1"),
            named(
                "a pre-release sorts before its release",
                "semver('17.2.3-rc.1').compare(semver('17.2.3')) == -1"),
            named("isPatchBumpOf: newer patch", "isPatchBumpOf('17.2.3', '17.2.1')"),
            named(
                "isPatchBumpOf on parsed versions",
                "isPatchBumpOf(semver('17.2.3'), semver('v17.2.1'))"),
            named("isPatchBumpOf: a minor bump is not", "!isPatchBumpOf('17.3.0', '17.2.1')"),
            named("isPatchBumpOf: the same version is not", "!isPatchBumpOf('17.2.1', '17.2.1')"),
            named("isPatchBumpOf: a downgrade is not", "!isPatchBumpOf('17.2.0', '17.2.1')"),
            named("isPatchBumpOf: a major bump is not", "!isPatchBumpOf('18.2.2', '17.2.1')"),
            named(
                "isSemver",
                "isSemver('17.2.0') && isSemver('v17.2.0') && !isSemver('17.2') && !isSemver('')"),
            named(
                "weekdays expands *",
                "weekdays(['*']) == ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']"),
            named(
                "weekdays canonicalises names",
                "weekdays(['monday', 'TUE', 'Wednesday']) == ['Mon', 'Tue', 'Wed']"),
            named(
                "Go durations via CEL duration()",
                "duration('90m') >= duration('1h') && duration('1h30m') == duration('5400s')"))
        .map(Arguments::of);
  }

  @ParameterizedTest
  @MethodSource
  void versionFunctions(String expression) {
    assertThat(complies(expression)).isTrue();
  }

  static Stream<Arguments> compileErrors() {
    return Stream.of(
        Arguments.of(named("syntax error", "object.spec +"), "expression", "mismatched input"),
        Arguments.of(
            named("unknown variable", "objekt.spec.agents == null"),
            "expression",
            "undeclared reference to 'objekt'"),
        Arguments.of(
            named("not a bool", "'text'"), "expression", "returns string where bool is expected"),
        Arguments.of(
            named("unknown function", "semverr('1.2.3').major() == 1"), "expression", "semverr"),
        Arguments.of(
            named("wrong argument type", "isPatchBumpOf(1, 2)"), "expression", "isPatchBumpOf"));
  }

  @ParameterizedTest
  @MethodSource
  void compileErrors(String expression, String field, String messagePart) {
    Resource doc =
        Docs.policy(
            "p",
            """
        - name: ok
          expression: "true"
          message: fine
        - name: bad
          severity: warning
          expression: %s
          message: never
        """
                .formatted(quote(expression)));
    LoadedPolicies loaded = engine.load(List.of(doc));
    assertThat(loaded.findings().items())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.rule()).isEqualTo("policy/compile-error");
              assertThat(f.severity()).isEqualTo(Severity.ERROR);
              assertThat(f.location()).isEqualTo(new SourceLocation("policies/p.yaml", 11, 5));
              assertThat(f.path()).isEqualTo("spec.rules[1]." + field);
              assertThat(f.message())
                  .startsWith("policy/p/bad does not compile: ")
                  .contains(messagePart);
            });
    assertThat(loaded.ruleIds()).containsExactly("policy/p/ok");
  }

  @Test
  void messageExpressionMustBeText() {
    LoadedPolicies loaded =
        engine.load(
            List.of(
                Docs.policy(
                    "p",
                    """
        - name: bad
          expression: "true"
          messageExpression: "1 + 1"
        """)));
    assertThat(loaded.findings().items())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.rule()).isEqualTo("policy/compile-error");
              assertThat(f.path()).isEqualTo("spec.rules[0].messageExpression");
              assertThat(f.location().line()).isEqualTo(8);
            });
  }

  static Stream<Arguments> invalidPolicies() {
    String ok = "    - name: r\n      expression: 'true'\n      message: m\n";
    return Stream.of(
        Arguments.of(
            named(
                "no metadata.name", "kind: lockstep_policy\nmetadata: {}\nspec:\n  rules:\n" + ok),
            2,
            "metadata.name"),
        Arguments.of(
            named(
                "a name that cannot be a rule id",
                "kind: lockstep_policy\nmetadata:\n  name: My Policy\nspec:\n  rules:\n" + ok),
            3,
            "lower-case"),
        Arguments.of(
            named("no rules", "kind: lockstep_policy\nmetadata:\n  name: p\nspec: {}\n"),
            4,
            "spec.rules"),
        Arguments.of(
            named(
                "unknown top-level field",
                "kind: lockstep_policy\nmetadata:\n  name: p\nrules: []\nspec:\n  rules:\n" + ok),
            4,
            "unknown field \"rules\""),
        Arguments.of(
            named(
                "misspelt rule field",
                "kind: lockstep_policy\nmetadata:\n  name: p\nspec:\n  rules:\n    - name: r\n      expresion: 'true'\n      expression: 'true'\n      message: m\n"),
            7,
            "unknown field \"expresion\""),
        Arguments.of(
            named(
                "unknown severity",
                "kind: lockstep_policy\nmetadata:\n  name: p\nspec:\n  rules:\n    - name: r\n      severity: fatal\n      expression: 'true'\n      message: m\n"),
            7,
            "unknown severity \"fatal\""),
        Arguments.of(
            named(
                "unknown kind in match",
                "kind: lockstep_policy\nmetadata:\n  name: p\nspec:\n  rules:\n    - name: r\n      match:\n        kinds: [autoupdate_config, autoupdate_confg]\n      expression: 'true'\n      message: m\n"),
            8,
            "unknown kind \"autoupdate_confg\""),
        Arguments.of(
            named(
                "no message",
                "kind: lockstep_policy\nmetadata:\n  name: p\nspec:\n  rules:\n    - name: r\n      expression: 'true'\n"),
            6,
            "message or messageExpression"),
        Arguments.of(
            named(
                "no expression",
                "kind: lockstep_policy\nmetadata:\n  name: p\nspec:\n  rules:\n    - name: r\n      message: m\n"),
            6,
            "needs expression"),
        Arguments.of(
            named(
                "two [*] in field",
                "kind: lockstep_policy\nmetadata:\n  name: p\nspec:\n  rules:\n    - name: r\n      field: spec.a[*].b[*]\n      expression: 'true'\n      message: m\n"),
            7,
            "at most one [*]"),
        Arguments.of(
            named(
                "duplicate rule names",
                "kind: lockstep_policy\nmetadata:\n  name: p\nspec:\n  rules:\n" + ok + ok),
            9,
            "already has a rule named \"r\""));
  }

  @ParameterizedTest
  @MethodSource
  void invalidPolicies(String yaml, int line, String messagePart) {
    LoadedPolicies loaded = engine.load(List.of(Docs.resource("policies/p.yaml", yaml)));
    assertThat(loaded.findings().items())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.rule()).isEqualTo("policy/invalid-policy");
              assertThat(f.location().file()).isEqualTo("policies/p.yaml");
              assertThat(f.location().line()).isEqualTo(line);
              assertThat(f.message()).contains(messagePart);
            });
  }

  @Test
  void twoPoliciesWithOneNameKeepTheFirst() {
    Resource first = Docs.policy("p", "- {name: a, expression: 'true', message: m}\n");
    Resource second =
        Docs.resource(
            "policies/other.yaml",
            "kind: lockstep_policy\nmetadata:\n  name: p\nspec:\n  rules:\n    - {name: b, expression: 'true', message: m}\n");
    LoadedPolicies loaded = engine.load(List.of(first, second));
    assertThat(loaded.ruleIds()).containsExactly("policy/p/a");
    assertThat(loaded.findings().items())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.location()).isEqualTo(new SourceLocation("policies/other.yaml", 3, 3));
              assertThat(f.message()).contains("already named \"p\"");
            });
  }

  static Stream<Arguments> evaluationErrors() {
    return Stream.of(
        Arguments.of(
            named("a missing key", "object.spec.tools.mode == 'enabled'"),
            "policy/evaluation-error",
            "could not be evaluated: key 'tools' is not present in map"),
        Arguments.of(
            named("an invalid version", "semver('seventeen').major() > 0"),
            "policy/evaluation-error",
            "version \"seventeen\" is not a valid semantic version"),
        Arguments.of(
            named("an invalid weekday", "weekdays(['Mon', 'Someday']).size() > 0"),
            "policy/evaluation-error",
            "\"Someday\" is not a weekday"),
        Arguments.of(
            named("a non-boolean result through dyn", "object.spec.count"),
            "policy/evaluation-error",
            "returned 3, not true or false"));
  }

  @ParameterizedTest
  @MethodSource
  void evaluationErrors(String expression, String rule, String messagePart) {
    Findings findings =
        run(
            """
        - name: r
          severity: warning
          match: {kinds: [autoupdate_version], clusters: [prod-eu]}
          expression: %s
          message: no
        """
                .formatted(quote(expression)));
    assertThat(findings.items())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.rule()).isEqualTo(rule);
              assertThat(f.severity()).as("the rule's severity").isEqualTo(Severity.WARNING);
              assertThat(f.location()).isEqualTo(VERSION.origin());
              assertThat(f.message())
                  .startsWith("policy/p/r (policies/p.yaml:6:5) ")
                  .contains(messagePart)
                  .endsWith("on autoupdate_version of cluster prod-eu");
            });
  }

  static Stream<Arguments> costLimits() {
    String deep = "object.spec.list.all(x, object.spec.list.all(y, x + y >= 0))";
    return Stream.of(
        Arguments.of(
            named("nested comprehensions hit the iteration budget", deep),
            new PolicyLimits(1_000_000, 1_000),
            "1000 comprehension iterations"),
        Arguments.of(
            named(
                "a long evaluation hits the step limit",
                "object.spec.list.all(x, x + 1 > 0 && x * 2 >= 0)"),
            new PolicyLimits(1_000, 1_000_000),
            "1000 steps"));
  }

  @ParameterizedTest
  @MethodSource
  void costLimits(String expression, PolicyLimits limits, String messagePart) {
    List<Object> list = new ArrayList<>();
    for (long i = 0; i < 2_000; i++) {
      list.add(i);
    }
    Resource big =
        dev.lockstep.model.TestResources.of(
            dev.lockstep.model.ResourceKind.AUTOUPDATE_VERSION, Map.of("list", list));
    DesiredState state = Docs.state(List.of(Docs.cluster("c", null, big)));
    LoadedPolicies loaded =
        new PolicyEngine(limits)
            .load(
                List.of(
                    Docs.policy(
                        "p",
                        """
        - name: slow
          match: {kinds: [autoupdate_version]}
          expression: %s
          message: no
        """
                            .formatted(quote(expression)))));
    assertThat(loaded.findings().items()).isEmpty();
    long start = System.nanoTime();
    Findings findings = loaded.evaluate(state, Optional.empty(), ValidationContext.OFFLINE);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .as("4 million iterations would take minutes; the limits stop far sooner")
        .isLessThan(Duration.ofSeconds(15));
    assertThat(findings.items())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.rule()).isEqualTo("policy/cost-limit");
              assertThat(f.severity()).isEqualTo(Severity.ERROR);
              assertThat(f.message())
                  .contains("exceeded the evaluation cost limit")
                  .contains(messagePart);
            });
  }

  static Stream<Arguments> severities() {
    return Stream.of(
        Arguments.of(named("error by default", ""), Severity.ERROR),
        Arguments.of(named("error", "  severity: error\n"), Severity.ERROR),
        Arguments.of(named("warning", "  severity: warning\n"), Severity.WARNING),
        Arguments.of(named("info", "  severity: info\n"), Severity.INFO));
  }

  @ParameterizedTest
  @MethodSource
  void severities(String severityLine, Severity expected) {
    Findings findings =
        run(
            "- name: r\n"
                + severityLine
                + "  match: {kinds: [lockstep_cluster]}\n  expression: 'false'\n  message: always\n");
    assertThat(findings.items())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.severity()).isEqualTo(expected);
              assertThat(f.rule()).isEqualTo("policy/p/r");
              assertThat(f.message()).isEqualTo("always");
              assertThat(f.location()).isEqualTo(DESCRIPTOR.origin());
            });
  }

  static Stream<Arguments> matching() {
    return Stream.of(
        Arguments.of(
            named("no match: every Teleport resource of every cluster", ""),
            List.of(
                "autoupdate_config@prod-eu",
                "autoupdate_version@prod-eu",
                "autoupdate_version@staging")),
        Arguments.of(
            named("kinds", "  match: {kinds: [autoupdate_version]}\n"),
            List.of("autoupdate_version@prod-eu", "autoupdate_version@staging")),
        Arguments.of(
            named("cluster globs", "  match: {clusters: ['prod-*']}\n"),
            List.of("autoupdate_config@prod-eu", "autoupdate_version@prod-eu")),
        Arguments.of(
            named("exact cluster names, no partial match", "  match: {clusters: [prod]}\n"),
            List.of()),
        Arguments.of(
            named(
                "kinds and clusters together",
                "  match: {kinds: [autoupdate_version], clusters: [staging, 'x*']}\n"),
            List.of("autoupdate_version@staging")),
        Arguments.of(
            named("cluster descriptors only when named", "  match: {kinds: [lockstep_cluster]}\n"),
            List.of("lockstep_cluster@prod-eu")),
        Arguments.of(
            named("channels only when named", "  match: {kinds: [channel]}\n"),
            List.of("channel@")),
        Arguments.of(
            named(
                "a cluster filter leaves channels out",
                "  match: {kinds: [channel, autoupdate_version], clusters: ['*']}\n"),
            List.of("autoupdate_version@prod-eu", "autoupdate_version@staging")));
  }

  @ParameterizedTest
  @MethodSource
  void matching(String matchLines, List<String> expected) {
    Findings findings =
        run(
            "- name: r\n"
                + matchLines
                + "  expression: 'false'\n  messageExpression: \"object.kind + '@' + (cluster == null ? '' : cluster.name)\"\n");
    assertThat(findings.stream().map(Finding::message).sorted().toList()).isEqualTo(expected);
  }

  static Stream<Arguments> bases() {
    String rule =
        """
        - name: r
          match: {kinds: [autoupdate_version, channel]}
          expression: "false"
          messageExpression: "object.kind + (cluster == null ? '' : '@' + cluster.name) + ': ' + (base == null ? 'none' : (object.kind == 'channel' ? base.version : base.spec.agents.target_version))"
        """;
    return Stream.of(
        Arguments.of(
            named("no --base: base is null", rule),
            Optional.empty(),
            List.of(
                "autoupdate_version@prod-eu: none",
                "autoupdate_version@staging: none",
                "channel: none")),
        Arguments.of(
            named("--base: the same resource there, null for a cluster it lacks", rule),
            Optional.of(BASE),
            List.of(
                "autoupdate_version@prod-eu: 17.2.1",
                "autoupdate_version@staging: none",
                "channel: 17.2.1")));
  }

  @ParameterizedTest
  @MethodSource
  void bases(String rules, Optional<DesiredState> base, List<String> expected) {
    Findings findings = run(rules, STATE, base, ValidationContext.OFFLINE);
    assertThat(findings.stream().map(Finding::message).sorted().toList()).isEqualTo(expected);
  }

  static Stream<Arguments> controlPlaneVersions() {
    return Stream.of(
        Arguments.of(named("declared auth_version", ValidationContext.OFFLINE), "17.2.1"),
        Arguments.of(
            named(
                "live version wins over declared",
                new ValidationContext(Optional.empty(), Map.of("prod-eu", Version.of(17, 3, 0)))),
            "17.3.0"),
        Arguments.of(
            named(
                "--auth-version wins over all",
                new ValidationContext(
                    Optional.of(Version.of(18, 0, 1)), Map.of("prod-eu", Version.of(17, 3, 0)))),
            "18.0.1"));
  }

  @ParameterizedTest
  @MethodSource
  void controlPlaneVersions(ValidationContext context, String expected) {
    Findings findings =
        run(
            """
        - name: r
          match: {kinds: [lockstep_cluster]}
          expression: "false"
          messageExpression: cluster.control_plane_version
        """,
            STATE,
            Optional.empty(),
            context);
    assertThat(findings.stream().map(Finding::message).toList()).containsExactly(expected);
  }

  static Stream<Arguments> fields() {
    return Stream.of(
        Arguments.of(
            named("a fixed field locates at its line", "spec.agents.strategy"),
            "self == 'time-based'",
            List.of("spec.agents.strategy@7")),
        Arguments.of(
            named("[*] runs once per element, at its line", "spec.agents.schedules.regular[*]"),
            "self.name == 'none'",
            List.of("spec.agents.schedules.regular[0]@10", "spec.agents.schedules.regular[1]@13")),
        Arguments.of(
            named("[*] binds index", "spec.agents.schedules.regular[*]"),
            "index == 0",
            List.of("spec.agents.schedules.regular[1]@13")),
        Arguments.of(
            named("a field below [*]", "spec.agents.schedules.regular[*].days"),
            "!('Sat' in self)",
            List.of("spec.agents.schedules.regular[1].days@14")),
        Arguments.of(
            named(
                "an absent field is null, located at its nearest parent",
                "spec.agents.schedules.regular[*].wait_hours"),
            "self != null",
            List.of("spec.agents.schedules.regular[0].wait_hours@10")),
        Arguments.of(
            named("[*] over an absent list runs nothing", "spec.agents.schedules.other[*]"),
            "false",
            List.of()));
  }

  @ParameterizedTest
  @MethodSource
  void fields(String field, String expression, List<String> expected) {
    Findings findings =
        run(
            """
        - name: r
          match: {kinds: [autoupdate_config]}
          field: %s
          expression: %s
          message: m
        """
                .formatted(quote(field), quote(expression)));
    assertThat(findings.stream().map(f -> f.path() + "@" + f.location().line()).toList())
        .isEqualTo(expected);
    assertThat(findings.items())
        .allSatisfy(
            f ->
                assertThat(f.location().file())
                    .isEqualTo("clusters/prod-eu/autoupdate_config.yaml"));
  }

  @Test
  void messageExpressionFailureFallsBackToMessage() {
    Findings findings =
        run(
            """
        - name: r
          match: {kinds: [autoupdate_version], clusters: [staging]}
          expression: "false"
          message: fixed text
          messageExpression: "object.spec.nothing"
        """);
    assertThat(findings.stream().map(Finding::message).toList()).containsExactly("fixed text");
  }

  @Test
  void otherKindsOfDocumentAreIgnored() {
    LoadedPolicies loaded = engine.load(List.of(CONFIG));
    assertThat(loaded.findings().isEmpty()).isTrue();
    assertThat(loaded.ruleIds()).isEmpty();
    assertThat(loaded.evaluate(STATE, Optional.empty(), ValidationContext.OFFLINE).isEmpty())
        .isTrue();
  }

  @Test
  void equalDocumentsInManyClustersEachGetTheirFinding() {
    String text =
        """
        kind: autoupdate_version
        metadata:
          name: autoupdate-version
        spec:
          agents: {schedule: immediate}
        """;
    DesiredState state =
        Docs.state(
            List.of(
                Docs.cluster("a", null, Docs.resource("clusters/a/v.yaml", text)),
                Docs.cluster("b", null, Docs.resource("clusters/b/v.yaml", text))));
    Findings findings =
        run(
            """
        - name: r
          field: spec.agents.schedule
          expression: self != 'immediate'
          messageExpression: "'schedule ' + self"
        """,
            state,
            Optional.empty(),
            ValidationContext.OFFLINE);
    assertThat(findings.stream().map(f -> f.location() + " " + f.message()).toList())
        .containsExactly(
            "clusters/a/v.yaml:5:12 schedule immediate",
            "clusters/b/v.yaml:5:12 schedule immediate");
  }
}
