package dev.lockstep.report;

import dev.lockstep.finding.Severity;
import java.util.List;
import java.util.Objects;

/**
 * What a report says besides the findings.
 *
 * @param tool the tool's version, e.g. {@code 0.1.0}
 * @param revision what was checked, e.g. {@code working tree} or {@code main@1a2b3c4}
 * @param files every file that was checked, repository-relative, sorted
 * @param failOn the severity at which findings fail the run (JUnit failures, the summary verdict)
 */
public record ReportContext(String tool, String revision, List<String> files, Severity failOn) {
  public ReportContext {
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(revision, "revision");
    files = files.stream().sorted().distinct().toList();
    Objects.requireNonNull(failOn, "failOn");
  }
}
