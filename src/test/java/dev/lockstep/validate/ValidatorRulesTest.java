package dev.lockstep.validate;

import static dev.lockstep.validate.Fixtures.*;
import static dev.lockstep.validate.RuleCase.fails;
import static dev.lockstep.validate.RuleCase.passes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Named.named;

import dev.lockstep.finding.Finding;
import dev.lockstep.finding.Findings;
import dev.lockstep.finding.Rule;
import dev.lockstep.model.Channel;
import dev.lockstep.model.ClusterSource;
import dev.lockstep.model.DesiredState;
import dev.lockstep.model.Frozen;
import dev.lockstep.model.Resource;
import dev.lockstep.model.ResourceKind;
import dev.lockstep.model.SourceLocation;
import dev.lockstep.model.Version;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every built-in validation rule, failing and passing, as tables. Rows start from a valid cluster
 * ({@link Fixtures#validState()}) and change one thing.
 */
class ValidatorRulesTest {

  static final String CONFIG = FOLDER + "autoupdate_config.yaml";
  static final String VERSION = FOLDER + "autoupdate_version.yaml";
  static final String CMC = FOLDER + "cluster_maintenance_config.yaml";
  static final String CLUSTER_YAML = FOLDER + "cluster.yaml";
  static final String GROUP0 = "spec.agents.schedules.regular[0]";
  static final String GROUP1 = "spec.agents.schedules.regular[1]";
  static final String GROUP2 = "spec.agents.schedules.regular[2]";

  // ---- builders: a valid cluster with one resource changed

  @SafeVarargs
  static DesiredState withConfig(Consumer<Map<String, Object>>... edits) {
    return withConfigSpec(configSpec(), edits);
  }

  @SafeVarargs
  static DesiredState withTimeBased(Consumer<Map<String, Object>>... edits) {
    return withConfigSpec(timeBasedSpec(), edits);
  }

  @SafeVarargs
  static DesiredState withConfigSpec(
      Map<String, Object> spec, Consumer<Map<String, Object>>... edits) {
    return assemble(apply(spec, edits), versionSpec(), cmcSpec(), clusterSpec());
  }

  @SafeVarargs
  static DesiredState withVersion(Consumer<Map<String, Object>>... edits) {
    return assemble(configSpec(), apply(versionSpec(), edits), cmcSpec(), clusterSpec());
  }

  @SafeVarargs
  static DesiredState withCmc(Consumer<Map<String, Object>>... edits) {
    return assemble(configSpec(), versionSpec(), apply(cmcSpec(), edits), clusterSpec());
  }

  @SafeVarargs
  static DesiredState withClusterYaml(Consumer<Map<String, Object>>... edits) {
    return assemble(configSpec(), versionSpec(), cmcSpec(), apply(clusterSpec(), edits));
  }

  /** A cloud cluster whose config is {@code spec} edited. */
  @SafeVarargs
  static DesiredState cloud(Map<String, Object> spec, Consumer<Map<String, Object>>... edits) {
    return assemble(
        apply(spec, edits), versionSpec(), cmcSpec(), apply(clusterSpec(), set("cloud", true)));
  }

  static DesiredState assemble(
      Map<String, Object> config,
      Map<String, Object> version,
      Map<String, Object> cmc,
      Map<String, Object> cluster) {
    return state(cluster(descriptor(cluster), config(config), version(version), cmc(cmc)));
  }

  @SafeVarargs
  static Map<String, Object> apply(
      Map<String, Object> spec, Consumer<Map<String, Object>>... edits) {
    Map<String, Object> out = spec;
    for (Consumer<Map<String, Object>> e : edits) {
      out = edit(out, e);
    }
    return out;
  }

  static DesiredState withResource(Resource r) {
    List<Resource> resources =
        new ArrayList<>(List.of(config(configSpec()), version(versionSpec()), cmc(cmcSpec())));
    resources.removeIf(x -> x.kind() == r.kind());
    resources.add(r);
    return state(cluster(descriptor(clusterSpec()), resources.toArray(Resource[]::new)));
  }

  static Consumer<Map<String, Object>> groups(int count, long startHour, long waitHours) {
    List<Object> list = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      list.add(group("g" + i, startHour, i == 0 ? 0 : waitHours));
    }
    return set("agents.schedules.regular", list);
  }

  static DesiredState onlyChannel(Channel channel) {
    return Fixtures.state(List.of(), List.of(channel));
  }

  static DesiredState withChannel(Channel channel) {
    return Fixtures.state(
        List.of(cluster(descriptor(clusterSpec()), config(configSpec()), version(versionSpec()))),
        List.of(channel));
  }

  static ValidationContext authFlag(String v) {
    return new ValidationContext(Optional.of(Version.tryParse(v).orElseThrow()), Map.of());
  }

  static ValidationContext live(String v) {
    return new ValidationContext(
        Optional.empty(), Map.of(CLUSTER, Version.tryParse(v).orElseThrow()));
  }

  static Named<RuleCase> row(String name, RuleCase c) {
    return named(name, c);
  }

  // ---- tables

  static Stream<Named<RuleCase>> teleportRules() {
    return Stream.of(
        // teleport-semantics §1
        row(
            "name: a wrong metadata.name is not valid",
            fails(
                TeleportRules.NAME,
                CONFIG,
                "metadata.name",
                withResource(
                    document(ResourceKind.AUTOUPDATE_CONFIG, "my-config", "v1", configSpec())))),
        row(
            "name: the maintenance config tolerates cluster_maintenance_config",
            passes(
                TeleportRules.NAME,
                withResource(
                    document(
                        ResourceKind.CLUSTER_MAINTENANCE_CONFIG,
                        "cluster_maintenance_config",
                        "v1",
                        cmcSpec())))),
        row(
            "name: checked even when the parser found shape errors",
            fails(
                TeleportRules.NAME,
                VERSION,
                "metadata.name",
                withResource(malformed(ResourceKind.AUTOUPDATE_VERSION, "v", versionSpec())))),
        row(
            "spec: an autoupdate_version without spec",
            fails(
                TeleportRules.SPEC_REQUIRED,
                VERSION,
                "spec",
                withResource(withoutSpec(ResourceKind.AUTOUPDATE_VERSION)))),
        row(
            "spec: the maintenance config may omit it",
            passes(
                TeleportRules.SPEC_REQUIRED,
                withResource(withoutSpec(ResourceKind.CLUSTER_MAINTENANCE_CONFIG)))),
        row(
            "spec: an empty spec is present",
            passes(TeleportRules.SPEC_REQUIRED, withResource(config(Map.of())))),
        row(
            "resource version: v2 is rejected",
            fails(
                TeleportRules.RESOURCE_VERSION,
                CONFIG,
                "version",
                withResource(
                    document(
                        ResourceKind.AUTOUPDATE_CONFIG, "autoupdate-config", "v2", configSpec())))),
        row(
            "resource version: maintenance config v2 is rejected",
            fails(
                TeleportRules.RESOURCE_VERSION,
                CMC,
                "version",
                withResource(
                    document(
                        ResourceKind.CLUSTER_MAINTENANCE_CONFIG,
                        "cluster-maintenance-config",
                        "v2",
                        cmcSpec())))),
        row(
            "resource version: a missing version is defaulted",
            passes(
                TeleportRules.RESOURCE_VERSION,
                withResource(
                    document(
                        ResourceKind.CLUSTER_MAINTENANCE_CONFIG,
                        "cluster-maintenance-config",
                        null,
                        cmcSpec())))),
        // teleport-semantics §2.2
        row(
            "tools mode: empty is invalid when tools is present",
            fails(
                TeleportRules.TOOLS_MODE,
                CONFIG,
                "spec.tools.mode",
                withConfig(set("tools.mode", "")))),
        row(
            "tools mode: on is not a mode",
            fails(
                TeleportRules.TOOLS_MODE,
                CONFIG,
                "spec.tools.mode",
                withConfig(set("tools.mode", "on")))),
        row(
            "tools mode: disabled",
            passes(TeleportRules.TOOLS_MODE, withConfig(set("tools.mode", "disabled")))),
        row(
            "tools mode: not checked on a resource with shape errors",
            passes(
                TeleportRules.TOOLS_MODE,
                withResource(
                    malformed(
                        ResourceKind.AUTOUPDATE_CONFIG,
                        "autoupdate-config",
                        edit(configSpec(), set("tools.mode", "on")))))),
        row(
            "agents mode: paused is not a mode (teleport-semantics §22)",
            fails(
                TeleportRules.AGENTS_MODE,
                CONFIG,
                "spec.agents.mode",
                withConfig(set("agents.mode", "paused")))),
        row(
            "agents mode: empty version mode is invalid",
            fails(
                TeleportRules.AGENTS_MODE,
                VERSION,
                "spec.agents.mode",
                withVersion(remove("agents.mode")))),
        row(
            "agents mode: suspended",
            passes(TeleportRules.AGENTS_MODE, withConfig(set("agents.mode", "suspended")))),
        row(
            "strategy: empty is invalid (no default when agents is present)",
            fails(
                TeleportRules.STRATEGY,
                CONFIG,
                "spec.agents.strategy",
                withConfig(remove("agents.strategy")))),
        row(
            "strategy: canary is not a strategy",
            fails(
                TeleportRules.STRATEGY,
                CONFIG,
                "spec.agents.strategy",
                withConfig(set("agents.strategy", "canary")))),
        row("strategy: time-based", passes(TeleportRules.STRATEGY, withTimeBased())),
        row(
            "window syntax: 2 hours is not a duration",
            fails(
                TeleportRules.WINDOW_DURATION_SYNTAX,
                CONFIG,
                "spec.agents.maintenance_window_duration",
                withTimeBased(set("agents.maintenance_window_duration", "2 hours")))),
        row(
            "window syntax: a bare number is not a duration",
            fails(
                TeleportRules.WINDOW_DURATION_SYNTAX,
                CONFIG,
                "spec.agents.maintenance_window_duration",
                withTimeBased(set("agents.maintenance_window_duration", 3600L)))),
        row(
            "window syntax: protobuf seconds",
            passes(
                TeleportRules.WINDOW_DURATION_SYNTAX,
                withTimeBased(set("agents.maintenance_window_duration", "3600s")))),
        row(
            "window: halt-on-error with a window",
            fails(
                TeleportRules.WINDOW_DURATION,
                CONFIG,
                "spec.agents.maintenance_window_duration",
                withConfig(set("agents.maintenance_window_duration", "1h")))),
        row(
            "window: time-based 9m is too short",
            fails(
                TeleportRules.WINDOW_DURATION,
                CONFIG,
                "spec.agents.maintenance_window_duration",
                withTimeBased(set("agents.maintenance_window_duration", "9m")))),
        row(
            "window: time-based without a window",
            fails(
                TeleportRules.WINDOW_DURATION,
                CONFIG,
                "spec.agents.maintenance_window_duration",
                withTimeBased(remove("agents.maintenance_window_duration")))),
        row(
            "window: time-based exactly 10m is accepted (teleport-semantics §22)",
            passes(
                TeleportRules.WINDOW_DURATION,
                withTimeBased(set("agents.maintenance_window_duration", "10m")))),
        row(
            "window: halt-on-error with 0s",
            passes(
                TeleportRules.WINDOW_DURATION,
                withConfig(set("agents.maintenance_window_duration", "0s")))),
        row(
            "group name: empty",
            fails(
                TeleportRules.GROUP_NAME,
                CONFIG,
                GROUP1 + ".name",
                withConfig(set("agents.schedules.regular[1].name", "")))),
        row("group name: all named", passes(TeleportRules.GROUP_NAME, validState())),
        row(
            "group days: empty list",
            fails(
                TeleportRules.GROUP_DAYS,
                CONFIG,
                GROUP0 + ".days",
                withConfig(set("agents.schedules.regular[0].days", List.of())))),
        row(
            "group days: * mixed with a day",
            fails(
                TeleportRules.GROUP_DAYS,
                CONFIG,
                GROUP0 + ".days[0]",
                withConfig(set("agents.schedules.regular[0].days", List.of("*", "Mon"))))),
        row(
            "group days: Mon and Monday are duplicates",
            fails(
                TeleportRules.GROUP_DAYS,
                CONFIG,
                GROUP0 + ".days[1]",
                withConfig(set("agents.schedules.regular[0].days", List.of("Mon", "Monday"))))),
        row(
            "group days: tues is not a day",
            fails(
                TeleportRules.GROUP_DAYS,
                CONFIG,
                GROUP2 + ".days[0]",
                withConfig(set("agents.schedules.regular[2].days", List.of("tues"))))),
        row(
            "group days: * alone",
            passes(
                TeleportRules.GROUP_DAYS,
                withConfig(set("agents.schedules.regular[0].days", List.of("*"))))),
        row(
            "group days: any case",
            passes(
                TeleportRules.GROUP_DAYS,
                withConfig(set("agents.schedules.regular[0].days", List.of("monday", "TUE"))))),
        row(
            "wait hours: negative",
            fails(
                TeleportRules.WAIT_HOURS_NEGATIVE,
                CONFIG,
                GROUP1 + ".wait_hours",
                withConfig(set("agents.schedules.regular[1].wait_hours", -1L)))),
        row(
            "wait hours: zero",
            passes(
                TeleportRules.WAIT_HOURS_NEGATIVE,
                withConfig(set("agents.schedules.regular[1].wait_hours", 0L)))),
        row(
            "start hour: 24",
            fails(
                TeleportRules.START_HOUR,
                CONFIG,
                GROUP1 + ".start_hour",
                withConfig(set("agents.schedules.regular[1].start_hour", 24L)))),
        row(
            "start hour: -1",
            fails(
                TeleportRules.START_HOUR,
                CONFIG,
                GROUP0 + ".start_hour",
                withConfig(set("agents.schedules.regular[0].start_hour", -1L)))),
        row(
            "start hour: 23 and 0",
            passes(
                TeleportRules.START_HOUR,
                withConfig(
                    set("agents.schedules.regular[0].start_hour", 0L),
                    set("agents.schedules.regular[1].start_hour", 23L)))),
        row(
            "wait hours: time-based groups cannot wait",
            fails(
                TeleportRules.WAIT_HOURS_TIME_BASED,
                CONFIG,
                GROUP0 + ".wait_hours",
                withTimeBased(set("agents.schedules.regular[0].wait_hours", 1L)))),
        row(
            "wait hours: halt-on-error later groups may wait",
            passes(TeleportRules.WAIT_HOURS_TIME_BASED, validState())),
        row(
            "wait hours: the first halt-on-error group cannot wait",
            fails(
                TeleportRules.WAIT_HOURS_FIRST_GROUP,
                CONFIG,
                GROUP0 + ".wait_hours",
                withConfig(set("agents.schedules.regular[0].wait_hours", 1L)))),
        row(
            "wait hours: first group without wait",
            passes(TeleportRules.WAIT_HOURS_FIRST_GROUP, validState())),
        row(
            "duplicate group: dev twice",
            fails(
                TeleportRules.DUPLICATE_GROUP,
                CONFIG,
                GROUP2 + ".name",
                withConfig(set("agents.schedules.regular[2].name", "dev")))),
        row(
            "duplicate group: names are case-sensitive",
            passes(
                TeleportRules.DUPLICATE_GROUP,
                withConfig(set("agents.schedules.regular[2].name", "Dev")))),
        // teleport-semantics §2.3
        row(
            "canary count: 6 is above 5",
            fails(
                TeleportRules.CANARY_COUNT,
                CONFIG,
                GROUP1 + ".canary_count",
                withConfig(set("agents.schedules.regular[1].canary_count", 6L)))),
        row(
            "canary count: negative",
            fails(
                TeleportRules.CANARY_COUNT,
                CONFIG,
                GROUP0 + ".canary_count",
                withConfig(set("agents.schedules.regular[0].canary_count", -1L)))),
        row(
            "canary count: exactly 5 is accepted (teleport-semantics §22)",
            passes(
                TeleportRules.CANARY_COUNT,
                withConfig(set("agents.schedules.regular[1].canary_count", 5L)))),
        // teleport-semantics §2.4
        row(
            "max groups: 11 halt-on-error groups",
            fails(
                TeleportRules.MAX_GROUPS,
                CONFIG,
                "spec.agents.schedules.regular[10]",
                withConfig(groups(11, 4, 0)))),
        row(
            "max groups: 21 time-based groups",
            fails(
                TeleportRules.MAX_GROUPS,
                CONFIG,
                "spec.agents.schedules.regular[20]",
                withTimeBased(groups(21, 4, 0)))),
        row(
            "max groups: 5 halt-on-error groups on Cloud",
            fails(
                TeleportRules.MAX_GROUPS,
                CONFIG,
                "spec.agents.schedules.regular[4]",
                cloud(configSpec(), groups(5, 4, 0)))),
        row(
            "max groups: 10 halt-on-error groups",
            passes(TeleportRules.MAX_GROUPS, withConfig(groups(10, 4, 0)))),
        row(
            "max groups: 20 time-based groups",
            passes(TeleportRules.MAX_GROUPS, withTimeBased(groups(20, 4, 0)))),
        row(
            "max groups: 4 groups on Cloud",
            passes(TeleportRules.MAX_GROUPS, cloud(configSpec(), groups(4, 4, 0)))),
        row(
            "cloud days: every day",
            fails(
                TeleportRules.CLOUD_DAYS_RULE,
                CONFIG,
                GROUP0 + ".days",
                cloud(configSpec(), set("agents.schedules.regular[0].days", List.of("*"))))),
        row(
            "cloud days: Monday to Friday",
            fails(
                TeleportRules.CLOUD_DAYS_RULE,
                CONFIG,
                GROUP1 + ".days",
                cloud(
                    configSpec(),
                    set(
                        "agents.schedules.regular[1].days",
                        List.of("Mon", "Tue", "Wed", "Thu", "Fri"))))),
        row(
            "cloud days: Mon-Thu in any order and spelling",
            passes(
                TeleportRules.CLOUD_DAYS_RULE,
                cloud(
                    configSpec(),
                    set(
                        "agents.schedules.regular[0].days",
                        List.of("Thursday", "mon", "TUE", "Wed"))))),
        row(
            "cloud days: not checked off Cloud",
            passes(
                TeleportRules.CLOUD_DAYS_RULE,
                withConfig(set("agents.schedules.regular[0].days", List.of("*"))))),
        row(
            "cloud rollout time: 4 daily groups take 73 h",
            fails(
                TeleportRules.CLOUD_ROLLOUT_TIME,
                CONFIG,
                "spec.agents.schedules.regular",
                cloud(configSpec(), groups(4, 0, 24)))),
        row(
            "cloud rollout time: 3 daily groups take 49 h",
            passes(TeleportRules.CLOUD_ROLLOUT_TIME, cloud(configSpec(), groups(3, 0, 24)))),
        row(
            "cloud rollout time: not checked off Cloud",
            passes(TeleportRules.CLOUD_ROLLOUT_TIME, withConfig(groups(4, 0, 24)))),
        // teleport-semantics §3.2
        row(
            "version: leading v is rejected by checkVersion",
            fails(
                TeleportRules.VERSION_SYNTAX,
                VERSION,
                "spec.tools.target_version",
                withVersion(set("tools.target_version", "v17.2.1")))),
        row(
            "version: unset start_version",
            fails(
                TeleportRules.VERSION_SYNTAX,
                VERSION,
                "spec.agents.start_version",
                withVersion(remove("agents.start_version")))),
        row(
            "version: MAJOR.MINOR only",
            fails(
                TeleportRules.VERSION_SYNTAX,
                VERSION,
                "spec.agents.target_version",
                withVersion(set("agents.target_version", "17.2")))),
        row(
            "version: pre-release and build metadata",
            passes(
                TeleportRules.VERSION_SYNTAX,
                withVersion(set("agents.target_version", "17.2.1-rc.1+build.5")))),
        row(
            "schedule: empty is invalid",
            fails(
                TeleportRules.SCHEDULE,
                VERSION,
                "spec.agents.schedule",
                withVersion(remove("agents.schedule")))),
        row(
            "schedule: later is not a schedule",
            fails(
                TeleportRules.SCHEDULE,
                VERSION,
                "spec.agents.schedule",
                withVersion(set("agents.schedule", "later")))),
        row(
            "schedule: immediate",
            passes(TeleportRules.SCHEDULE, withVersion(set("agents.schedule", "immediate")))),
        // teleport-semantics §12
        row(
            "cmc start hour: 24",
            fails(
                TeleportRules.CMC_START_HOUR,
                CMC,
                "spec.agent_upgrades.utc_start_hour",
                withCmc(set("agent_upgrades.utc_start_hour", 24L)))),
        row(
            "cmc start hour: 23",
            passes(
                TeleportRules.CMC_START_HOUR, withCmc(set("agent_upgrades.utc_start_hour", 23L)))),
        row(
            "cmc weekday: * is not a CMC weekday",
            fails(
                TeleportRules.CMC_WEEKDAY,
                CMC,
                "spec.agent_upgrades.weekdays[0]",
                withCmc(set("agent_upgrades.weekdays", List.of("*"))))),
        row(
            "cmc weekday: tues",
            fails(
                TeleportRules.CMC_WEEKDAY,
                CMC,
                "spec.agent_upgrades.weekdays[1]",
                withCmc(set("agent_upgrades.weekdays", List.of("Monday", "tues"))))),
        row(
            "cmc weekday: duplicates and empty lists are allowed",
            passes(
                TeleportRules.CMC_WEEKDAY,
                withCmc(set("agent_upgrades.weekdays", List.of("Monday", "Monday"))))),
        // warnings
        row(
            "downgrade: start above target",
            fails(
                TeleportRules.DOWNGRADE,
                VERSION,
                "spec.agents.target_version",
                withVersion(set("agents.start_version", "17.3.0")))),
        row(
            "downgrade: same start and target",
            passes(TeleportRules.DOWNGRADE, withVersion(set("agents.start_version", "17.2.1")))),
        row(
            "ten-minute window: 10m",
            fails(
                TeleportRules.WINDOW_EXACTLY_MINIMUM,
                CONFIG,
                "spec.agents.maintenance_window_duration",
                withTimeBased(set("agents.maintenance_window_duration", "10m")))),
        row(
            "ten-minute window: 600s",
            fails(
                TeleportRules.WINDOW_EXACTLY_MINIMUM,
                CONFIG,
                "spec.agents.maintenance_window_duration",
                withTimeBased(set("agents.maintenance_window_duration", "600s")))),
        row(
            "ten-minute window: 11m",
            passes(
                TeleportRules.WINDOW_EXACTLY_MINIMUM,
                withTimeBased(set("agents.maintenance_window_duration", "11m")))),
        row(
            "cmc short weekday: Mon never matches the v1 window check",
            fails(
                TeleportRules.CMC_SHORT_WEEKDAY,
                CMC,
                "spec.agent_upgrades.weekdays[0]",
                withCmc(set("agent_upgrades.weekdays", List.of("Mon"))))),
        row(
            "cmc short weekday: monday in lower case never matches either",
            fails(
                TeleportRules.CMC_SHORT_WEEKDAY,
                CMC,
                "spec.agent_upgrades.weekdays[1]",
                withCmc(set("agent_upgrades.weekdays", List.of("Friday", "monday"))))),
        row("cmc short weekday: full names", passes(TeleportRules.CMC_SHORT_WEEKDAY, validState())),
        row(
            "past midnight: 23:00 + 2h",
            fails(
                TeleportRules.WINDOW_PAST_MIDNIGHT,
                CONFIG,
                GROUP0 + ".start_hour",
                withTimeBased(set("agents.schedules.regular[0].start_hour", 23L)))),
        row(
            "past midnight: 22:00 + 2h ends at midnight",
            passes(
                TeleportRules.WINDOW_PAST_MIDNIGHT,
                withTimeBased(set("agents.schedules.regular[0].start_hour", 22L)))),
        row(
            "immediate schedule",
            fails(
                TeleportRules.IMMEDIATE_SCHEDULE,
                VERSION,
                "spec.agents.schedule",
                withVersion(set("agents.schedule", "immediate")))),
        row("regular schedule", passes(TeleportRules.IMMEDIATE_SCHEDULE, validState())),
        row(
            "canary ignored: time-based group with canaries",
            fails(
                TeleportRules.CANARY_IGNORED,
                CONFIG,
                GROUP0 + ".canary_count",
                withTimeBased(set("agents.schedules.regular[0].canary_count", 2L)))),
        row(
            "canary ignored: halt-on-error uses canaries",
            passes(
                TeleportRules.CANARY_IGNORED,
                withConfig(set("agents.schedules.regular[0].canary_count", 2L)))),
        row(
            "agents not updating: config suspended",
            fails(
                TeleportRules.AGENTS_NOT_UPDATING,
                CONFIG,
                "spec.agents.mode",
                withConfig(set("agents.mode", "suspended")))),
        row(
            "agents not updating: version disabled wins over config suspended",
            fails(
                TeleportRules.AGENTS_NOT_UPDATING,
                VERSION,
                "spec.agents.mode",
                assemble(
                    edit(configSpec(), set("agents.mode", "suspended")),
                    edit(versionSpec(), set("agents.mode", "disabled")),
                    cmcSpec(),
                    clusterSpec()))),
        row(
            "agents not updating: both enabled",
            passes(TeleportRules.AGENTS_NOT_UPDATING, validState())),
        row(
            "agents not updating: no config means enabled",
            passes(
                TeleportRules.AGENTS_NOT_UPDATING,
                state(cluster(descriptor(clusterSpec()), version(versionSpec()))))));
  }

  static Stream<Named<RuleCase>> compatRules() {
    return Stream.of(
        row(
            "auth version: 17.2 is not a version",
            fails(
                CompatRules.INVALID_AUTH_VERSION,
                CLUSTER_YAML,
                "spec.auth_version",
                withClusterYaml(set("auth_version", "17.2")))),
        row(
            "auth version: a leading v is fine in cluster.yaml",
            passes(
                CompatRules.INVALID_AUTH_VERSION, withClusterYaml(set("auth_version", "v17.2.1")))),
        row(
            "declared differs from live",
            fails(
                CompatRules.DECLARED_DIFFERS_FROM_LIVE,
                CLUSTER_YAML,
                "spec.auth_version",
                validState(),
                live("17.3.0"))),
        row(
            "declared equals live",
            passes(CompatRules.DECLARED_DIFFERS_FROM_LIVE, validState(), live("17.2.1"))),
        row(
            "newer: agents target above declared Auth",
            fails(
                CompatRules.NEWER_THAN_AUTH,
                VERSION,
                "spec.agents.target_version",
                withVersion(set("agents.target_version", "17.2.2")))),
        row(
            "newer: agents start above Auth",
            fails(
                CompatRules.NEWER_THAN_AUTH,
                VERSION,
                "spec.agents.start_version",
                withVersion(
                    set("agents.start_version", "17.3.0"),
                    set("agents.target_version", "17.2.0")))),
        row(
            "newer: tools target a major above",
            fails(
                CompatRules.NEWER_THAN_AUTH,
                VERSION,
                "spec.tools.target_version",
                withVersion(set("tools.target_version", "18.0.0")))),
        row(
            "newer: a followed channel above Auth",
            fails(
                CompatRules.NEWER_THAN_AUTH,
                "channels/stable/rolling/version",
                "",
                withChannel(channel("stable/rolling", "v17.3.0", "no")))),
        row(
            "newer: --auth-version wins over cluster.yaml",
            fails(
                CompatRules.NEWER_THAN_AUTH,
                VERSION,
                "spec.agents.target_version",
                validState(),
                authFlag("17.2.0"))),
        row(
            "newer: the live version wins over cluster.yaml",
            fails(
                CompatRules.NEWER_THAN_AUTH,
                VERSION,
                "spec.agents.target_version",
                validState(),
                live("17.0.0"))),
        row(
            "newer: everything at the Auth version",
            passes(CompatRules.NEWER_THAN_AUTH, validState())),
        row(
            "newer: a release candidate sorts before its release",
            passes(
                CompatRules.NEWER_THAN_AUTH,
                withVersion(set("agents.target_version", "17.2.1-rc.1")))),
        row(
            "newer: a channel of none is skipped",
            passes(
                CompatRules.NEWER_THAN_AUTH, withChannel(channel("stable/rolling", "none", "no")))),
        row(
            "newer: --auth-version above cluster.yaml allows more",
            passes(
                CompatRules.NEWER_THAN_AUTH,
                withVersion(set("agents.target_version", "17.4.0")),
                authFlag("17.4.0"))),
        row(
            "major behind: start two majors behind",
            fails(
                CompatRules.MAJOR_BEHIND,
                VERSION,
                "spec.agents.start_version",
                withVersion(set("agents.start_version", "15.4.0")))),
        row(
            "major behind: a followed channel two majors behind",
            fails(
                CompatRules.MAJOR_BEHIND,
                "channels/stable/rolling/version",
                "",
                withChannel(channel("stable/rolling", "v15.1.0", "no")))),
        row(
            "major behind: one major behind is supported",
            passes(CompatRules.MAJOR_BEHIND, withVersion(set("agents.start_version", "16.0.0")))),
        row(
            "unknown channel: listed but absent",
            fails(
                CompatRules.UNKNOWN_CHANNEL,
                CLUSTER_YAML,
                "spec.channels[1]",
                withClusterYaml(set("channels", List.of("stable/rolling", "stable/missing"))))),
        row(
            "unknown channel: every listed channel exists",
            passes(CompatRules.UNKNOWN_CHANNEL, validState())),
        row(
            "not checked: cluster.yaml without auth_version",
            fails(
                CompatRules.NOT_CHECKED,
                CLUSTER_YAML,
                "",
                withClusterYaml(remove("auth_version")))),
        row(
            "not checked: no cluster.yaml at all",
            fails(
                CompatRules.NOT_CHECKED,
                VERSION,
                "",
                state(cluster(null, config(configSpec()), version(versionSpec()))))),
        row(
            "not checked: --auth-version given",
            passes(
                CompatRules.NOT_CHECKED,
                withClusterYaml(remove("auth_version")),
                authFlag("17.2.1"))),
        row(
            "not checked: nothing to check",
            passes(CompatRules.NOT_CHECKED, state(cluster(null, config(configSpec()))))),
        row(
            "not checked: an invalid auth_version is already an error",
            passes(CompatRules.NOT_CHECKED, withClusterYaml(set("auth_version", "seventeen")))));
  }

  static Stream<Named<RuleCase>> channelRules() {
    String dir = "channels/stable/rolling/";
    return Stream.of(
        row(
            "missing version file -> names the version file, not its sibling",
            fails(
                ChannelRules.MISSING_VERSION,
                dir + "version",
                "",
                onlyChannel(channel("stable/rolling", null, "no")))),
        row(
            "version file present",
            passes(ChannelRules.MISSING_VERSION, onlyChannel(stableRolling()))),
        row(
            "version: MAJOR.MINOR only",
            fails(
                ChannelRules.VERSION,
                dir + "version",
                "",
                onlyChannel(channel("stable/rolling", "17.2", "no")))),
        row(
            "version: empty file",
            fails(
                ChannelRules.VERSION,
                dir + "version",
                "",
                onlyChannel(channel("stable/rolling", "", "no")))),
        row(
            "version: latest",
            fails(
                ChannelRules.VERSION,
                dir + "version",
                "",
                onlyChannel(channel("stable/rolling", "latest", "no")))),
        row(
            "version: with a leading v",
            passes(ChannelRules.VERSION, onlyChannel(channel("stable/rolling", "v17.2.1", "no")))),
        row(
            "version: none",
            passes(ChannelRules.VERSION, onlyChannel(channel("stable/rolling", "none", "no")))),
        row(
            "critical: maybe",
            fails(
                ChannelRules.CRITICAL,
                dir + "critical",
                "",
                onlyChannel(channel("stable/rolling", "17.2.1", "maybe")))),
        row(
            "critical: YES",
            passes(ChannelRules.CRITICAL, onlyChannel(channel("stable/rolling", "17.2.1", "YES")))),
        row(
            "critical: False",
            passes(
                ChannelRules.CRITICAL, onlyChannel(channel("stable/rolling", "17.2.1", "False")))),
        row(
            "missing critical file -> names the critical file",
            fails(
                ChannelRules.MISSING_CRITICAL,
                dir + "critical",
                "",
                onlyChannel(channel("stable/rolling", "17.2.1", null)))),
        row(
            "critical file present",
            passes(ChannelRules.MISSING_CRITICAL, onlyChannel(stableRolling()))));
  }

  static final String DEFAULTS_YAML = "clusters/_defaults/cluster.yaml";

  /** The valid cluster plus {@code staging}, with repository defaults whose spec is given. */
  static DesiredState withDefaults(Map<String, Object> defaultsSpec) {
    DesiredState valid = validState();
    return new DesiredState(
        "test",
        valid.clusters(),
        valid.channels(),
        List.of(),
        Optional.of(
            dev.lockstep.model.TestResources.of(
                ResourceKind.LOCKSTEP_CLUSTER, defaultsSpec, DEFAULTS_YAML)));
  }

  /** {@code prod} with the given spec.bump, and a {@code staging} cluster beside it. */
  static DesiredState withStaging(Map<String, Object> bump) {
    ClusterSource prod =
        cluster(
            descriptor(apply(clusterSpec(), set("bump", bump))),
            config(configSpec()),
            version(versionSpec()));
    ClusterSource staging =
        new ClusterSource(
            "staging",
            "clusters/staging/",
            dev.lockstep.model.TestResources.of(
                ResourceKind.LOCKSTEP_CLUSTER, clusterSpec(), "clusters/staging/cluster.yaml"),
            List.of());
    return Fixtures.state(List.of(prod, staging), List.of(stableRolling()));
  }

  static Map<String, Object> bump(Object... keyValues) {
    return tree(ordered(keyValues));
  }

  static Stream<Named<RuleCase>> bumpRules() {
    return Stream.of(
        row(
            "bump: a release age in words",
            fails(
                BumpRules.DURATION,
                CLUSTER_YAML,
                "spec.bump.minimum_release_age.patch",
                withClusterYaml(
                    set("bump", bump("minimum_release_age", bump("patch", "3 days")))))),
        row(
            "bump: a negative promotion soak",
            fails(
                BumpRules.DURATION,
                CLUSTER_YAML,
                "spec.bump.promotion_soak",
                withClusterYaml(set("bump", bump("promotion_soak", "-48h"))))),
        row(
            "bump: a bad duration in the repository defaults",
            fails(
                BumpRules.DURATION,
                DEFAULTS_YAML,
                "spec.bump.minimum_release_age.major",
                withDefaults(
                    bump("bump", bump("minimum_release_age", bump("major", "two weeks")))))),
        row(
            "bump: days, hours, both and zero",
            passes(
                BumpRules.DURATION,
                withClusterYaml(
                    set(
                        "bump",
                        bump(
                            "minimum_release_age",
                            bump("major", "14d", "minor", "1d12h", "patch", "0"),
                            "promotion_soak",
                            "48h"))))),
        row(
            "bump: follow latest",
            fails(
                BumpRules.FOLLOW,
                CLUSTER_YAML,
                "spec.bump.follow",
                withClusterYaml(set("bump", bump("follow", "latest"))))),
        row(
            "bump: follow cloud-stable",
            passes(BumpRules.FOLLOW, withClusterYaml(set("bump", bump("follow", "cloud-stable"))))),
        row(
            "bump: promote from a cluster the repository does not have",
            fails(
                BumpRules.PROMOTE_FROM,
                CLUSTER_YAML,
                "spec.bump.promote_from",
                withStaging(bump("promote_from", "qa")))),
        row(
            "bump: promote from itself",
            fails(
                BumpRules.PROMOTE_FROM,
                CLUSTER_YAML,
                "spec.bump.promote_from",
                withStaging(bump("promote_from", "prod")))),
        row(
            "bump: promote from staging",
            passes(BumpRules.PROMOTE_FROM, withStaging(bump("promote_from", "staging")))),
        row(
            "bump: the repository defaults set a proxy",
            fails(
                BumpRules.DEFAULTS_ONLY_BUMP,
                DEFAULTS_YAML,
                "spec.proxy",
                withDefaults(bump("proxy", "teleport.example.com:443", "bump", bump())))),
        row(
            "bump: the repository defaults set only spec.bump",
            passes(
                BumpRules.DEFAULTS_ONLY_BUMP,
                withDefaults(bump("bump", bump("minimum_release_age", bump("patch", "1d")))))));
  }

  static Stream<Named<RuleCase>> allRows() {
    return Stream.of(teleportRules(), compatRules(), channelRules(), bumpRules()).flatMap(s -> s);
  }

  static Resource withoutSpec(ResourceKind kind) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("kind", kind.kind());
    doc.put("version", "v1");
    doc.put("metadata", Map.of("name", kind.singletonName()));
    return new Resource(
        kind,
        kind.singletonName(),
        Frozen.map(doc),
        new SourceLocation(FOLDER + kind.kind() + ".yaml", 1, 1),
        Map.of(),
        true);
  }

  static Resource malformed(ResourceKind kind, String name, Map<String, Object> spec) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("kind", kind.kind());
    doc.put("version", "v1");
    doc.put("metadata", Map.of("name", name));
    doc.put("spec", spec);
    return new Resource(
        kind,
        name,
        Frozen.map(doc),
        new SourceLocation(FOLDER + kind.kind() + ".yaml", 1, 1),
        Map.of(),
        false);
  }

  // ---- tests

  @ParameterizedTest(name = "{0}")
  @MethodSource("allRows")
  void rule(RuleCase c) {
    Findings findings = new Validator().validate(c.state(), c.context());
    List<Finding> ofRule = findings.stream().filter(f -> f.rule().equals(c.rule())).toList();
    if (!c.isFailing()) {
      assertEquals(List.of(), ofRule, "rule " + c.rule() + " must stay silent");
      return;
    }
    assertTrue(
        ofRule.stream()
            .anyMatch(
                f ->
                    f.severity() == c.severity()
                        && f.path().equals(c.path())
                        && f.location().file().equals(c.file())),
        "expected "
            + c.severity().label()
            + " ["
            + c.rule()
            + "] at "
            + c.file()
            + " path '"
            + c.path()
            + "', got "
            + findings.items());
  }

  @Test
  void aValidRepositoryHasNoFindings() {
    assertEquals(
        List.of(), new Validator().validate(validState(), ValidationContext.OFFLINE).items());
  }

  @Test
  void everyValidationRuleHasAFailingAndAPassingRow() {
    Set<String> failing = new HashSet<>();
    Set<String> passing = new HashSet<>();
    allRows()
        .map(Named::getPayload)
        .forEach(c -> (c.isFailing() ? failing : passing).add(c.rule()));
    // The rules of the classes this table covers, as the catalog lists them. Other stages
    // (parse, policy, channel consistency, source) test their own rules.
    Set<String> mine =
        Stream.of(TeleportRules.ALL, CompatRules.ALL, ChannelRules.ALL, BumpRules.ALL)
            .flatMap(List::stream)
            .map(Rule::id)
            .collect(Collectors.toSet());
    Set<String> validationRules =
        Rules.all().stream()
            .map(Rule::id)
            .filter(mine::contains)
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(mine, validationRules, "every rule of these classes is in Rules.all()");
    Set<String> missingFailing = new TreeSet<>(validationRules);
    missingFailing.removeAll(failing);
    Set<String> missingPassing = new TreeSet<>(validationRules);
    missingPassing.removeAll(passing);
    assertEquals(Set.of(), missingFailing, "rules without a failing row");
    assertEquals(Set.of(), missingPassing, "rules without a passing row");
  }

  @Test
  void everyRuleOfTheThreeClassesIsInTheCatalog() {
    List<Rule> mine = new ArrayList<>();
    mine.addAll(TeleportRules.ALL);
    mine.addAll(CompatRules.ALL);
    mine.addAll(ChannelRules.ALL);
    assertTrue(Rules.all().containsAll(mine));
    assertEquals(
        mine.size(), mine.stream().map(Rule::id).distinct().count(), "rule ids are unique");
  }

  @Test
  void withoutAControlPlaneVersionExactlyOneWarningPerCluster() {
    DesiredState state =
        withClusterYaml(remove("auth_version"), set("channels", List.of("stable/rolling")));
    List<Finding> notChecked =
        new Validator()
            .validate(state, ValidationContext.OFFLINE).stream()
                .filter(f -> f.rule().equals(CompatRules.NOT_CHECKED.id()))
                .toList();
    assertEquals(1, notChecked.size(), notChecked.toString());
    assertTrue(notChecked.get(0).message().contains("--auth-version"));
    assertTrue(notChecked.get(0).message().contains("spec.auth_version"));
  }

  @Test
  void findingsStandAtTheMostSpecificRecordedPosition() {
    Map<String, SourceLocation> positions =
        Map.of(
            "spec.agents", new SourceLocation(CONFIG, 4, 3),
            "spec.agents.schedules.regular[1].start_hour", new SourceLocation(CONFIG, 14, 19));
    Map<String, Object> spec =
        apply(
            configSpec(),
            set("agents.schedules.regular[1].start_hour", 24L),
            remove("agents.strategy"));
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("kind", "autoupdate_config");
    doc.put("version", "v1");
    doc.put("metadata", Map.of("name", "autoupdate-config"));
    doc.put("spec", spec);
    Resource r =
        new Resource(
            ResourceKind.AUTOUPDATE_CONFIG,
            "autoupdate-config",
            Frozen.map(doc),
            new SourceLocation(CONFIG, 1, 1),
            positions,
            true);
    Findings findings = new Validator().validate(withResource(r), ValidationContext.OFFLINE);
    Finding startHour = only(findings, TeleportRules.START_HOUR);
    assertEquals(new SourceLocation(CONFIG, 14, 19), startHour.location());
    assertEquals(GROUP1 + ".start_hour", startHour.path());
    // an absent field stands at its nearest recorded parent
    Finding strategy = only(findings, TeleportRules.STRATEGY);
    assertEquals(new SourceLocation(CONFIG, 4, 3), strategy.location());
    assertEquals("spec.agents.strategy", strategy.path());
  }

  @Test
  void messagesUseTeleportsWording() {
    Findings findings =
        new Validator()
            .validate(
                withConfig(
                    set("agents.schedules.regular[1].start_hour", 24L),
                    set("agents.mode", "paused")),
                ValidationContext.OFFLINE);
    assertEquals(
        "spec.agents.schedules.regular[1].start_hour must be between 0 and 23 (got 24; hours are UTC)",
        only(findings, TeleportRules.START_HOUR).message());
    assertEquals(
        "validating spec.agents.mode: unsupported agents mode: \"paused\" (\"paused\" is not a mode: "
            + "write suspended to stop agent updates)",
        only(findings, TeleportRules.AGENTS_MODE).message());
  }

  @Test
  void everyIndependentProblemIsReportedNotOnlyTheFirst() {
    Findings findings =
        new Validator()
            .validate(
                withConfig(
                    set("tools.mode", "on"),
                    set("agents.schedules.regular[0].start_hour", 30L),
                    set("agents.schedules.regular[2].name", "dev")),
                ValidationContext.OFFLINE);
    assertEquals(
        Set.of("teleport/tools-mode", "teleport/start-hour", "teleport/duplicate-group"),
        findings.stream().map(Finding::rule).collect(Collectors.toSet()));
  }

  @Test
  void multipleClustersAreCheckedAgainstTheirOwnControlPlane() {
    ClusterSource staging =
        new ClusterSource(
            "staging",
            "clusters/staging/",
            Fixtures.descriptor(edit(clusterSpec(), set("auth_version", "17.3.0"))),
            List.of(version(edit(versionSpec(), set("agents.target_version", "17.3.0")))));
    ClusterSource prod =
        cluster(
            descriptor(clusterSpec()),
            version(edit(versionSpec(), set("agents.target_version", "17.3.0"))));
    DesiredState state = Fixtures.state(List.of(prod, staging), List.of(stableRolling()));
    List<Finding> newer =
        new Validator()
            .validate(state, ValidationContext.OFFLINE).stream()
                .filter(f -> f.rule().equals(CompatRules.NEWER_THAN_AUTH.id()))
                .toList();
    assertEquals(1, newer.size(), newer.toString());
    assertTrue(newer.get(0).message().contains("17.2.1"), newer.get(0).message());
  }

  static Stream<Named<Map<String, Object>>> oddDocuments() {
    return Stream.of(
        named("spec is a list", Map.of("spec", List.of(1L, "x"))),
        named(
            "agents is a string", Map.of("spec", Map.of("agents", "enabled", "tools", List.of()))),
        named(
            "regular is a map",
            Map.of(
                "spec", Map.of("agents", Map.of("schedules", Map.of("regular", Map.of("a", 1L)))))),
        named(
            "days is a string and hours are text",
            Map.of(
                "spec",
                Map.of(
                    "agents",
                    Map.of(
                        "strategy",
                        "time-based",
                        "maintenance_window_duration",
                        "99999999999999999999h",
                        "schedules",
                        Map.of(
                            "regular",
                            List.of(
                                Map.of(
                                    "days",
                                    "Mon",
                                    "start_hour",
                                    "x",
                                    "wait_hours",
                                    Long.MAX_VALUE))))))),
        named(
            "huge numbers",
            Map.of(
                "spec",
                Map.of(
                    "agent_upgrades",
                    Map.of("utc_start_hour", Long.MIN_VALUE, "weekdays", List.of(Map.of())),
                    "agents",
                    Map.of(
                        "start_version",
                        "9223372036854775808.0.0",
                        "target_version",
                        "1.2.3-",
                        "schedules",
                        Map.of(
                            "regular",
                            List.of(
                                Map.of("start_hour", 0L, "wait_hours", Long.MAX_VALUE),
                                Map.of("start_hour", 0L, "wait_hours", Long.MAX_VALUE))))))),
        named(
            "metadata and version of odd types",
            Map.of("metadata", List.of(), "version", Map.of("a", 1L), "spec", Map.of())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("oddDocuments")
  void documentsOfAnyShapeNeverThrow(Map<String, Object> document) {
    for (ResourceKind kind : ResourceKind.values()) {
      Resource r =
          new Resource(
              kind, "x", Frozen.map(document), new SourceLocation(CONFIG, 1, 1), Map.of(), true);
      ClusterSource c =
          new ClusterSource(
              CLUSTER,
              FOLDER,
              kind == ResourceKind.LOCKSTEP_CLUSTER ? r : null,
              kind == ResourceKind.LOCKSTEP_CLUSTER ? List.of() : List.of(r));
      DesiredState state =
          Fixtures.state(List.of(c), List.of(new Channel("odd", "v", null, "x", null)));
      new Validator().validate(state, ValidationContext.OFFLINE);
      new Validator().validate(state, authFlag("17.0.0"));
    }
  }

  static Finding only(Findings findings, Rule rule) {
    List<Finding> matching = findings.stream().filter(f -> f.rule().equals(rule.id())).toList();
    assertEquals(1, matching.size(), findings.items().toString());
    return matching.get(0);
  }
}
