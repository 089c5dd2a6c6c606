package dev.lockstep.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.cluster.ApplyReport.ResourceResult;
import java.util.List;
import java.util.Locale;

/**
 * Plain-text rendering of a {@link ClusterDiff} and an {@link ApplyReport}: one header line per
 * resource ({@code +} create, {@code ~} update, {@code -} delete, {@code =} unchanged, {@code !}
 * left in the cluster), then one line per field, {@code path: live -> desired}, values as JSON.
 * Stable order (apply order, then path), so the output can be golden-tested.
 */
public final class DiffText {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String UNSET = "(unset)";

  private DiffText() {}

  /** The diff as text. */
  public static String render(ClusterDiff diff) {
    StringBuilder sb = new StringBuilder();
    long changes = diff.resources().stream().filter(diff::counts).count();
    for (ResourceDiff d : diff.resources()) {
      boolean left = d.change() == ChangeKind.DELETE && !diff.prune();
      sb.append(left ? "!" : symbol(d.change())).append(' ').append(d.id());
      if (!d.source().isEmpty()) {
        sb.append("  (").append(d.source()).append(')');
      }
      if (left) {
        sb.append("  not in Git; left in the cluster (--prune deletes it)");
      }
      sb.append('\n');
      if (d.change() != ChangeKind.DELETE) {
        fields(sb, d.fields());
      }
    }
    sb.append(changes == 0 ? "No changes" : changes + " resource(s) to change")
        .append(" on the ")
        .append(diff.target())
        .append(" target.\n");
    return sb.toString();
  }

  /** The apply report as text. */
  public static String render(ApplyReport report) {
    StringBuilder sb = new StringBuilder();
    report.blocking().stream().forEach(f -> sb.append(f).append('\n'));
    for (ResourceResult r : report.results()) {
      sb.append(r.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' '))
          .append(' ')
          .append(symbol(r.change()))
          .append(' ')
          .append(r.id());
      if (!r.message().isEmpty()) {
        sb.append(": ").append(r.message());
      }
      sb.append('\n');
      if (r.change() != ChangeKind.DELETE && r.outcome() != ApplyReport.Outcome.UNCHANGED) {
        fields(sb, r.fields());
      }
    }
    sb.append(report.message()).append('\n');
    return sb.toString();
  }

  private static void fields(StringBuilder sb, List<FieldChange> fields) {
    for (FieldChange f : fields) {
      sb.append("    ")
          .append(f.path())
          .append(": ")
          .append(value(f.observed()))
          .append(" -> ")
          .append(value(f.desired()))
          .append('\n');
    }
  }

  private static String symbol(ChangeKind change) {
    return switch (change) {
      case CREATE -> "+";
      case UPDATE -> "~";
      case DELETE -> "-";
      case NOOP -> "=";
    };
  }

  /** A value as compact JSON, or {@code (unset)}. */
  static String value(Object v) {
    if (v == null) {
      return UNSET;
    }
    try {
      return JSON.writeValueAsString(v);
    } catch (JsonProcessingException e) {
      return String.valueOf(v);
    }
  }
}
