package dev.lockstep.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.finding.Finding;
import dev.lockstep.finding.Findings;
import dev.lockstep.finding.Rule;
import dev.lockstep.model.SourceTree;
import dev.lockstep.parse.ParseResult;
import dev.lockstep.parse.RepositoryParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The rules over real YAML, through the real parser: findings name the file and line of the field.
 */
class ValidatorYamlTest {

  /** A revision held in memory. */
  record MemoryTree(Map<String, String> files) implements SourceTree {
    MemoryTree {
      files = new TreeMap<>(files);
    }

    @Override
    public String revision() {
      return "test";
    }

    @Override
    public List<String> paths() {
      return List.copyOf(files.keySet());
    }

    @Override
    public long size(String path) {
      return read(path).length;
    }

    @Override
    public byte[] read(String path) {
      return files.get(path).getBytes(StandardCharsets.UTF_8);
    }
  }

  static final String CLUSTER_YAML =
      """
      kind: lockstep_cluster
      metadata:
        name: prod
      spec:
        auth_version: 17.2.1
        channels: [stable/rolling, stable/gone]
      """;

  static final String CONFIG =
      """
      kind: autoupdate_config
      version: v1
      metadata:
        name: autoupdate-config
      spec:
        agents:
          mode: enabled
          strategy: halt-on-error
          schedules:
            regular:
              - name: dev
                days: [Mon, Tue]
                start_hour: 4
              - name: prod
                days: [Mon, Tuesday, Mon]
                start_hour: 24
                wait_hours: 24
      """;

  static final String VERSION =
      """
      kind: autoupdate_version
      version: v1
      metadata:
        name: ""
      spec:
        agents:
          start_version: 17.2.0
          target_version: 17.3.0
          schedule: regular
          mode: enabled
      """;

  static Findings validate(Map<String, String> files, ValidationContext context) {
    ParseResult parsed = new RepositoryParser().parse(new MemoryTree(files));
    return parsed.findings().plus(new Validator().validate(parsed.state(), context));
  }

  static Map<String, String> repository() {
    return Map.of(
        "clusters/prod/cluster.yaml", CLUSTER_YAML,
        "clusters/prod/autoupdate_config.yaml", CONFIG,
        "clusters/prod/autoupdate_version.yaml", VERSION,
        "channels/stable/rolling/version", "v17.2.1\n");
  }

  static Finding one(Findings findings, Rule rule) {
    List<Finding> matching = findings.stream().filter(f -> f.rule().equals(rule.id())).toList();
    assertEquals(1, matching.size(), findings.items().toString());
    return matching.get(0);
  }

  @Test
  void findingsStandOnTheLineOfTheField() {
    Findings findings = validate(repository(), ValidationContext.OFFLINE);

    Finding startHour = one(findings, TeleportRules.START_HOUR);
    assertEquals("clusters/prod/autoupdate_config.yaml", startHour.location().file());
    assertEquals(16, startHour.location().line());
    assertEquals("spec.agents.schedules.regular[1].start_hour", startHour.path());

    Finding days = one(findings, TeleportRules.GROUP_DAYS);
    assertEquals(15, days.location().line());
    assertEquals("spec.agents.schedules.regular[1].days[2]", days.path());
    assertTrue(days.message().contains("duplicate weekday: Monday"), days.message());

    Finding newer = one(findings, CompatRules.NEWER_THAN_AUTH);
    assertEquals("clusters/prod/autoupdate_version.yaml", newer.location().file());
    assertEquals(8, newer.location().line());

    Finding gone = one(findings, CompatRules.UNKNOWN_CHANNEL);
    assertEquals("clusters/prod/cluster.yaml", gone.location().file());
    assertEquals(6, gone.location().line());

    Finding critical = one(findings, ChannelRules.MISSING_CRITICAL);
    assertEquals("channels/stable/rolling/critical", critical.location().file());
  }

  @Test
  void anEmptyNameIsFilledInAsTctlDoes() {
    Findings findings = validate(repository(), ValidationContext.OFFLINE);
    assertEquals(
        Optional.empty(),
        findings.stream().filter(f -> f.rule().equals(TeleportRules.NAME.id())).findAny());
  }

  @Test
  void aWrongNameStandsOnItsLine() {
    Map<String, String> files = new TreeMap<>(repository());
    files.put(
        "clusters/prod/autoupdate_version.yaml", VERSION.replace("name: \"\"", "name: my-version"));
    Finding name = one(validate(files, ValidationContext.OFFLINE), TeleportRules.NAME);
    assertEquals(4, name.location().line());
    assertTrue(name.message().startsWith("Name is not valid"), name.message());
  }

  @Test
  void theSampleRepositoryIsClean() {
    ParseResult parsed = new RepositoryParser().parsePath(java.nio.file.Path.of("sample-repo"));
    Findings findings =
        parsed.findings().plus(new Validator().validate(parsed.state(), ValidationContext.OFFLINE));
    assertEquals("", findings.stream().map(Finding::toString).collect(Collectors.joining("\n")));
    assertEquals(2, parsed.state().clusters().size());
  }
}
