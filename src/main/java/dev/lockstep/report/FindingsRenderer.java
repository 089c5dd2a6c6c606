package dev.lockstep.report;

import dev.lockstep.finding.Findings;

/** Renders findings in one output format. Pure: the caller decides where the text goes. */
public interface FindingsRenderer {

  /** The rendered report, ending with a newline. */
  String render(Findings findings, ReportContext context);
}
