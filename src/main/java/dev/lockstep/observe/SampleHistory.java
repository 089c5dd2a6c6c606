package dev.lockstep.observe;

import dev.lockstep.rollout.AgentMode;
import dev.lockstep.rollout.GroupState;
import dev.lockstep.rollout.RolloutState;
import dev.lockstep.rollout.Strategy;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The last samples of a cluster's rollout, oldest first, bounded by count and age (whichever keeps
 * fewer), so it fits in the status file and survives a restart or a leader change. Immutable:
 * {@link #append} returns a new history.
 *
 * <p>Its document form ({@link #toDocument}, {@link #fromDocument}) is plain maps and lists with
 * snake_case keys, for YAML or JSON:
 *
 * <pre>
 * samples:
 *   - at: "2026-11-20T10:00:00Z"
 *     source: tctl                 # or proxy-find
 *     error: "..."                 # only when the observation failed
 *     rollout:                     # absent: no rollout, or not readable
 *       start_time: "2026-11-20T09:00:00Z"
 *       start_version: 17.2.0
 *       target_version: 17.3.0
 *       strategy: halt-on-error
 *       mode: enabled
 *       state: active
 *       groups:
 *         - {name: dev, state: active, reason: update_in_progress,
 *            start_time: "...", last_update_time: "...",
 *            initial: 100, present: 98, up_to_date: 70, canary_count: 0,
 *            canaries: [{hostname: node-1, host_id: "...", success: true}]}
 *     reports: {read: true, fresh: 2, expired: 0, agents: 120, undefined_groups: {qa: 3}}
 * </pre>
 *
 * @param samples oldest first
 */
public record SampleHistory(List<Sample> samples) {

  /**
   * How much a history keeps.
   *
   * @param maxSamples at most this many samples
   * @param maxAge no sample older than this before the newest one
   */
  public record Bounds(int maxSamples, Duration maxAge) {
    /**
     * The default: 240 samples or 24 hours. At one sample a minute that is four hours, enough for
     * every check window (the longest default, {@code canary_timeout}, reads no history).
     */
    public static final Bounds DEFAULT = new Bounds(240, Duration.ofHours(24));

    public Bounds {
      Objects.requireNonNull(maxAge, "maxAge");
      if (maxSamples < 1 || maxAge.isNegative() || maxAge.isZero()) {
        throw new IllegalArgumentException("a history keeps at least one sample");
      }
    }
  }

  /** No samples. */
  public static final SampleHistory EMPTY = new SampleHistory(List.of());

  public SampleHistory {
    samples = List.copyOf(samples);
    for (int i = 1; i < samples.size(); i++) {
      if (samples.get(i).at().isBefore(samples.get(i - 1).at())) {
        throw new IllegalArgumentException("samples must be oldest first");
      }
    }
  }

  /**
   * This history with {@code sample} added last, cut to {@code bounds}. A sample older than the
   * newest one is not added (it would be out of order).
   */
  public SampleHistory append(Sample sample, Bounds bounds) {
    if (!samples.isEmpty() && sample.at().isBefore(latest().orElseThrow().at())) {
      return this;
    }
    List<Sample> out = new ArrayList<>(samples);
    out.add(sample);
    Instant oldest = sample.at().minus(bounds.maxAge());
    out.removeIf(s -> s.at().isBefore(oldest));
    while (out.size() > bounds.maxSamples()) {
      out.remove(0);
    }
    return new SampleHistory(out);
  }

  /** The newest sample. */
  public Optional<Sample> latest() {
    return samples.isEmpty() ? Optional.empty() : Optional.of(samples.get(samples.size() - 1));
  }

  /** The first {@code n} samples (a history as it was then). */
  public SampleHistory upTo(int n) {
    return new SampleHistory(samples.subList(0, Math.min(n, samples.size())));
  }

  /** Number of samples. */
  public int size() {
    return samples.size();
  }

  // ---- document form

  /** The history as plain maps and lists (see the class comment). */
  public Map<String, Object> toDocument() {
    List<Object> list = new ArrayList<>();
    for (Sample s : samples) {
      list.add(sampleDocument(s));
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("samples", list);
    return doc;
  }

  /** One sample in the document form (see the class comment). */
  public static Map<String, Object> sampleDocument(Sample s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("at", s.at().toString());
    m.put("source", s.source().label());
    s.error().ifPresent(e -> m.put("error", e));
    s.rollout()
        .ifPresent(
            r -> {
              Map<String, Object> rm = new LinkedHashMap<>();
              putTime(rm, "start_time", r.startTime());
              rm.put("start_version", r.startVersion());
              rm.put("target_version", r.targetVersion());
              rm.put("strategy", r.strategy().label());
              rm.put("mode", r.mode().label());
              rm.put("state", r.state().label());
              List<Object> groups = new ArrayList<>();
              for (Sample.GroupSample g : r.groups()) {
                Map<String, Object> gm = new LinkedHashMap<>();
                gm.put("name", g.name());
                gm.put("state", g.state().label());
                gm.put("reason", g.reason());
                putTime(gm, "start_time", g.startTime());
                putTime(gm, "last_update_time", g.lastUpdateTime());
                gm.put("initial", g.initial());
                gm.put("present", g.present());
                gm.put("up_to_date", g.upToDate());
                gm.put("canary_count", g.canaryCount());
                List<Object> canaries = new ArrayList<>();
                for (Sample.CanarySample c : g.canaries()) {
                  Map<String, Object> cm = new LinkedHashMap<>();
                  cm.put("hostname", c.hostname());
                  cm.put("host_id", c.hostId());
                  cm.put("success", c.success());
                  canaries.add(cm);
                }
                gm.put("canaries", canaries);
                groups.add(gm);
              }
              rm.put("groups", groups);
              m.put("rollout", rm);
            });
    Map<String, Object> reports = new LinkedHashMap<>();
    reports.put("read", s.reports().read());
    reports.put("fresh", s.reports().fresh());
    reports.put("expired", s.reports().expired());
    reports.put("agents", s.reports().agents());
    reports.put("undefined_groups", new LinkedHashMap<>(s.reports().undefinedGroups()));
    m.put("reports", reports);
    return m;
  }

  private static void putTime(Map<String, Object> m, String key, Instant t) {
    if (t != null) {
      m.put(key, t.toString());
    }
  }

  /**
   * Reads a history from its document form. Samples that do not read (a hand edit, a field of the
   * wrong type) are left out rather than failing the whole history, which only informs checks.
   */
  public static SampleHistory fromDocument(Map<?, ?> doc) {
    List<Sample> out = new ArrayList<>();
    if (doc != null && doc.get("samples") instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof Map<?, ?> m) {
          try {
            Sample s = sample(m);
            if (out.isEmpty() || !s.at().isBefore(out.get(out.size() - 1).at())) {
              out.add(s);
            }
          } catch (RuntimeException e) {
            // skipped: see the method comment
          }
        }
      }
    }
    return new SampleHistory(out);
  }

  private static Sample sample(Map<?, ?> m) {
    Instant at = Instant.parse(text(m, "at"));
    ObservationSource source =
        ObservationSource.PROXY_FIND.label().equals(text(m, "source"))
            ? ObservationSource.PROXY_FIND
            : ObservationSource.TCTL;
    Optional<String> error = Optional.ofNullable(m.get("error")).map(String::valueOf);
    Optional<Sample.RolloutSample> rollout = Optional.empty();
    if (m.get("rollout") instanceof Map<?, ?> r) {
      List<Sample.GroupSample> groups = new ArrayList<>();
      if (r.get("groups") instanceof List<?> gl) {
        for (Object go : gl) {
          Map<?, ?> g = (Map<?, ?>) go;
          List<Sample.CanarySample> canaries = new ArrayList<>();
          if (g.get("canaries") instanceof List<?> cl) {
            for (Object co : cl) {
              Map<?, ?> c = (Map<?, ?>) co;
              canaries.add(
                  new Sample.CanarySample(
                      text(c, "hostname"),
                      text(c, "host_id"),
                      Boolean.TRUE.equals(c.get("success"))));
            }
          }
          groups.add(
              new Sample.GroupSample(
                  text(g, "name"),
                  label(GroupState.values(), GroupState::label, text(g, "state")),
                  text(g, "reason"),
                  time(g, "start_time"),
                  time(g, "last_update_time"),
                  number(g, "initial"),
                  number(g, "present"),
                  number(g, "up_to_date"),
                  (int) number(g, "canary_count"),
                  canaries));
        }
      }
      rollout =
          Optional.of(
              new Sample.RolloutSample(
                  time(r, "start_time"),
                  text(r, "start_version"),
                  text(r, "target_version"),
                  Strategy.parse(text(r, "strategy")),
                  AgentMode.parse(text(r, "mode")),
                  label(RolloutState.values(), RolloutState::label, text(r, "state")),
                  groups));
    }
    Sample.ReportsSample reports = Sample.ReportsSample.UNREAD;
    if (m.get("reports") instanceof Map<?, ?> rp) {
      Map<String, Long> undefined = new LinkedHashMap<>();
      if (rp.get("undefined_groups") instanceof Map<?, ?> u) {
        u.forEach((k, v) -> undefined.put(String.valueOf(k), ((Number) v).longValue()));
      }
      reports =
          new Sample.ReportsSample(
              Boolean.TRUE.equals(rp.get("read")),
              (int) number(rp, "fresh"),
              (int) number(rp, "expired"),
              number(rp, "agents"),
              undefined);
    }
    return new Sample(at, source, error, rollout, reports);
  }

  private static <E> E label(E[] values, java.util.function.Function<E, String> label, String s) {
    for (E e : values) {
      if (label.apply(e).equals(s)) {
        return e;
      }
    }
    throw new IllegalArgumentException("unknown state " + s);
  }

  private static String text(Map<?, ?> m, String key) {
    Object v = m.get(key);
    return v == null ? "" : String.valueOf(v);
  }

  private static long number(Map<?, ?> m, String key) {
    Object v = m.get(key);
    return v instanceof Number n ? n.longValue() : 0;
  }

  private static Instant time(Map<?, ?> m, String key) {
    Object v = m.get(key);
    if (v == null) {
      return null;
    }
    try {
      return Instant.parse(String.valueOf(v));
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
