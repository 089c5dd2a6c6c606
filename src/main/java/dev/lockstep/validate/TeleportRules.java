package dev.lockstep.validate;

import dev.lockstep.finding.Finding;
import dev.lockstep.finding.Rule;
import dev.lockstep.finding.Severity;
import dev.lockstep.model.AutoupdateConfig;
import dev.lockstep.model.AutoupdateVersion;
import dev.lockstep.model.ClusterMaintenanceConfig;
import dev.lockstep.model.ClusterSource;
import dev.lockstep.model.GoDuration;
import dev.lockstep.model.InvalidVersionException;
import dev.lockstep.model.InvalidWeekdaysException;
import dev.lockstep.model.LockstepCluster;
import dev.lockstep.model.Resource;
import dev.lockstep.model.ResourceKind;
import dev.lockstep.model.TeleportEnums;
import dev.lockstep.model.Version;
import dev.lockstep.model.Weekdays;
import java.time.DayOfWeek;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Teleport's own rules for {@code autoupdate_config}, {@code autoupdate_version} and {@code
 * cluster_maintenance_config} (teleport-semantics §1, §2.2–§2.4, §3.2, §12), plus warnings where
 * Teleport accepts something surprising.
 *
 * <p>Checks run in Teleport's order, but where Teleport stops at the first failure Lockstep reports
 * every independent one, so a pull request can fix them all at once. A check that only makes sense
 * once an earlier one passed (the window length needs a known strategy) is skipped after that
 * earlier failure. Rules that read the spec run only on {@link Resource#wellFormed()} resources:
 * the parser has already reported the shape errors of the others.
 */
public final class TeleportRules {
  private TeleportRules() {}

  static final String HALT_ON_ERROR = "halt-on-error";
  static final String TIME_BASED = "time-based";
  static final List<String> TOOLS_MODES = TeleportEnums.TOOLS_MODES;
  static final List<String> AGENT_MODES = TeleportEnums.AGENT_MODES;
  static final List<String> STRATEGIES = TeleportEnums.STRATEGIES;
  static final List<String> SCHEDULES = TeleportEnums.SCHEDULES;

  /** teleport-semantics §2.3: MaxCanaryCount. */
  static final long MAX_CANARY_COUNT = 5;

  /**
   * teleport-semantics §2.2: time-based windows shorter than this are rejected; exactly this is
   * accepted (§22).
   */
  static final Duration MIN_TIME_BASED_WINDOW = Duration.ofMinutes(10);

  /** teleport-semantics §2.4: limited Cloud clusters must finish a rollout within this estimate. */
  static final long CLOUD_MAX_ROLLOUT_HOURS = 72;

  private static final long MAX_ESTIMATED_WAIT_HOURS = Integer.MAX_VALUE;

  /** teleport-semantics §2.4: the only weekdays limited Cloud clusters may use. */
  static final Set<DayOfWeek> CLOUD_DAYS =
      EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY);

  // teleport-semantics §1

  /** teleport-semantics §1. */
  public static final Rule NAME =
      new Rule(
          "teleport/name",
          Severity.ERROR,
          "metadata.name must be the singleton name of its kind (autoupdate-config, autoupdate-version, "
              + "cluster-maintenance-config); an empty name is filled in as tctl does.");

  /** teleport-semantics §1. */
  public static final Rule SPEC_REQUIRED =
      new Rule(
          "teleport/spec-required",
          Severity.ERROR,
          "autoupdate_config and autoupdate_version need a spec block (spec: {} at least).");

  /** teleport-semantics §1, §12. */
  public static final Rule RESOURCE_VERSION =
      new Rule("teleport/resource-version", Severity.ERROR, "The resource's version must be v1.");

  // teleport-semantics §2.2, in Teleport's order

  /** teleport-semantics §2.2 step 2. */
  public static final Rule TOOLS_MODE =
      new Rule(
          "teleport/tools-mode",
          Severity.ERROR,
          "autoupdate_config spec.tools.mode must be enabled or disabled (empty is invalid).");

  /** teleport-semantics §2.2 step 3.1 and §3.2. */
  public static final Rule AGENTS_MODE =
      new Rule(
          "teleport/agents-mode",
          Severity.ERROR,
          "spec.agents.mode must be enabled, disabled or suspended (empty and \"paused\" are invalid).");

  /** teleport-semantics §2.2 step 3.2. */
  public static final Rule STRATEGY =
      new Rule(
          "teleport/strategy",
          Severity.ERROR,
          "spec.agents.strategy must be halt-on-error or time-based (empty is invalid).");

  /** teleport-semantics §2.1: protojson rejects what tctl cannot convert. */
  public static final Rule WINDOW_DURATION_SYNTAX =
      new Rule(
          "teleport/window-duration-syntax",
          Severity.ERROR,
          "spec.agents.maintenance_window_duration must be a duration such as 3600s or 1h.");

  /** teleport-semantics §2.2 step 3.3. */
  public static final Rule WINDOW_DURATION =
      new Rule(
          "teleport/window-duration",
          Severity.ERROR,
          "maintenance_window_duration must be zero for halt-on-error and at least 10 minutes for time-based.");

  /** teleport-semantics §2.2 step 3.4. */
  public static final Rule GROUP_NAME =
      new Rule("teleport/group-name", Severity.ERROR, "Every update group needs a name.");

  /** teleport-semantics §2.2 step 3.4 (ParseWeekdays). */
  public static final Rule GROUP_DAYS =
      new Rule(
          "teleport/group-days",
          Severity.ERROR,
          "A group's days must be [\"*\"] or distinct weekday names (Monday or Mon), and not empty.");

  /** teleport-semantics §2.2 step 3.4. */
  public static final Rule WAIT_HOURS_NEGATIVE =
      new Rule(
          "teleport/wait-hours-negative",
          Severity.ERROR,
          "A group's wait_hours cannot be negative.");

  /** teleport-semantics §2.2 step 3.4. */
  public static final Rule START_HOUR =
      new Rule(
          "teleport/start-hour",
          Severity.ERROR,
          "A group's start_hour must be between 0 and 23 (UTC).");

  /** teleport-semantics §2.2 step 3.4. */
  public static final Rule WAIT_HOURS_TIME_BASED =
      new Rule(
          "teleport/wait-hours-time-based",
          Severity.ERROR,
          "wait_hours must be zero for every group of a time-based strategy.");

  /** teleport-semantics §2.2 step 3.4. */
  public static final Rule WAIT_HOURS_FIRST_GROUP =
      new Rule(
          "teleport/wait-hours-first-group",
          Severity.ERROR,
          "wait_hours must be zero for the first group of a halt-on-error strategy.");

  /** teleport-semantics §2.2 step 3.4. */
  public static final Rule DUPLICATE_GROUP =
      new Rule(
          "teleport/duplicate-group",
          Severity.ERROR,
          "Two update groups have the same name (case-sensitive).");

  /** teleport-semantics §2.3, §22. */
  public static final Rule CANARY_COUNT =
      new Rule(
          "teleport/canary-count",
          Severity.ERROR,
          "A group's canary_count must be between 0 and 5.");

  // teleport-semantics §2.4 (server side)

  /** teleport-semantics §2.4. */
  public static final Rule MAX_GROUPS =
      new Rule(
          "teleport/max-groups",
          Severity.ERROR,
          "At most 10 groups for halt-on-error (4 on Teleport Cloud) and 20 for time-based.");

  /** teleport-semantics §2.4. */
  public static final Rule CLOUD_DAYS_RULE =
      new Rule(
          "teleport/cloud-days",
          Severity.ERROR,
          "On Teleport Cloud (cloud: true) every group's days must be exactly Mon, Tue, Wed, Thu.");

  /** teleport-semantics §2.4 (computeMinRolloutTime). */
  public static final Rule CLOUD_ROLLOUT_TIME =
      new Rule(
          "teleport/cloud-rollout-time",
          Severity.ERROR,
          "On Teleport Cloud (cloud: true) the estimated minimum rollout time must be at most 72 hours.");

  // teleport-semantics §3.2

  /** teleport-semantics §3.2 (checkVersion). */
  public static final Rule VERSION_SYNTAX =
      new Rule(
          "teleport/version-syntax",
          Severity.ERROR,
          "start_version, target_version and tools target_version must be set and be MAJOR.MINOR.PATCH "
              + "semantic versions without a leading v.");

  /** teleport-semantics §3.2. */
  public static final Rule SCHEDULE =
      new Rule(
          "teleport/schedule",
          Severity.ERROR,
          "autoupdate_version spec.agents.schedule must be regular or immediate (empty is invalid).");

  // teleport-semantics §12

  /** teleport-semantics §12. */
  public static final Rule CMC_START_HOUR =
      new Rule(
          "teleport/cmc-start-hour",
          Severity.ERROR,
          "cluster_maintenance_config utc_start_hour must be between 0 and 23.");

  /** teleport-semantics §12. */
  public static final Rule CMC_WEEKDAY =
      new Rule(
          "teleport/cmc-weekday",
          Severity.ERROR,
          "cluster_maintenance_config weekdays must be weekday names (Monday or Mon); \"*\" is not accepted.");

  // warnings: accepted by Teleport, but surprising

  /** teleport-semantics §3.2. */
  public static final Rule DOWNGRADE =
      new Rule(
          "teleport/downgrade",
          Severity.WARNING,
          "start_version is above target_version: Teleport accepts this downgrade rollout.");

  /** teleport-semantics §2.2, §22. */
  public static final Rule WINDOW_EXACTLY_MINIMUM =
      new Rule(
          "teleport/window-exactly-ten-minutes",
          Severity.WARNING,
          "A time-based window of exactly 10 minutes: accepted, although Teleport's message asks for more.");

  /** teleport-semantics §12. */
  public static final Rule CMC_SHORT_WEEKDAY =
      new Rule(
          "teleport/cmc-short-weekday",
          Severity.WARNING,
          "A cluster_maintenance_config weekday not spelled exactly like Monday (Mon, monday): valid, but the v1 window check never matches it.");

  /** teleport-semantics §6.1. */
  public static final Rule WINDOW_PAST_MIDNIGHT =
      new Rule(
          "teleport/window-past-midnight",
          Severity.WARNING,
          "A time-based window runs past UTC midnight: Teleport cuts it at 00:00 UTC.");

  /** teleport-semantics §5.3. */
  public static final Rule IMMEDIATE_SCHEDULE =
      new Rule(
          "teleport/immediate-schedule",
          Severity.WARNING,
          "schedule immediate updates every agent at once, ignoring groups, windows and canaries.");

  /** teleport-semantics §8. */
  public static final Rule CANARY_IGNORED =
      new Rule(
          "teleport/canary-ignored",
          Severity.WARNING,
          "canary_count on a time-based strategy: time-based rollouts have no canary phase, it is ignored.");

  /** teleport-semantics §4, §7. */
  public static final Rule AGENTS_NOT_UPDATING =
      new Rule(
          "teleport/agents-not-updating",
          Severity.INFO,
          "The effective agents mode (the lower of config and version) is suspended or disabled: agents are not told to update.");

  /** Every rule of this class. */
  public static final List<Rule> ALL =
      List.of(
          NAME,
          SPEC_REQUIRED,
          RESOURCE_VERSION,
          TOOLS_MODE,
          AGENTS_MODE,
          STRATEGY,
          WINDOW_DURATION_SYNTAX,
          WINDOW_DURATION,
          GROUP_NAME,
          GROUP_DAYS,
          WAIT_HOURS_NEGATIVE,
          START_HOUR,
          WAIT_HOURS_TIME_BASED,
          WAIT_HOURS_FIRST_GROUP,
          DUPLICATE_GROUP,
          CANARY_COUNT,
          MAX_GROUPS,
          CLOUD_DAYS_RULE,
          CLOUD_ROLLOUT_TIME,
          VERSION_SYNTAX,
          SCHEDULE,
          CMC_START_HOUR,
          CMC_WEEKDAY,
          DOWNGRADE,
          WINDOW_EXACTLY_MINIMUM,
          CMC_SHORT_WEEKDAY,
          WINDOW_PAST_MIDNIGHT,
          IMMEDIATE_SCHEDULE,
          CANARY_IGNORED,
          AGENTS_NOT_UPDATING);

  /**
   * Every finding of these rules for one cluster's Teleport resources. Pure; the cluster's {@code
   * lockstep_cluster} is read only for {@code cloud}.
   */
  static List<Finding> check(ClusterSource cluster) {
    FindingList out = new FindingList();
    boolean cloud = cluster.cluster().map(LockstepCluster::cloud).orElse(false);
    for (Resource r : cluster.resources()) {
      if (!r.kind().isTeleport()) {
        continue;
      }
      checkIdentity(r, out);
      if (!r.wellFormed()) {
        continue;
      }
      // teleport-semantics §1: "Spec is nil" for the autoupdate kinds; the maintenance config may
      // omit it.
      if (r.kind() != ResourceKind.CLUSTER_MAINTENANCE_CONFIG
          && !(r.document().get("spec") instanceof Map)) {
        out.add(
            SPEC_REQUIRED,
            r,
            "spec",
            "Spec is nil: "
                + r.kind().kind()
                + " needs a spec block (write spec: {} for an empty one)");
        continue;
      }
      switch (r.kind()) {
        case AUTOUPDATE_CONFIG -> checkConfig(r, AutoupdateConfig.from(r), cloud, out);
        case AUTOUPDATE_VERSION -> checkVersion(r, AutoupdateVersion.from(r), out);
        case CLUSTER_MAINTENANCE_CONFIG ->
            checkMaintenanceConfig(r, ClusterMaintenanceConfig.from(r), out);
        default -> {}
      }
    }
    checkEffectiveMode(cluster, out);
    return out.items();
  }

  // teleport-semantics §1. The parser has already given an empty name the singleton name, as tctl
  // does.
  private static void checkIdentity(Resource r, FindingList out) {
    String expected = r.kind().singletonName();
    boolean cmc = r.kind() == ResourceKind.CLUSTER_MAINTENANCE_CONFIG;
    // teleport-semantics §1: Teleport normalises this easy mix-up for the maintenance config only.
    boolean tolerated = cmc && r.name().equals("cluster_maintenance_config");
    if (!r.name().equals(expected) && !tolerated) {
      out.add(
          NAME,
          r,
          "metadata.name",
          "Name is not valid: "
              + r.kind().kind()
              + " is a singleton named \""
              + expected
              + "\", not \""
              + r.name()
              + "\" (leave metadata.name empty or write \""
              + expected
              + "\")");
    }
    Object version = r.document().get("version");
    // A missing version is accepted: Teleport defaults it for the maintenance config
    // (teleport-semantics §12) and does not read it for the autoupdate kinds. Any other value than
    // v1 is rejected for the maintenance config by Teleport; for the autoupdate kinds Lockstep is
    // stricter, since the operator and Terraform only know v1. A version that is not text (v: 1)
    // has the parser's wrong-type finding, which names v1 already.
    if (version instanceof String && !"v1".equals(version)) {
      String got = String.valueOf(version);
      String message =
          cmc
              ? "unexpected maintenance config resource version \"" + got + "\" (write version: v1)"
              : r.kind().kind() + " resource version must be v1, got \"" + got + "\"";
      out.add(RESOURCE_VERSION, r, "version", message);
    }
  }

  private static void checkConfig(
      Resource r, AutoupdateConfig config, boolean cloud, FindingList out) {
    if (config.tools() != null && !TOOLS_MODES.contains(config.tools().mode())) {
      out.add(
          TOOLS_MODE,
          r,
          "spec.tools.mode",
          "validating spec.tools.mode: unsupported tools mode: "
              + quote(config.tools().mode())
              + " (expected enabled or disabled)");
    }
    AutoupdateConfig.Agents agents = config.agents();
    if (agents == null) {
      return;
    }
    checkAgentsMode(r, agents.mode(), out);
    String strategy = agents.strategy();
    boolean strategyKnown = STRATEGIES.contains(strategy);
    if (!strategyKnown) {
      out.add(
          STRATEGY,
          r,
          "spec.agents.strategy",
          "validating spec.agents.strategy: unsupported agents strategy: "
              + quote(strategy)
              + " (expected halt-on-error or time-based)");
    }
    boolean windowParsed = checkWindowSyntax(r, out);
    Duration window = agents.maintenanceWindowDuration();
    if (strategyKnown && windowParsed) {
      checkWindow(r, strategy, window, out);
    }
    checkGroups(r, agents, strategyKnown ? strategy : "", window, out);
    if (strategyKnown) {
      checkServerSide(r, agents, cloud, out);
    }
  }

  private static void checkAgentsMode(Resource r, String mode, FindingList out) {
    if (AGENT_MODES.contains(mode)) {
      return;
    }
    // teleport-semantics §22: the CRD and Terraform descriptions say "paused"; the code only knows
    // "suspended".
    String hint =
        "paused".equalsIgnoreCase(mode)
            ? " (\"paused\" is not a mode: write suspended to stop agent updates)"
            : " (expected enabled, disabled or suspended)";
    out.add(
        AGENTS_MODE,
        r,
        "spec.agents.mode",
        "validating spec.agents.mode: unsupported agents mode: " + quote(mode) + hint);
  }

  /**
   * False when a duration is written but unreadable (tctl passes it on and protojson rejects it).
   */
  private static boolean checkWindowSyntax(Resource r, FindingList out) {
    String path = "spec.agents.maintenance_window_duration";
    Optional<Object> raw = r.at(path);
    if (raw.isEmpty()) {
      return true;
    }
    if (raw.get() instanceof String s && GoDuration.parse(s).isPresent()) {
      return true;
    }
    out.add(
        WINDOW_DURATION_SYNTAX,
        r,
        path,
        "validating "
            + path
            + ": "
            + quote(String.valueOf(raw.get()))
            + " is not a duration (write it as \"3600s\" or a Go duration such as \"1h\" or \"90m\")");
    return false;
  }

  // teleport-semantics §2.2 step 3.3
  private static void checkWindow(Resource r, String strategy, Duration window, FindingList out) {
    String path = "spec.agents.maintenance_window_duration";
    if (strategy.equals(HALT_ON_ERROR) && !window.isZero()) {
      out.add(
          WINDOW_DURATION,
          r,
          path,
          path
              + " must be zero when the strategy is \"halt-on-error\" (its windows always last one hour; "
              + "remove the field or switch to time-based)");
    } else if (strategy.equals(TIME_BASED)) {
      if (window.compareTo(MIN_TIME_BASED_WINDOW) < 0) {
        out.add(
            WINDOW_DURATION,
            r,
            path,
            path
                + " must be greater than 10 minutes when the strategy is \"time-based\" (got "
                + GoDuration.human(window)
                + "; set at least 10m)");
      } else if (window.equals(MIN_TIME_BASED_WINDOW)) {
        // teleport-semantics §22: Teleport compares with "< 10m", so exactly 10m passes despite its
        // own message.
        out.add(
            WINDOW_EXACTLY_MINIMUM,
            r,
            path,
            "maintenance_window_duration is exactly 10m: Teleport accepts it although its rule says "
                + "\"greater than 10 minutes\"; agents then have only ten minutes to update (consider 15m or more)");
      }
    }
  }

  // teleport-semantics §2.2 step 3.4 and §2.3, in Teleport's order for each group
  private static void checkGroups(
      Resource r,
      AutoupdateConfig.Agents agents,
      String strategy,
      Duration window,
      FindingList out) {
    List<AutoupdateConfig.Group> groups = agents.regular();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < groups.size(); i++) {
      AutoupdateConfig.Group g = groups.get(i);
      String base = "spec.agents.schedules.regular[" + i + "]";
      if (g.name().isEmpty()) {
        out.add(GROUP_NAME, r, base + ".name", base + ".name should not be empty");
      }
      try {
        Weekdays.parseList(g.days());
      } catch (InvalidWeekdaysException e) {
        String path = e.index() >= 0 ? base + ".days[" + e.index() + "]" : base + ".days";
        out.add(
            GROUP_DAYS,
            r,
            path,
            "validating "
                + base
                + ".days: "
                + e.getMessage()
                + " (use [\"*\"] or distinct names such as Mon or Monday)");
      }
      if (g.waitHours() < 0) {
        out.add(
            WAIT_HOURS_NEGATIVE, r, base + ".wait_hours", base + ".wait_hours cannot be negative");
      }
      if (g.startHour() > 23 || g.startHour() < 0) {
        out.add(
            START_HOUR,
            r,
            base + ".start_hour",
            base
                + ".start_hour must be between 0 and 23 (got "
                + g.startHour()
                + "; hours are UTC)");
      }
      if (strategy.equals(TIME_BASED) && g.waitHours() != 0) {
        out.add(
            WAIT_HOURS_TIME_BASED,
            r,
            base + ".wait_hours",
            base
                + ".wait_hours must be zero when strategy is time-based (time-based groups are independent)");
      }
      if (strategy.equals(HALT_ON_ERROR) && i == 0 && g.waitHours() != 0) {
        out.add(
            WAIT_HOURS_FIRST_GROUP,
            r,
            base + ".wait_hours",
            "spec.agents.schedules.regular[0].wait_hours must be zero as it's the first group "
                + "(wait_hours counts from the previous group's start)");
      }
      Integer earlier = seen.putIfAbsent(g.name(), i);
      if (earlier != null && !g.name().isEmpty()) {
        out.add(
            DUPLICATE_GROUP,
            r,
            base + ".name",
            "spec.agents.schedules.regular contains groups with the same name "
                + quote(g.name())
                + " at indices "
                + earlier
                + " and "
                + i);
      }
      if (g.canaryCount() < 0 || g.canaryCount() > MAX_CANARY_COUNT) {
        out.add(
            CANARY_COUNT,
            r,
            base + ".canary_count",
            base
                + ".canary_count must be between 0 and "
                + MAX_CANARY_COUNT
                + " (got "
                + g.canaryCount()
                + ")");
      } else if (strategy.equals(TIME_BASED) && g.canaryCount() > 0) {
        out.add(
            CANARY_IGNORED,
            r,
            base + ".canary_count",
            base
                + ".canary_count is ignored: time-based rollouts have no canary phase (use halt-on-error for canaries)");
      }
      // teleport-semantics §6.1: the window is computed from the day's UTC midnight and is never
      // carried into
      // the
      // next day. Halt-on-error windows last 1 h, so only time-based windows can spill over.
      if (strategy.equals(TIME_BASED)
          && g.startHour() >= 0
          && g.startHour() <= 23
          && window.compareTo(MIN_TIME_BASED_WINDOW) >= 0
          && Duration.ofHours(g.startHour()).plus(window).compareTo(Duration.ofHours(24)) > 0) {
        long effective = 24 - g.startHour();
        out.add(
            WINDOW_PAST_MIDNIGHT,
            r,
            base + ".start_hour",
            "group "
                + quote(g.name())
                + " starts at "
                + String.format("%02d:00", g.startHour())
                + " UTC with a "
                + GoDuration.human(window)
                + " window, but Teleport ends every window at "
                + "00:00 UTC: it lasts only "
                + effective
                + "h (start earlier or shorten the window)");
      }
    }
  }

  // teleport-semantics §2.4: validateServerSideAgentConfig
  private static void checkServerSide(
      Resource r, AutoupdateConfig.Agents agents, boolean cloud, FindingList out) {
    List<AutoupdateConfig.Group> groups = agents.regular();
    String strategy = agents.strategy();
    int max = strategy.equals(TIME_BASED) ? 20 : cloud ? 4 : 10;
    if (groups.size() > max) {
      out.add(
          MAX_GROUPS,
          r,
          "spec.agents.schedules.regular[" + max + "]",
          "max groups ("
              + max
              + ") exceeded for strategy "
              + strategy
              + ", regular schedule contains "
              + groups.size()
              + " groups"
              + (cloud ? " (Teleport Cloud limit)" : ""));
    }
    if (!cloud) {
      return;
    }
    for (int i = 0; i < groups.size(); i++) {
      try {
        if (!Weekdays.parseList(groups.get(i).days()).equals(CLOUD_DAYS)) {
          out.add(
              CLOUD_DAYS_RULE,
              r,
              "spec.agents.schedules.regular[" + i + "].days",
              "weekdays must be set to [Mon Tue Wed Thu] in cloud (group "
                  + quote(groups.get(i).name())
                  + ")");
        }
      } catch (InvalidWeekdaysException e) {
        // reported by GROUP_DAYS
      }
    }
    boolean computable =
        groups.stream()
            .allMatch(g -> g.startHour() >= 0 && g.startHour() <= 23 && g.waitHours() >= 0);
    if (computable) {
      long hours = computeMinRolloutTime(groups);
      if (hours > CLOUD_MAX_ROLLOUT_HOURS) {
        out.add(
            CLOUD_ROLLOUT_TIME,
            r,
            "spec.agents.schedules.regular",
            "rollout takes more than 72 hours to complete: estimated completion time is "
                + hours
                + " hours (fewer groups, shorter wait_hours or closer start hours)");
      }
    }
  }

  /**
   * Teleport's estimate of the shortest rollout, in whole hours (teleport-semantics §2.4,
   * reproduced exactly): each group runs one hour, the next starts at its own start hour after its
   * wait, counted in days. Groups must have start hours in 0..23 and non-negative wait hours.
   */
  static long computeMinRolloutTime(List<AutoupdateConfig.Group> groups) {
    if (groups.isEmpty()) {
      return 0;
    }
    long hours = groups.get(0).startHour() + 1;
    for (AutoupdateConfig.Group g : groups.subList(1, groups.size())) {
      // wait_hours is an int32 in Teleport; capping there keeps the sum exact and free of overflow.
      long wait = Math.min(g.waitHours(), MAX_ESTIMATED_WAIT_HOURS);
      long previousStart = Math.floorMod(hours - 1, 24);
      long previousEnd = Math.floorMod(hours, 24);
      long diff = hourDiff(previousStart, g.startHour());
      if (diff < Math.floorMod(wait, 24)) {
        hours += 24 + hourDiff(previousEnd, g.startHour());
      } else {
        hours += hourDiff(previousEnd, g.startHour());
      }
      long waitDays = wait / 24;
      if (diff == 0) {
        waitDays = Math.max(waitDays - 1, 0);
      }
      hours += waitDays * 24;
      hours += 1;
    }
    return hours - groups.get(0).startHour();
  }

  private static long hourDiff(long from, long to) {
    return Math.floorMod(to - from, 24);
  }

  // teleport-semantics §3.2: ValidateAutoUpdateVersion
  private static void checkVersion(Resource r, AutoupdateVersion version, FindingList out) {
    if (version.tools() != null) {
      checkVersionString(r, "spec.tools.target_version", version.tools().targetVersion(), out);
    }
    AutoupdateVersion.Agents agents = version.agents();
    if (agents == null) {
      return;
    }
    Optional<Version> start =
        checkVersionString(r, "spec.agents.start_version", agents.startVersion(), out);
    Optional<Version> target =
        checkVersionString(r, "spec.agents.target_version", agents.targetVersion(), out);
    checkAgentsMode(r, agents.mode(), out);
    if (!SCHEDULES.contains(agents.schedule())) {
      out.add(
          SCHEDULE,
          r,
          "spec.agents.schedule",
          "validating spec.agents.schedule: unsupported schedule type: "
              + quote(agents.schedule())
              + " (expected regular or immediate)");
    } else if (agents.schedule().equals("immediate")) {
      out.add(
          IMMEDIATE_SCHEDULE,
          r,
          "spec.agents.schedule",
          "schedule is immediate: every agent updates to the target at once, ignoring update groups, "
              + "windows and canaries (use regular for a staged rollout)");
    }
    if (start.isPresent() && target.isPresent() && start.get().compareTo(target.get()) > 0) {
      out.add(
          DOWNGRADE,
          r,
          "spec.agents.target_version",
          "start_version "
              + start.get()
              + " is above target_version "
              + target.get()
              + ": Teleport accepts this downgrade rollout; make sure a downgrade is intended");
    }
  }

  private static Optional<Version> checkVersionString(
      Resource r, String path, String text, FindingList out) {
    try {
      return Optional.of(Version.parse(text));
    } catch (InvalidVersionException e) {
      out.add(VERSION_SYNTAX, r, path, "validating " + path + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  // teleport-semantics §12: CheckAndSetDefaults, and the WithinUpgradeWindow quirk
  private static void checkMaintenanceConfig(
      Resource r, ClusterMaintenanceConfig cmc, FindingList out) {
    ClusterMaintenanceConfig.AgentUpgrades up = cmc.agentUpgrades();
    if (up == null) {
      return;
    }
    if (up.utcStartHour() > 23 || up.utcStartHour() < 0) {
      out.add(
          CMC_START_HOUR,
          r,
          "spec.agent_upgrades.utc_start_hour",
          "agent upgrade window utc start hour must be in range 0..23, got " + up.utcStartHour());
    }
    for (int i = 0; i < up.weekdays().size(); i++) {
      String day = up.weekdays().get(i);
      String path = "spec.agent_upgrades.weekdays[" + i + "]";
      Optional<DayOfWeek> parsed = Weekdays.parseDay(day);
      if (parsed.isEmpty()) {
        String hint =
            "*".equals(day)
                ? " (\"*\" is not accepted here: leave weekdays empty for every day)"
                : " (expected a weekday name such as Monday)";
        out.add(
            CMC_WEEKDAY, r, path, "invalid weekday in agent upgrade window: " + quote(day) + hint);
      } else if (!day.equals(Weekdays.fullName(parsed.get()))) {
        String full = Weekdays.fullName(parsed.get());
        out.add(
            CMC_SHORT_WEEKDAY,
            r,
            path,
            "weekday "
                + quote(day)
                + " is accepted, but Teleport's v1 window check compares it with \""
                + full
                + "\" exactly and never matches it (write "
                + full
                + ")");
      }
    }
  }

  // teleport-semantics §4: the effective mode is the lower of the config's (enabled when absent)
  // and the
  // version's.
  private static void checkEffectiveMode(ClusterSource cluster, FindingList out) {
    Optional<Resource> versionResource =
        cluster.find(ResourceKind.AUTOUPDATE_VERSION).filter(Resource::wellFormed);
    if (versionResource.isEmpty()) {
      return;
    }
    AutoupdateVersion.Agents versionAgents = AutoupdateVersion.from(versionResource.get()).agents();
    if (versionAgents == null || !AGENT_MODES.contains(versionAgents.mode())) {
      return;
    }
    Resource lowest = versionResource.get();
    String mode = versionAgents.mode();
    Optional<Resource> configResource =
        cluster.find(ResourceKind.AUTOUPDATE_CONFIG).filter(Resource::wellFormed);
    if (configResource.isPresent()) {
      AutoupdateConfig.Agents configAgents = AutoupdateConfig.from(configResource.get()).agents();
      if (configAgents != null) {
        if (!AGENT_MODES.contains(configAgents.mode())) {
          return;
        }
        if (modeCode(configAgents.mode()) < modeCode(mode)) {
          mode = configAgents.mode();
          lowest = configResource.get();
        }
      }
    }
    if (mode.equals("enabled")) {
      return;
    }
    out.add(
        AGENTS_NOT_UPDATING,
        lowest,
        "spec.agents.mode",
        "agents mode is "
            + mode
            + " (the lower of autoupdate_config and autoupdate_version): agents are not "
            + "told to update; the rollout's groups may still start in their windows, and halt-on-error groups "
            + "then wait for agents that do not update until the mode is enabled");
  }

  private static int modeCode(String mode) {
    return switch (mode) {
      case "disabled" -> 0;
      case "suspended" -> 1;
      default -> 2;
    };
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
