package dev.lockstep.reconcile;

import dev.lockstep.parse.DataYaml;
import dev.lockstep.source.Revision;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * What {@code serve} knew at the end of its last run, kept in the data folder so that a restarted
 * process continues from it (README, "Restarts"): the revision in force and what its plan was
 * computed from, the revision last applied, and the status text of the run. It holds no secret (the
 * status never does).
 *
 * @param cluster the cluster the status is about
 * @param savedAt when it was saved (for people reading the file)
 * @param good the revision in force (the last one that passed validation), if any
 * @param applied the commit last applied to the cluster, if any
 * @param plan what the plan of {@code good} was computed from, if it was planned
 * @param status the status text of the last run, if any
 */
public record LastKnown(
    String cluster,
    Instant savedAt,
    Optional<Revision> good,
    Optional<String> applied,
    Optional<PlanInputs> plan,
    Optional<String> status) {

  /** The {@code kind} of the file. */
  public static final String KIND = "lockstep_last_known";

  /** The version of the shape written; a file of another version is not read. */
  public static final int VERSION = 1;

  private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");

  public LastKnown {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(savedAt, "savedAt");
    Objects.requireNonNull(good, "good");
    Objects.requireNonNull(applied, "applied");
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(status, "status");
  }

  /** The same, with another status text. */
  public LastKnown withStatus(Optional<String> text) {
    return new LastKnown(cluster, savedAt, good, applied, plan, text);
  }

  /**
   * True when both say the same apart from when they were saved and the status's timestamp (the
   * rollout samples count: this file keeps the newest ones across a restart, even when no status
   * commit carried them).
   */
  public boolean sameAs(LastKnown other) {
    return other != null
        && cluster.equals(other.cluster)
        && good.equals(other.good)
        && applied.equals(other.applied)
        && plan.equals(other.plan)
        && status.map(StatusYaml::untimed).equals(other.status.map(StatusYaml::untimed));
  }

  /** The YAML text of the file: fixed key order, UTC times at whole seconds. */
  public String toYaml() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("kind", KIND);
    root.put("version", VERSION);
    root.put("cluster", cluster);
    root.put("savedAt", time(savedAt));
    good.ifPresent(g -> root.put("good", revision(g)));
    applied.ifPresent(a -> root.put("applied", a));
    plan.ifPresent(
        p -> {
          Map<String, Object> m = new LinkedHashMap<>();
          // full precision: the plan starts at the first whole minute at or after it
          m.put("created", p.created().toString());
          m.put("createdFor", p.createdFor());
          p.base().ifPresent(b -> m.put("base", revision(b)));
          root.put("plan", m);
        });
    status.ifPresent(s -> root.put("status", s));
    DumpSettings settings =
        DumpSettings.builder()
            .setDefaultFlowStyle(FlowStyle.BLOCK)
            .setDefaultScalarStyle(ScalarStyle.PLAIN)
            .setWidth(4096)
            .setSplitLines(false)
            .setSchema(new CoreSchema())
            .build();
    return "# Lockstep's own record of its last run, read at start-up. Do not edit.\n"
        + new Dump(settings).dumpToString(root);
  }

  /**
   * What reading a file gave: the record, or why it was not usable.
   *
   * @param known the record, when the file was usable
   * @param problem why it was not, in one sentence, when it was not
   */
  public record Read(Optional<LastKnown> known, Optional<String> problem) {
    static Read problem(String why) {
      return new Read(Optional.empty(), Optional.of(why));
    }
  }

  /**
   * Reads the text {@link #toYaml} wrote. Never throws: a torn, corrupt or foreign file, or one of
   * another {@link #VERSION}, gives a {@link Read} with the problem and no record.
   */
  public static Read parse(String text) {
    Optional<Map<?, ?>> doc = DataYaml.document(text, KIND);
    if (doc.isEmpty()) {
      return Read.problem(
          "it is not a " + KIND + " document (not valid YAML: a torn or corrupt write?)");
    }
    Map<?, ?> root = doc.get();
    if (!Integer.valueOf(VERSION).equals(root.get("version"))) {
      return Read.problem(
          "it has version "
              + root.get("version")
              + ", this Lockstep reads version "
              + VERSION
              + " (written by another Lockstep version)");
    }
    try {
      Optional<PlanInputs> plan = Optional.empty();
      if (root.get("plan") instanceof Map<?, ?> p) {
        plan =
            Optional.of(
                new PlanInputs(
                    Instant.parse(text(p, "created")),
                    text(p, "createdFor"),
                    optionalRevision(p.get("base"))));
      }
      Object applied = root.get("applied");
      if (applied != null && !COMMIT.matcher(String.valueOf(applied)).matches()) {
        return Read.problem("its applied commit is not a commit id");
      }
      return new Read(
          Optional.of(
              new LastKnown(
                  text(root, "cluster"),
                  Instant.parse(text(root, "savedAt")),
                  optionalRevision(root.get("good")),
                  Optional.ofNullable(applied).map(String::valueOf),
                  plan,
                  Optional.ofNullable(root.get("status")).map(String::valueOf))),
          Optional.empty());
    } catch (IllegalArgumentException | DateTimeParseException e) {
      return Read.problem("a field is missing or malformed (" + e.getMessage() + ")");
    }
  }

  private static Optional<Revision> optionalRevision(Object node) {
    if (node == null) {
      return Optional.empty();
    }
    if (!(node instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException("a revision must be a map of ref and commit");
    }
    String commit = text(m, "commit");
    if (!COMMIT.matcher(commit).matches()) {
      throw new IllegalArgumentException("commit " + commit + " is not a commit id");
    }
    return Optional.of(new Revision(text(m, "ref"), commit, Optional.empty(), false));
  }

  private static String text(Map<?, ?> m, String key) {
    Object v = m.get(key);
    if (!(v instanceof String s) || s.isBlank()) {
      throw new IllegalArgumentException(key + " is missing");
    }
    return s;
  }

  private static Map<String, Object> revision(Revision r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ref", r.ref());
    m.put("commit", r.commit());
    return m;
  }

  private static String time(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
