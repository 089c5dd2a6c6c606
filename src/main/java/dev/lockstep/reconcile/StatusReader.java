package dev.lockstep.reconcile;

import dev.lockstep.finding.Findings;
import dev.lockstep.observe.SampleHistory;
import dev.lockstep.parse.DataYaml;
import dev.lockstep.reconcile.StatusDocument.AppliedResource;
import dev.lockstep.reconcile.StatusDocument.Group;
import dev.lockstep.reconcile.StatusDocument.ReconcileRecord;
import dev.lockstep.reconcile.StatusDocument.TimelineEntry;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a status file {@link StatusYaml} wrote back into a {@link StatusDocument}, so that a
 * restarted {@code serve} continues its history (the audit log), its conditions' transition times,
 * the list of what was applied and the last live rollout seen. Findings are not read back (the next
 * run computes them again): the document has none.
 */
public final class StatusReader {

  private StatusReader() {}

  /**
   * The document, or empty when the text is not a {@code lockstep_status} document Lockstep could
   * have written (it never throws).
   */
  public static Optional<StatusDocument> read(String text) {
    Optional<Map<?, ?>> doc = DataYaml.document(text, StatusYaml.KIND);
    if (doc.isEmpty()) {
      return Optional.empty();
    }
    Map<?, ?> root = doc.get();
    try {
      Map<?, ?> source = map(root.get("source"));
      Map<?, ?> sig = map(source.get("signature"));
      return Optional.of(
          new StatusDocument(
              text(root, "cluster"),
              Instant.parse(text(root, StatusYaml.UPDATED_AT)),
              new StatusDocument.Source(
                  text(source, "url"),
                  text(source, "ref"),
                  text(source, "commit"),
                  new StatusDocument.Signature(
                      text(sig, "mode"),
                      Boolean.TRUE.equals(sig.get("verified")),
                      text(sig, "format"),
                      text(sig, "signer"),
                      text(sig, "message")),
                  Optional.ofNullable(source.get("rewritten"))
                      .map(StatusReader::map)
                      .map(
                          r ->
                              new Rewrite(
                                  text(r, "previous"),
                                  text(r, "commit"),
                                  Instant.parse(text(r, "at"))))),
              list(
                  root.get("conditions"),
                  m ->
                      new Condition(
                          text(m, "type"),
                          status(text(m, "status")),
                          text(m, "reason"),
                          text(m, "message"),
                          text(m, "observedRevision"),
                          Instant.parse(text(m, "lastTransitionTime")))),
              list(
                  root.get("applied"),
                  m ->
                      new AppliedResource(
                          text(m, "kind"), text(m, "name"), text(m, "change"), text(m, "file"))),
              Findings.NONE,
              Optional.ofNullable(root.get("rollout")).map(r -> rollout(map(r))),
              list(
                  root.get("timeline"),
                  m ->
                      new TimelineEntry(
                          Instant.parse(text(m, "at")),
                          text(m, "group"),
                          text(m, "state"),
                          text(m, "reason"))),
              list(
                  root.get("history"),
                  m ->
                      new ReconcileRecord(
                          Instant.parse(text(m, "at")),
                          text(m, "revision"),
                          status(text(m, "ready")),
                          text(m, "reason"),
                          text(m, "message"))),
              SampleHistory.fromDocument(
                  Map.of("samples", Optional.ofNullable(root.get("samples")).orElse(List.of()))),
              Optional.ofNullable(root.get("halt")).map(h -> halt(map(h)))));
    } catch (IllegalArgumentException | NullPointerException | DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static StatusDocument.Halt halt(Map<?, ?> h) {
    return new StatusDocument.Halt(
        text(h, "key"),
        text(h, "check"),
        h.get("group") == null ? "" : text(h, "group"),
        text(h, "evidence"),
        text(h, "outcome"),
        Optional.ofNullable(h.get("commit")).map(String::valueOf),
        text(h, "message"),
        Instant.parse(text(h, "at")),
        Boolean.TRUE.equals(h.get("holding")));
  }

  private static StatusDocument.Rollout rollout(Map<?, ?> r) {
    return new StatusDocument.Rollout(
        text(r, "state"),
        text(r, "startVersion"),
        text(r, "targetVersion"),
        text(r, "strategy"),
        time(r.get("startTime")),
        list(
            r.get("groups"),
            g ->
                new Group(
                    text(g, "name"),
                    text(g, "state"),
                    text(g, "reason"),
                    time(g.get("startTime")),
                    count(g.get("initialCount")),
                    count(g.get("presentCount")),
                    count(g.get("upToDateCount")))));
  }

  private static ConditionStatus status(String label) {
    for (ConditionStatus s : ConditionStatus.values()) {
      if (s.label().equals(label)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown condition status " + label);
  }

  private static Optional<Instant> time(Object v) {
    return v == null ? Optional.empty() : Optional.of(Instant.parse(String.valueOf(v)));
  }

  private static long count(Object v) {
    return v instanceof Number n ? n.longValue() : 0;
  }

  private static <T> List<T> list(Object node, Function<Map<?, ?>, T> item) {
    List<T> out = new ArrayList<>();
    if (node instanceof List<?> items) {
      for (Object i : items) {
        out.add(item.apply(map(i)));
      }
    }
    return out;
  }

  private static Map<?, ?> map(Object node) {
    if (node instanceof Map<?, ?> m) {
      return m;
    }
    throw new IllegalArgumentException("expected a map");
  }

  /** A scalar as text; "" when absent (the writer leaves empty values out). */
  private static String text(Map<?, ?> m, String key) {
    Object v = m.get(key);
    return v == null ? "" : String.valueOf(v);
  }
}
