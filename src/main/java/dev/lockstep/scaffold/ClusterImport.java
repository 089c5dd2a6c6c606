package dev.lockstep.scaffold;

import dev.lockstep.cluster.SpecDiff;
import dev.lockstep.model.AutoupdateConfig;
import dev.lockstep.model.ClusterMaintenanceConfig;
import dev.lockstep.model.GoDuration;
import dev.lockstep.model.Resource;
import dev.lockstep.model.ResourceId;
import dev.lockstep.model.ResourceKind;
import dev.lockstep.model.SourceLocation;
import dev.lockstep.rollout.GroupConfig;
import dev.lockstep.scaffold.YamlText.Block;
import dev.lockstep.scaffold.YamlText.Builder;
import dev.lockstep.scaffold.YamlText.Flow;
import dev.lockstep.scaffold.YamlText.Items;
import dev.lockstep.scaffold.YamlText.Node;
import dev.lockstep.scaffold.YamlText.Scalar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The files of one cluster folder made from what a target observed ({@code lockstep import}): a
 * {@code cluster.yaml} and one file per Teleport resource, named after its kind, exactly as {@code
 * tctl create -f} accepts it. Specs are written in Teleport's stored form as {@link
 * SpecDiff#canonical} gives it, so {@code lockstep diff} against the same cluster finds nothing to
 * change; only {@code kind}, {@code version}, {@code metadata.name} and {@code spec} are written,
 * never what the server manages (revision, expiry, nonce, status, an operator's custom-resource
 * metadata). Teleport's defaults are written out where that changes nothing (a group's {@code
 * wait_hours: 0}, {@code canary_count: 0}) and said in a comment where writing them would (an
 * absent {@code agents} block: the default strategy and group), each marked as the default.
 *
 * <p>Pure: reads no cluster and writes no file.
 */
public final class ClusterImport {
  private static final String HEADER =
      "Imported from the %s target by `lockstep import`: the live %s, as `tctl create -f` accepts"
          + " it. Teleport's defaults are written out and marked \"default\"; fields the server"
          + " manages (revision, expiry) are left out.";

  private static final Set<String> DEFAULT_DAYS = Set.copyOf(GroupConfig.DEFAULT.days());

  private ClusterImport() {}

  /**
   * The files of {@code clusters/<cluster>/}: {@code cluster.yaml}, then one {@code <kind>.yaml}
   * per observed Teleport resource, in apply order.
   *
   * @param observed what the target read, by id (absent: not in the cluster)
   */
  public static List<RepositoryFile> files(
      ImportSource source, Map<ResourceId, Resource> observed) {
    Map<ResourceKind, Map<String, Object>> specs = new LinkedHashMap<>();
    for (ResourceKind kind : ResourceKind.values()) {
      Resource r = kind.isTeleport() ? observed.get(ResourceId.singleton(kind)) : null;
      if (r != null) {
        specs.put(kind, SpecDiff.canonical(r.spec()));
      }
    }
    String folder = "clusters/" + source.cluster() + "/";
    List<RepositoryFile> files = new ArrayList<>();
    files.add(new RepositoryFile(folder + "cluster.yaml", clusterYaml(source)));
    specs.forEach(
        (kind, spec) ->
            files.add(
                new RepositoryFile(
                    folder + kind.kind() + ".yaml",
                    document(source, kind, spec(kind, spec, specs, source)))));
    return List.copyOf(files);
  }

  /**
   * What the import did not write and why, one sentence each (a kind the cluster does not have, or
   * that the target cannot read).
   */
  public static List<String> notes(ImportSource source, Map<ResourceId, Resource> observed) {
    List<String> notes = new ArrayList<>();
    for (ResourceKind kind : ResourceKind.values()) {
      if (!kind.isTeleport() || observed.containsKey(ResourceId.singleton(kind))) {
        continue;
      }
      if (kind == ResourceKind.CLUSTER_MAINTENANCE_CONFIG && !source.readsMaintenance()) {
        notes.add(
            "cluster_maintenance_config: not read; the "
                + source.target()
                + " target cannot read it (the Teleport operator has no custom resource for it)."
                + " Import with --target tctl to include it.");
      } else {
        notes.add(kind.kind() + ": not in the cluster; no file written.");
      }
    }
    return List.copyOf(notes);
  }

  private static String clusterYaml(ImportSource source) {
    Builder spec = YamlText.block();
    if (source.authFromProxy()) {
      spec.scalar("proxy", source.proxy(), "Lockstep reads /webapi/find here (--live, serve)");
      spec.scalar(
          "auth_version",
          source.authVersion().toString(),
          "the control-plane version the Proxy reported at import; a live one wins");
    } else {
      spec.note(
          "proxy: not set. The Proxy's host:port lets --live and serve read the live control-plane"
              + " version.");
      spec.scalar(
          "auth_version",
          source.authVersion().toString(),
          "the control-plane version given at import (--auth-version); a live one wins");
    }
    spec.scalar("cloud", false, "default; true applies Teleport Cloud's limits");
    spec.field(
        "channels",
        new Flow(List.of()),
        "default: none; the release channels (channels/<name>/) this cluster's agents follow");
    Block doc =
        YamlText.block()
            .note(
                "Lockstep's description of cluster "
                    + source.cluster()
                    + ", imported by `lockstep import`. The other files in this folder are"
                    + " exactly what `tctl create -f` accepts.")
            .scalar("kind", ResourceKind.LOCKSTEP_CLUSTER.kind())
            .field("metadata", YamlText.block().scalar("name", source.cluster()).build())
            .field("spec", spec.build())
            .build();
    return YamlText.render(doc);
  }

  private static String document(ImportSource source, ResourceKind kind, Block spec) {
    Block doc =
        YamlText.block()
            .note(HEADER.formatted(source.target(), kind.kind()))
            .scalar("kind", kind.kind())
            .scalar("version", "v1")
            .field("metadata", YamlText.block().scalar("name", kind.singletonName()).build())
            .field("spec", spec)
            .build();
    return YamlText.render(doc);
  }

  private static Block spec(
      ResourceKind kind,
      Map<String, Object> spec,
      Map<ResourceKind, Map<String, Object>> all,
      ImportSource source) {
    return switch (kind) {
      case AUTOUPDATE_CONFIG -> configSpec(spec, all, source);
      case AUTOUPDATE_VERSION -> versionSpec(spec);
      case CLUSTER_MAINTENANCE_CONFIG -> maintenanceSpec(spec);
      default -> throw new IllegalArgumentException("not a Teleport kind: " + kind);
    };
  }

  // teleport-semantics §2.1, §2.5, §4, §5.4
  private static Block configSpec(
      Map<String, Object> spec, Map<ResourceKind, Map<String, Object>> all, ImportSource source) {
    Builder b = YamlText.block();
    Map<String, Object> tools = map(spec, "tools");
    if (tools == null) {
      b.note(
          "tools: not set (default): client tools are not told to update, the same as"
              + " mode: disabled.");
    } else {
      b.field("tools", ordered(tools, List.of("mode")));
    }
    Map<String, Object> agents = map(spec, "agents");
    if (agents == null) {
      b.note(
          "agents: not set (default): agents update with mode enabled, strategy halt-on-error and "
              + defaultGroup(all, source)
              + ".");
    } else {
      b.field("agents", agents(agents, all, source));
    }
    rest(b, spec, List.of("tools", "agents"));
    return b.build();
  }

  private static Block agents(
      Map<String, Object> agents, Map<ResourceKind, Map<String, Object>> all, ImportSource source) {
    Builder b = YamlText.block();
    scalarIfPresent(b, agents, "mode");
    scalarIfPresent(b, agents, "strategy");
    boolean timeBased = "time-based".equals(agents.get("strategy"));
    if (agents.get("maintenance_window_duration") instanceof String d) {
      b.scalar(
          "maintenance_window_duration",
          GoDuration.parse(d).map(GoDuration::human).orElse(d),
          "stored as " + d);
    }
    Map<String, Object> schedules = map(agents, "schedules");
    List<?> regular = schedules == null ? null : list(schedules, "regular");
    if (regular == null || regular.isEmpty()) {
      b.note("schedules: not set (default): " + defaultGroup(all, source) + ".");
    } else {
      List<Block> groups = new ArrayList<>();
      for (Object g : regular) {
        groups.add(group(asMap(g), timeBased));
      }
      Builder s = YamlText.block().field("regular", new Items(groups));
      rest(s, schedules, List.of("regular"));
      b.field("schedules", s.build());
    }
    rest(b, agents, List.of("mode", "strategy", "maintenance_window_duration", "schedules"));
    return b.build();
  }

  private static Block group(Map<String, Object> g, boolean timeBased) {
    Builder b = YamlText.block();
    scalarIfPresent(b, g, "name");
    if (g.containsKey("days")) {
      b.field("days", node(g.get("days")));
    }
    b.scalar("start_hour", g.getOrDefault("start_hour", 0L), "UTC");
    if (timeBased) {
      // a time-based group has no wait and no canary phase; only what the cluster holds is written
      scalarIfPresent(b, g, "wait_hours");
      scalarIfPresent(b, g, "canary_count");
    } else {
      if (g.containsKey("wait_hours")) {
        b.scalar("wait_hours", g.get("wait_hours"));
      } else {
        b.scalar("wait_hours", 0L, "default");
      }
      if (g.containsKey("canary_count")) {
        b.scalar("canary_count", g.get("canary_count"));
      } else {
        b.scalar("canary_count", 0L, "default: no canary phase");
      }
    }
    rest(b, g, List.of("name", "days", "start_hour", "wait_hours", "canary_count"));
    return b.build();
  }

  /** The group Teleport makes when the config names none (teleport-semantics §5.4), in words. */
  private static String defaultGroup(
      Map<ResourceKind, Map<String, Object>> all, ImportSource source) {
    Map<String, Object> cmcSpec = all.get(ResourceKind.CLUSTER_MAINTENANCE_CONFIG);
    ClusterMaintenanceConfig cmc =
        cmcSpec == null
            ? null
            : ClusterMaintenanceConfig.from(
                resource(ResourceKind.CLUSTER_MAINTENANCE_CONFIG, cmcSpec));
    GroupConfig g = GroupConfig.from((AutoupdateConfig) null, cmc).get(0);
    String days =
        g.days().equals(List.of("*"))
            ? "every day"
            : (Set.copyOf(g.days()).equals(DEFAULT_DAYS) && g.days().size() == 4
                ? "Mon to Thu"
                : String.join(", ", g.days()));
    String words =
        "one group, " + g.name() + ", on " + days + " at %02d:00 UTC".formatted(g.startHour());
    if (g.name().equals(GroupConfig.DEFAULT_CMC)) {
      return words + " (from cluster_maintenance_config)";
    }
    return source.readsMaintenance()
        ? words
        : words
            + " (or "
            + GroupConfig.DEFAULT_CMC
            + " from a cluster_maintenance_config, which the "
            + source.target()
            + " target cannot read)";
  }

  // teleport-semantics §3.1, §3.4, §5.3, §11.3
  private static Block versionSpec(Map<String, Object> spec) {
    Builder b = YamlText.block();
    Map<String, Object> tools = map(spec, "tools");
    if (tools == null) {
      b.note("tools: not set (default): client tools are told the Proxy's own version.");
    } else {
      b.field("tools", ordered(tools, List.of("target_version")));
    }
    Map<String, Object> agents = map(spec, "agents");
    if (agents == null) {
      b.note(
          "agents: not set (default): there is no rollout; agents are told the versions of the"
              + " Proxy's release channels.");
    } else {
      b.field(
          "agents",
          ordered(agents, List.of("start_version", "target_version", "schedule", "mode")));
    }
    rest(b, spec, List.of("tools", "agents"));
    return b.build();
  }

  // teleport-semantics §12
  private static Block maintenanceSpec(Map<String, Object> spec) {
    Builder b = YamlText.block();
    Map<String, Object> upgrades = map(spec, "agent_upgrades");
    if (upgrades == null) {
      b.note("agent_upgrades: not set (default): no Managed Updates v1 window.");
    } else {
      Builder u = YamlText.block();
      u.scalar("utc_start_hour", upgrades.getOrDefault("utc_start_hour", 0L));
      if (upgrades.containsKey("weekdays")) {
        u.field("weekdays", node(upgrades.get("weekdays")));
      } else {
        u.note("weekdays: not set (default): every day.");
      }
      rest(u, upgrades, List.of("utc_start_hour", "weekdays"));
      b.field("agent_upgrades", u.build());
    }
    rest(b, spec, List.of("agent_upgrades"));
    return b.build();
  }

  /** The known keys of a map in {@code order}, then the others as the cluster gave them. */
  private static Block ordered(Map<String, Object> m, List<String> order) {
    Builder b = YamlText.block();
    for (String key : order) {
      if (m.containsKey(key)) {
        b.field(key, node(m.get(key)));
      }
    }
    rest(b, m, order);
    return b.build();
  }

  /** Fields of a newer Teleport that Lockstep does not know: kept, so nothing live is lost. */
  private static void rest(Builder b, Map<String, Object> m, List<String> known) {
    m.forEach(
        (k, v) -> {
          if (!known.contains(k)) {
            b.field(k, node(v));
          }
        });
  }

  private static Node node(Object v) {
    if (v instanceof Map<?, ?> m) {
      return ordered(asMap(m), List.of());
    }
    if (v instanceof List<?> l
        && !l.isEmpty()
        && l.stream().allMatch(e -> e instanceof Map<?, ?>)) {
      return new Items(l.stream().map(e -> ordered(asMap(e), List.of())).toList());
    }
    if (v instanceof List<?> l) {
      return new Flow(l);
    }
    return new Scalar(v);
  }

  private static void scalarIfPresent(Builder b, Map<String, Object> m, String key) {
    if (m.containsKey(key)) {
      b.field(key, node(m.get(key)));
    }
  }

  private static Resource resource(ResourceKind kind, Map<String, Object> spec) {
    return new Resource(
        kind,
        kind.singletonName(),
        Map.of("kind", kind.kind(), "spec", spec),
        SourceLocation.ofFile("import"),
        Map.of(),
        true);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  private static Map<String, Object> map(Map<String, Object> m, String key) {
    return m.get(key) instanceof Map<?, ?> v ? asMap(v) : null;
  }

  private static List<?> list(Map<String, Object> m, String key) {
    return m.get(key) instanceof List<?> l ? l : null;
  }
}
