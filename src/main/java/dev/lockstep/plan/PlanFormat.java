package dev.lockstep.plan;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Output formats of {@code lockstep plan}. Unknown names are an error, never a silent fallback. */
public enum PlanFormat {
  /** For a terminal. */
  TEXT((plan, observed) -> PlanTextRenderer.render(plan)),
  /** For a pull-request comment, with a Mermaid gantt chart. */
  MARKDOWN((plan, observed) -> MarkdownRenderer.render(plan)),
  /** For machines; schema in docs/plan.md. */
  JSON((plan, observed) -> PlanJsonRenderer.render(plan)),
  /** The timeline picture alone: an SVG file (see {@link SvgRenderer}). */
  SVG(SvgRenderer::render),
  /** A self-contained page: the picture, the group table, warnings and notes. */
  HTML(HtmlRenderer::render);

  private final PlanRenderer renderer;

  PlanFormat(PlanRenderer renderer) {
    this.renderer = renderer;
  }

  /** The renderer for this format. */
  public PlanRenderer renderer() {
    return renderer;
  }

  /** The name as given on the command line. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The format of that name. */
  public static PlanFormat parse(String name) {
    for (PlanFormat f : values()) {
      if (f.label().equals(name)) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "unknown format \""
            + name
            + "\" (expected "
            + Arrays.stream(values()).map(PlanFormat::label).collect(Collectors.joining(", "))
            + ")");
  }

  /** Renders a plan in this format. */
  public String render(Plan plan) {
    return render(plan, ObservedRollout.NONE);
  }

  /**
   * Renders a plan with what was observed drawn over the picture; only {@link #SVG} and {@link
   * #HTML} draw it, the others never show it.
   */
  public String render(Plan plan, ObservedRollout observed) {
    return renderer.render(plan, observed);
  }
}
