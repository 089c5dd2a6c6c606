package dev.lockstep.validate;

import dev.lockstep.model.Channel;
import dev.lockstep.model.ClusterSource;
import dev.lockstep.model.DesiredState;
import dev.lockstep.model.FieldPath;
import dev.lockstep.model.Frozen;
import dev.lockstep.model.Resource;
import dev.lockstep.model.ResourceKind;
import dev.lockstep.model.SourceLocation;
import dev.lockstep.model.TestResources;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Valid resources to start from, and small edits on them, so each table row shows only what
 * differs. Specs are mutable trees until {@link #resource} freezes them.
 */
final class Fixtures {
  private Fixtures() {}

  static final String CLUSTER = "prod";
  static final String FOLDER = "clusters/prod/";

  /** A valid halt-on-error config with a dev, staging and prod group. */
  static Map<String, Object> configSpec() {
    return tree(
        Map.of(
            "tools", Map.of("mode", "enabled"),
            "agents",
                ordered(
                    "mode", "enabled",
                    "strategy", "halt-on-error",
                    "schedules",
                        Map.of(
                            "regular",
                            List.of(
                                group("dev", 4, 0),
                                group("staging", 4, 24),
                                group("prod", 4, 24))))));
  }

  /** A valid time-based config with one group and a 2 h window. */
  static Map<String, Object> timeBasedSpec() {
    return tree(
        Map.of(
            "agents",
            ordered(
                "mode", "enabled",
                "strategy", "time-based",
                "maintenance_window_duration", "2h",
                "schedules", Map.of("regular", List.of(group("all", 2, 0))))));
  }

  static Map<String, Object> group(String name, long startHour, long waitHours) {
    return ordered(
        "name",
        name,
        "days",
        List.of("Mon", "Tue", "Wed", "Thu"),
        "start_hour",
        startHour,
        "wait_hours",
        waitHours);
  }

  /** A valid version resource: agents 17.2.0 -> 17.2.1, tools 17.2.1. */
  static Map<String, Object> versionSpec() {
    return tree(
        Map.of(
            "tools", Map.of("target_version", "17.2.1"),
            "agents",
                ordered(
                    "start_version", "17.2.0",
                    "target_version", "17.2.1",
                    "schedule", "regular",
                    "mode", "enabled")));
  }

  /** A valid maintenance config: 02:00 UTC on Monday and Wednesday. */
  static Map<String, Object> cmcSpec() {
    return tree(
        Map.of(
            "agent_upgrades",
            ordered("utc_start_hour", 2L, "weekdays", List.of("Monday", "Wednesday"))));
  }

  /** A valid cluster.yaml spec declaring Auth 17.2.1 and following stable/rolling. */
  static Map<String, Object> clusterSpec() {
    return tree(
        ordered("auth_version", "17.2.1", "cloud", false, "channels", List.of("stable/rolling")));
  }

  /** Applies an edit to a copy of {@code spec}. */
  static Map<String, Object> edit(Map<String, Object> spec, Consumer<Map<String, Object>> change) {
    Map<String, Object> copy = tree(spec);
    change.accept(copy);
    return copy;
  }

  /** Sets the value at a path below the spec ({@code agents.schedules.regular[0].start_hour}). */
  static Consumer<Map<String, Object>> set(String path, Object value) {
    return spec -> {
      Object parent = navigate(spec, FieldPath.parent(path));
      String last = FieldPath.segments(path).get(FieldPath.segments(path).size() - 1);
      if (last.startsWith("[")) {
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) parent;
        list.set(Integer.parseInt(last.substring(1, last.length() - 1)), tree(value));
      } else {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) parent;
        map.put(last, tree(value));
      }
    };
  }

  /** Removes the key at a path below the spec. */
  static Consumer<Map<String, Object>> remove(String path) {
    return spec -> {
      @SuppressWarnings("unchecked")
      Map<String, Object> map = (Map<String, Object>) navigate(spec, FieldPath.parent(path));
      List<String> segments = FieldPath.segments(path);
      map.remove(segments.get(segments.size() - 1));
    };
  }

  private static Object navigate(Object root, String path) {
    Object current = root;
    for (String segment : FieldPath.segments(path)) {
      if (segment.startsWith("[")) {
        current =
            ((List<?>) current).get(Integer.parseInt(segment.substring(1, segment.length() - 1)));
      } else {
        current = ((Map<?, ?>) current).get(segment);
      }
    }
    return current;
  }

  /** A well-formed resource of the cluster folder with the singleton name. */
  static Resource resource(ResourceKind kind, Map<String, Object> spec) {
    return TestResources.of(kind, spec, FOLDER + kind.kind() + ".yaml");
  }

  /** A resource with its own top-level fields (name, version) for identity rules. */
  static Resource document(
      ResourceKind kind, String name, Object version, Map<String, Object> spec) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("kind", kind.kind());
    if (version != null) {
      doc.put("version", version);
    }
    doc.put("metadata", Map.of("name", name));
    doc.put("spec", spec);
    return new Resource(
        kind,
        name,
        Frozen.map(doc),
        new SourceLocation(FOLDER + kind.kind() + ".yaml", 1, 1),
        Map.of(),
        true);
  }

  static Resource config(Map<String, Object> spec) {
    return resource(ResourceKind.AUTOUPDATE_CONFIG, spec);
  }

  static Resource version(Map<String, Object> spec) {
    return resource(ResourceKind.AUTOUPDATE_VERSION, spec);
  }

  static Resource cmc(Map<String, Object> spec) {
    return resource(ResourceKind.CLUSTER_MAINTENANCE_CONFIG, spec);
  }

  static Resource descriptor(Map<String, Object> spec) {
    return TestResources.of(ResourceKind.LOCKSTEP_CLUSTER, spec, FOLDER + "cluster.yaml");
  }

  /** One cluster named {@code prod}. */
  static ClusterSource cluster(Resource descriptor, Resource... resources) {
    return new ClusterSource(CLUSTER, FOLDER, descriptor, List.of(resources));
  }

  /** A channel with both files. */
  static Channel channel(String name, String version, String critical) {
    String dir = "channels/" + name + "/";
    return new Channel(
        name,
        version,
        version == null ? null : new SourceLocation(dir + "version", 1, 1),
        critical,
        critical == null ? null : new SourceLocation(dir + "critical", 1, 1));
  }

  /** The default channel every cluster fixture follows. */
  static Channel stableRolling() {
    return channel("stable/rolling", "17.2.1", "no");
  }

  static DesiredState state(List<ClusterSource> clusters, List<Channel> channels) {
    return new DesiredState("test", clusters, channels, List.of());
  }

  /** One cluster plus the stable/rolling channel. */
  static DesiredState state(ClusterSource cluster) {
    return state(List.of(cluster), List.of(stableRolling()));
  }

  /** A fully valid cluster: config, version, CMC, and cluster.yaml. */
  static DesiredState validState() {
    return state(
        cluster(
            descriptor(clusterSpec()),
            config(configSpec()),
            version(versionSpec()),
            cmc(cmcSpec())));
  }

  /** Deep mutable copy of maps and lists; integers become Long as the parser produces. */
  @SuppressWarnings("unchecked")
  static <T> T tree(T value) {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> copy = new LinkedHashMap<>();
      m.forEach((k, v) -> copy.put((String) k, tree(v)));
      return (T) copy;
    }
    if (value instanceof List<?> l) {
      List<Object> copy = new ArrayList<>();
      l.forEach(v -> copy.add(tree(v)));
      return (T) copy;
    }
    if (value instanceof Integer i) {
      return (T) Long.valueOf(i);
    }
    return value;
  }

  static Map<String, Object> ordered(Object... keyValues) {
    return TestResources.map(keyValues);
  }
}
