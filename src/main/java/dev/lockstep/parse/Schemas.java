package dev.lockstep.parse;

import static dev.lockstep.parse.FieldType.Scalar.BOOL;
import static dev.lockstep.parse.FieldType.Scalar.DURATION;
import static dev.lockstep.parse.FieldType.Scalar.INT32;
import static dev.lockstep.parse.FieldType.Scalar.INT64;
import static dev.lockstep.parse.FieldType.Scalar.NUMBER;
import static dev.lockstep.parse.FieldType.Scalar.STRING;
import static dev.lockstep.parse.FieldType.Scalar.TIMESTAMP;
import static dev.lockstep.parse.FieldType.Scalar.UINT32;
import static dev.lockstep.parse.FieldType.Scalar.UINT64;
import static dev.lockstep.parse.FieldType.Scalar.VERSION;

import dev.lockstep.model.FieldPath;
import dev.lockstep.model.ResourceKind;
import dev.lockstep.model.TeleportEnums;
import dev.lockstep.parse.FieldType.ListOf;
import dev.lockstep.parse.FieldType.MapOf;
import dev.lockstep.parse.FieldType.ObjectType;
import dev.lockstep.parse.FieldType.OneOf;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The document shape of every kind the parser checks. Field names are the protobuf JSON names tctl
 * reads with unknown fields disallowed (teleport-semantics §22), so a typo or a removed field is an
 * error rather than silently dropped.
 */
final class Schemas {
  private Schemas() {}

  /** How Teleport turns the JSON that tctl makes of the YAML into its resource. */
  enum Decoding {
    /**
     * protojson, for the RFD-153 resources: integers may be written as decimal strings, unknown
     * fields are refused.
     */
    PROTOJSON,
    /**
     * Go's encoding/json into the legacy struct ({@code cluster_maintenance_config}): a number
     * written as a string is refused (teleport-semantics §22).
     */
    GO_JSON
  }

  /** How tctl decodes a kind; Lockstep's own kinds are read like protojson ones. */
  static Decoding decodingOf(ResourceKind kind) {
    return kind == ResourceKind.CLUSTER_MAINTENANCE_CONFIG ? Decoding.GO_JSON : Decoding.PROTOJSON;
  }

  private static final OneOf RESOURCE_VERSION = new OneOf(TeleportEnums.RESOURCE_VERSIONS);

  // teleport.header.v1.Metadata (teleport-semantics §1)
  private static final ObjectType HEADER_METADATA =
      ObjectType.of(
          "name", STRING,
          "description", STRING,
          "labels", new MapOf(STRING),
          "expires", TIMESTAMP,
          "revision", STRING);

  // types.Metadata of the legacy resources, which cluster_maintenance_config still uses
  // (teleport-semantics §12)
  private static final ObjectType LEGACY_METADATA =
      ObjectType.of(
          "name", STRING,
          "namespace", STRING,
          "description", STRING,
          "labels", new MapOf(STRING),
          "expires", TIMESTAMP,
          "revision", STRING);

  // teleport-semantics §2.1
  private static final ObjectType AGENT_GROUP =
      ObjectType.of(
              "name", STRING,
              "days", new ListOf(STRING),
              "start_hour", INT32,
              "wait_hours", INT32,
              "canary_count", INT64)
          .removing(
              "wait_days",
              "wait_days was removed from Teleport; use wait_hours (in hours, not days)");

  private static final ObjectType AUTOUPDATE_CONFIG =
      ObjectType.of(
          "kind",
          STRING,
          "sub_kind",
          STRING,
          "version",
          RESOURCE_VERSION,
          "metadata",
          HEADER_METADATA,
          "spec",
          ObjectType.of(
                  "tools",
                  ObjectType.of("mode", new OneOf(TeleportEnums.TOOLS_MODES)),
                  "agents",
                  ObjectType.of(
                          "mode",
                          new OneOf(TeleportEnums.AGENT_MODES),
                          "strategy",
                          new OneOf(TeleportEnums.STRATEGIES),
                          "maintenance_window_duration",
                          DURATION,
                          "schedules",
                          ObjectType.of("regular", new ListOf(AGENT_GROUP)))
                      .removing(
                          "agent_schedules",
                          "agent_schedules was removed from Teleport; use spec.agents.schedules.regular"))
              .removing(
                  "tools_autoupdate",
                  "tools_autoupdate was removed from Teleport; use spec.tools.mode"));

  // teleport-semantics §3.1
  private static final ObjectType AUTOUPDATE_VERSION =
      ObjectType.of(
          "kind",
          STRING,
          "sub_kind",
          STRING,
          "version",
          RESOURCE_VERSION,
          "metadata",
          HEADER_METADATA,
          "spec",
          ObjectType.of(
                  "tools",
                  ObjectType.of("target_version", VERSION),
                  "agents",
                  ObjectType.of(
                      "start_version",
                      VERSION,
                      "target_version",
                      VERSION,
                      "schedule",
                      new OneOf(TeleportEnums.SCHEDULES),
                      "mode",
                      new OneOf(TeleportEnums.AGENT_MODES)))
              .removing(
                  "tools_version",
                  "tools_version was removed from Teleport; use spec.tools.target_version"));

  // teleport-semantics §12: nonce is the resource's optimistic-locking counter, present in `tctl
  // get` output
  private static final ObjectType CLUSTER_MAINTENANCE_CONFIG =
      ObjectType.of(
          "kind",
          STRING,
          "sub_kind",
          STRING,
          "version",
          RESOURCE_VERSION,
          "metadata",
          LEGACY_METADATA,
          "spec",
          ObjectType.of(
              "agent_upgrades",
              ObjectType.of("utc_start_hour", UINT32, "weekdays", new ListOf(STRING))),
          "nonce",
          UINT64);

  // spec.halt of lockstep_cluster: the rollout health checks (README, "Rollout health")
  private static final OneOf HALT_ACTION = new OneOf(List.of("suspend", "notify"));
  private static final ObjectType HALT_CHECK =
      ObjectType.of("enabled", BOOL, "action", HALT_ACTION);

  private static final ObjectType HALT =
      ObjectType.of(
          "action",
          HALT_ACTION,
          "failure_limit",
          INT32,
          "canary_timeout",
          ObjectType.of("enabled", BOOL, "action", HALT_ACTION, "after", DURATION),
          "stalled",
          ObjectType.of(
              "enabled", BOOL, "action", HALT_ACTION, "window", DURATION, "min_gain", INT64),
          "attrition",
          ObjectType.of("enabled", BOOL, "action", HALT_ACTION, "min_present_ratio", NUMBER),
          "reconciler_error",
          ObjectType.of("enabled", BOOL, "action", HALT_ACTION, "samples", INT32),
          "undefined_groups",
          HALT_CHECK,
          "custom",
          new ListOf(
              ObjectType.of(
                  "name",
                  STRING,
                  "expression",
                  STRING,
                  "message",
                  STRING,
                  "enabled",
                  BOOL,
                  "action",
                  HALT_ACTION)));

  // lockstep_cluster (cluster.yaml), Lockstep's own kind
  private static final ObjectType LOCKSTEP_CLUSTER =
      ObjectType.of(
          "kind",
          STRING,
          "version",
          STRING,
          "metadata",
          ObjectType.of("name", STRING, "description", STRING, "labels", new MapOf(STRING)),
          "spec",
          ObjectType.of(
              "proxy", STRING,
              "auth_version", VERSION,
              "cloud", BOOL,
              "channels", new ListOf(STRING),
              "halt", HALT,
              // durations such as 14d are not Go durations: the validator reads them (bump/...)
              "bump",
                  ObjectType.of(
                      "minimum_release_age",
                          ObjectType.of("major", STRING, "minor", STRING, "patch", STRING),
                      "promote_from", STRING,
                      "promotion_soak", STRING,
                      "follow", STRING)));

  private static final Map<ResourceKind, ObjectType> BY_KIND = new EnumMap<>(ResourceKind.class);
  private static final Map<ResourceKind, Map<String, List<String>>> WHERE =
      new EnumMap<>(ResourceKind.class);

  static {
    BY_KIND.put(ResourceKind.AUTOUPDATE_CONFIG, AUTOUPDATE_CONFIG);
    BY_KIND.put(ResourceKind.AUTOUPDATE_VERSION, AUTOUPDATE_VERSION);
    BY_KIND.put(ResourceKind.CLUSTER_MAINTENANCE_CONFIG, CLUSTER_MAINTENANCE_CONFIG);
    BY_KIND.put(ResourceKind.LOCKSTEP_CLUSTER, LOCKSTEP_CLUSTER);
    BY_KIND.forEach(
        (kind, schema) -> {
          Map<String, List<String>> where = new HashMap<>();
          index(schema, "", where);
          WHERE.put(kind, where);
        });
  }

  /** The schema of a kind; empty for kinds whose shape another stage checks (policies). */
  static Optional<ObjectType> of(ResourceKind kind) {
    return Optional.ofNullable(BY_KIND.get(kind));
  }

  /**
   * Where else in the kind's schema a field of that name exists, as display paths such as {@code
   * spec.agents.schedules.regular[]}; empty when nowhere.
   */
  static List<String> placesOf(ResourceKind kind, String field) {
    return WHERE.getOrDefault(kind, Map.of()).getOrDefault(field, List.of());
  }

  private static void index(ObjectType type, String path, Map<String, List<String>> where) {
    type.fields()
        .forEach(
            (name, fieldType) -> {
              where.computeIfAbsent(name, n -> new ArrayList<>()).add(path);
              String child = FieldPath.child(path, name);
              if (fieldType instanceof ObjectType o) {
                index(o, child, where);
              } else if (fieldType instanceof ListOf l && l.item() instanceof ObjectType o) {
                index(o, child + "[]", where);
              }
            });
  }
}
