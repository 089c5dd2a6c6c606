package dev.lockstep.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.model.GoDuration;
import dev.lockstep.rollout.AgentMode;
import dev.lockstep.rollout.Canary;
import dev.lockstep.rollout.GroupState;
import dev.lockstep.rollout.GroupStatus;
import dev.lockstep.rollout.Rollout;
import dev.lockstep.rollout.RolloutException;
import dev.lockstep.rollout.RolloutSpec;
import dev.lockstep.rollout.RolloutState;
import dev.lockstep.rollout.RolloutStatus;
import dev.lockstep.rollout.Schedule;
import dev.lockstep.rollout.Strategy;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code tctl get autoupdate_agent_rollout --format=json} and {@code tctl get
 * autoupdate_agent_report --format=json} exactly as tctl prints them: a JSON array of resources in
 * protobuf JSON with the proto field names (tctl marshals these RFD-153 resources with {@code
 * protojson}, {@code UseProtoNames}). So enums are names ({@code
 * AUTO_UPDATE_AGENT_GROUP_STATE_ACTIVE}) and are also accepted as numbers or short names; 64-bit
 * integers are decimal strings and also accepted as numbers; timestamps are RFC 3339; durations are
 * {@code "3600s"}; fields at their zero value are left out (teleport-semantics §5.1, §9). Pure.
 */
public final class TctlJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** tctl's kind names. */
  public static final String ROLLOUT_KIND = "autoupdate_agent_rollout";

  /** tctl's kind names. */
  public static final String REPORT_KIND = "autoupdate_agent_report";

  // Go's zero time, which tctl prints for an unset timestamp in some paths
  private static final Instant GO_ZERO = Instant.parse("0001-01-01T00:00:00Z");

  private static final List<String> GROUP_STATES =
      List.of("unspecified", "unstarted", "active", "done", "rolledback", "canary");
  private static final List<String> ROLLOUT_STATES =
      List.of("unspecified", "unstarted", "active", "done", "rolledback");

  private TctlJson() {}

  /**
   * The rollout tctl printed, or empty for an empty list.
   *
   * @param stdout what {@code tctl get autoupdate_agent_rollout --format=json} printed
   * @param notes receives a note for each value read leniently (an unknown state)
   * @throws ObservationException when it is not JSON, not a rollout, or a field has the wrong type
   */
  public static Optional<Rollout> rollout(String stdout, List<String> notes)
      throws ObservationException {
    List<JsonNode> items = resources(stdout, ROLLOUT_KIND);
    if (items.isEmpty()) {
      return Optional.empty();
    }
    Reader r = new Reader(ROLLOUT_KIND, notes);
    return Optional.of(r.rollout(items.get(0)));
  }

  /**
   * Every report tctl printed.
   *
   * @param stdout what {@code tctl get autoupdate_agent_report --format=json} printed
   * @throws ObservationException when it is not JSON or a report has a field of the wrong type
   */
  public static List<ObservedReport> reports(String stdout, List<String> notes)
      throws ObservationException {
    Reader r = new Reader(REPORT_KIND, notes);
    List<ObservedReport> out = new ArrayList<>();
    List<JsonNode> items = resources(stdout, REPORT_KIND);
    for (int i = 0; i < items.size(); i++) {
      out.add(r.report(items.get(i), "[" + i + "]"));
    }
    return out;
  }

  private static List<JsonNode> resources(String stdout, String kind) throws ObservationException {
    JsonNode root;
    try {
      root = JSON.readTree(stdout == null ? "" : stdout);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new ObservationException(
          "tctl get " + kind + " printed something that is not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ObservationException("tctl get " + kind + " printed something that is not JSON");
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return List.of();
    }
    List<JsonNode> items = new ArrayList<>();
    if (root.isArray()) {
      root.forEach(items::add);
    } else if (root.isObject()) {
      items.add(root);
    } else {
      throw new ObservationException(
          "tctl get " + kind + " printed JSON that is neither a list nor a resource");
    }
    for (JsonNode item : items) {
      if (!item.isObject()) {
        throw new ObservationException(
            "tctl get " + kind + " printed a list holding something that is not a resource");
      }
      String printed = item.path("kind").asText("");
      if (!printed.isEmpty() && !printed.equals(kind)) {
        throw new ObservationException(
            "tctl get " + kind + " printed a resource of kind \"" + printed + "\"");
      }
    }
    return items;
  }

  /** Field readers that name the field in their errors. */
  private static final class Reader {
    private final String kind;
    private final List<String> notes;

    Reader(String kind, List<String> notes) {
      this.kind = kind;
      this.notes = notes;
    }

    Rollout rollout(JsonNode doc) throws ObservationException {
      JsonNode spec = doc.path("spec");
      JsonNode status = doc.path("status");
      RolloutSpec rolloutSpec;
      try {
        rolloutSpec =
            new RolloutSpec(
                text(spec, "spec", "start_version"),
                text(spec, "spec", "target_version"),
                Schedule.parse(text(spec, "spec", "schedule")),
                AgentMode.parse(text(spec, "spec", "autoupdate_mode")),
                Strategy.parse(text(spec, "spec", "strategy")),
                duration(spec, "spec", "maintenance_window_duration"));
      } catch (RolloutException e) {
        throw new ObservationException("tctl get " + kind + ": spec: " + e.getMessage());
      }
      List<GroupStatus> groups = new ArrayList<>();
      JsonNode list = status.path("groups");
      if (!list.isMissingNode() && !list.isNull() && !list.isArray()) {
        throw wrongType("status.groups", "a list");
      }
      for (int i = 0; i < list.size(); i++) {
        groups.add(group(list.get(i), "status.groups[" + i + "]"));
      }
      RolloutState state =
          RolloutState.values()[
              enumIndex(status.get("state"), "status.state", ROLLOUT_STATES, "_ROLLOUT_STATE_")];
      return new Rollout(
          rolloutSpec,
          new RolloutStatus(
              state,
              timestamp(status, "status", "start_time"),
              timestamp(status, "status", "time_override"),
              groups));
    }

    GroupStatus group(JsonNode g, String path) throws ObservationException {
      if (!g.isObject()) {
        throw wrongType(path, "an object");
      }
      List<Canary> canaries = new ArrayList<>();
      JsonNode list = g.path("canaries");
      for (int i = 0; i < list.size(); i++) {
        JsonNode c = list.get(i);
        String at = path + ".canaries[" + i + "]";
        canaries.add(
            new Canary(
                text(c, at, "updater_id"),
                text(c, at, "host_id"),
                text(c, at, "hostname"),
                bool(c, at, "success")));
      }
      List<String> days = new ArrayList<>();
      for (JsonNode d : g.path("config_days")) {
        days.add(d.asText());
      }
      return new GroupStatus(
          text(g, path, "name"),
          timestamp(g, path, "start_time"),
          GroupState.values()[
              enumIndex(g.get("state"), path + ".state", GROUP_STATES, "_GROUP_STATE_")],
          timestamp(g, path, "last_update_time"),
          text(g, path, "last_update_reason"),
          days,
          (int) integer(g, path, "config_start_hour"),
          (int) integer(g, path, "config_wait_hours"),
          integer(g, path, "initial_count"),
          integer(g, path, "present_count"),
          integer(g, path, "up_to_date_count"),
          (int) integer(g, path, "canary_count"),
          canaries);
    }

    ObservedReport report(JsonNode doc, String path) throws ObservationException {
      String name = doc.path("metadata").path("name").asText("");
      JsonNode spec = doc.path("spec");
      Instant timestamp = timestamp(spec, path + ".spec", "timestamp");
      if (timestamp == null) {
        notes.add(
            "report "
                + (name.isEmpty() ? path : "\"" + name + "\"")
                + " has no timestamp; counted as expired");
        timestamp = Instant.EPOCH;
      }
      Map<String, Map<String, Long>> groups = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> gs = spec.path("groups").fields();
      while (gs.hasNext()) {
        Map.Entry<String, JsonNode> g = gs.next();
        Map<String, Long> versions = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> vs = g.getValue().path("versions").fields();
        while (vs.hasNext()) {
          Map.Entry<String, JsonNode> v = vs.next();
          versions.put(
              v.getKey(),
              integer(
                  v.getValue(),
                  path + ".spec.groups." + g.getKey() + ".versions." + v.getKey(),
                  "count"));
        }
        groups.put(g.getKey(), versions);
      }
      List<ObservedReport.Omission> omitted = new ArrayList<>();
      JsonNode list = spec.path("omitted");
      for (int i = 0; i < list.size(); i++) {
        String at = path + ".spec.omitted[" + i + "]";
        omitted.add(
            new ObservedReport.Omission(
                text(list.get(i), at, "reason"), integer(list.get(i), at, "count")));
      }
      return new ObservedReport(name, timestamp, groups, omitted);
    }

    private String text(JsonNode parent, String path, String field) throws ObservationException {
      JsonNode v = parent.get(field);
      if (v == null || v.isNull()) {
        return "";
      }
      if (!v.isTextual()) {
        throw wrongType(path + "." + field, "text");
      }
      return v.asText();
    }

    private boolean bool(JsonNode parent, String path, String field) throws ObservationException {
      JsonNode v = parent.get(field);
      if (v == null || v.isNull()) {
        return false;
      }
      if (!v.isBoolean()) {
        throw wrongType(path + "." + field, "true or false");
      }
      return v.asBoolean();
    }

    /** An integer as protojson prints it: a number, or a decimal string for 64-bit fields. */
    private long integer(JsonNode parent, String path, String field) throws ObservationException {
      JsonNode v = parent.get(field);
      if (v == null || v.isNull()) {
        return 0;
      }
      if (v.isIntegralNumber()) {
        return v.asLong();
      }
      if (v.isTextual()) {
        try {
          return Long.parseLong(v.asText().strip());
        } catch (NumberFormatException e) {
          // reported below
        }
      }
      throw wrongType(path + "." + field, "a whole number");
    }

    private Duration duration(JsonNode parent, String path, String field)
        throws ObservationException {
      String text = text(parent, path, field);
      if (text.isEmpty()) {
        return Duration.ZERO;
      }
      return GoDuration.parse(text)
          .orElseThrow(() -> wrongType(path + "." + field, "a duration such as \"3600s\""));
    }

    /** An RFC 3339 timestamp; null when unset (absent, Go's zero time). */
    private Instant timestamp(JsonNode parent, String path, String field)
        throws ObservationException {
      String text = text(parent, path, field);
      if (text.isEmpty()) {
        return null;
      }
      Instant t;
      try {
        t = OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException e) {
        throw wrongType(path + "." + field, "an RFC 3339 time");
      }
      return t.equals(GO_ZERO) ? null : t;
    }

    /**
     * The ordinal of an enum printed as a protobuf name ({@code AUTO_UPDATE_..._STATE_ACTIVE}), a
     * short name ({@code active}) or a number. An unknown value (a newer Teleport) is read as
     * unspecified, with a note.
     */
    private int enumIndex(JsonNode v, String path, List<String> names, String marker)
        throws ObservationException {
      if (v == null || v.isNull()) {
        return 0;
      }
      if (v.isIntegralNumber()) {
        int i = v.asInt();
        if (i >= 0 && i < names.size()) {
          return i;
        }
        notes.add(
            path + " is " + v.asText() + ", a value Lockstep does not know; read as unspecified");
        return 0;
      }
      if (!v.isTextual()) {
        throw wrongType(path, "a state name or number");
      }
      String s = v.asText();
      int cut = s.lastIndexOf(marker);
      String tail = (cut >= 0 ? s.substring(cut + marker.length()) : s).toLowerCase(Locale.ROOT);
      int i = names.indexOf(tail);
      if (i >= 0) {
        return i;
      }
      notes.add(path + " is \"" + s + "\", a value Lockstep does not know; read as unspecified");
      return 0;
    }

    private ObservationException wrongType(String path, String expected) {
      return new ObservationException(
          "tctl get " + kind + " printed " + path + " that is not " + expected);
    }
  }
}
