package dev.lockstep.finding;

import dev.lockstep.model.Quoting;
import dev.lockstep.model.SourceLocation;
import java.util.Comparator;
import java.util.Objects;

/**
 * One result of parsing, validation or policy evaluation.
 *
 * @param severity how serious it is
 * @param rule a stable namespaced rule id, e.g. {@code teleport/start-hour-range} (see {@link
 *     Rules})
 * @param message a human sentence; never contains secrets
 * @param location file, line and column (line 0 when unknown)
 * @param path the field path, e.g. {@code spec.agents.schedules.regular[2].start_hour}, or ""
 */
public record Finding(
    Severity severity, String rule, String message, SourceLocation location, String path)
    implements Comparable<Finding> {

  /** Report order: file, line, column, rule, message. */
  public static final Comparator<Finding> ORDER =
      Comparator.comparing(Finding::location)
          .thenComparing(Finding::rule)
          .thenComparing(Finding::message);

  public Finding {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(location, "location");
    path = path == null ? "" : path;
  }

  /** An error finding. */
  public static Finding error(Rule rule, String message, SourceLocation location, String path) {
    return new Finding(Severity.ERROR, rule.id(), message, location, path);
  }

  /** A warning finding. */
  public static Finding warning(Rule rule, String message, SourceLocation location, String path) {
    return new Finding(Severity.WARNING, rule.id(), message, location, path);
  }

  /** A finding at the rule's default severity. */
  public static Finding of(Rule rule, String message, SourceLocation location, String path) {
    return new Finding(rule.severity(), rule.id(), message, location, path);
  }

  @Override
  public int compareTo(Finding o) {
    return ORDER.compare(this, o);
  }

  /**
   * Compiler style: {@code file:line:col: error [rule] message}, always one line (control
   * characters of the message are escaped, odd file names quoted: {@link SourceLocation#toString}).
   */
  @Override
  public String toString() {
    return location + ": " + severity.label() + " [" + rule + "] " + Quoting.oneLine(message);
  }
}
