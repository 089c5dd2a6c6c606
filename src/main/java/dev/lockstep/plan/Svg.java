package dev.lockstep.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * SVG drawing for the plan renderers: the Okabe-Ito palette, the symbols and patterns, element
 * writers, escaping that keeps output pure ASCII (also used for HTML), coordinates that are the
 * same on every JVM, and text widths estimated without a font (for layout and wrapping).
 */
final class Svg {
  private Svg() {}

  // Okabe-Ito palette (Okabe and Ito, "Color Universal Design", 2008)
  static final String ORANGE = "#E69F00";

  static final String SKY = "#56B4E9";

  static final String GREEN = "#009E73";

  static final String BLUE = "#0072B2";

  static final String VERMILLION = "#D55E00";

  static final String PURPLE = "#CC79A7";

  static final String INK = "#1A1A1A";

  static final String MUTED = "#4D4D4D";

  // ---------------------------------------------------------------- shapes

  static final String HALO =
      " stroke=\"#FFFFFF\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\"";

  static void defs(StringBuilder b, Ids ids) {
    b.append("<defs>\n")
        .append("<pattern id=\"")
        .append(ids.id("canary"))
        .append("\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\"")
        .append(
            " patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#FFFFFF\"/>")
        .append("<rect width=\"3\" height=\"6\" fill=\"")
        .append(ORANGE)
        .append("\"/></pattern>\n")
        .append("<pattern id=\"")
        .append(ids.id("rolledback"))
        .append("\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\">")
        .append(
            "<rect width=\"6\" height=\"6\" fill=\"#FFFFFF\"/><path d=\"M0 0L6 6M6 0L0 6\" stroke=\"")
        .append(VERMILLION)
        .append("\" stroke-width=\"1.2\"/></pattern>\n")
        .append("<pattern id=\"")
        .append(ids.id("beyond"))
        .append("\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\"")
        .append(" patternTransform=\"rotate(-45)\"><rect width=\"8\" height=\"8\" fill=\"#FFFFFF\"")
        .append(
            " fill-opacity=\"0.6\"/><rect width=\"1.5\" height=\"8\" fill=\"#999999\"/></pattern>\n")
        .append("</defs>\n");
  }

  static String checkShape(double cx, double cy) {
    return "<circle cx=\""
        + fmt(cx)
        + "\" cy=\""
        + fmt(cy)
        + "\" r=\"6\" fill=\""
        + GREEN
        + "\" stroke=\"#FFFFFF\"/><path d=\"M"
        + fmt(cx - 3)
        + ' '
        + fmt(cy)
        + "l2 2.5l4 -5\" fill=\"none\" stroke=\"#FFFFFF\" stroke-width=\"1.6\"/>";
  }

  static String octagonShape(double cx, double cy) {
    double a = 6.5;
    double c = 2.7;
    double[][] p = {{-c, -a}, {c, -a}, {a, -c}, {a, c}, {c, a}, {-c, a}, {-a, c}, {-a, -c}};
    StringBuilder s = new StringBuilder("<polygon points=\"");
    for (int i = 0; i < p.length; i++) {
      s.append(i == 0 ? "" : " ").append(fmt(cx + p[i][0])).append(',').append(fmt(cy + p[i][1]));
    }
    return s.append("\" fill=\"")
        .append(VERMILLION)
        .append("\" stroke=\"#FFFFFF\"/><rect x=\"")
        .append(fmt(cx - 1))
        .append("\" y=\"")
        .append(fmt(cy - 4))
        .append("\" width=\"2\" height=\"5\" fill=\"#FFFFFF\"/><rect x=\"")
        .append(fmt(cx - 1))
        .append("\" y=\"")
        .append(fmt(cy + 2))
        .append("\" width=\"2\" height=\"2\" fill=\"#FFFFFF\"/>")
        .toString();
  }

  static String diamondShape(double cx, double cy) {
    return "<polygon points=\""
        + fmt(cx)
        + ','
        + fmt(cy - 6)
        + ' '
        + fmt(cx + 6)
        + ','
        + fmt(cy)
        + ' '
        + fmt(cx)
        + ','
        + fmt(cy + 6)
        + ' '
        + fmt(cx - 6)
        + ','
        + fmt(cy)
        + "\" fill=\""
        + INK
        + "\" stroke=\"#FFFFFF\"/>";
  }

  /** A right-pointing triangle, a "play" sign: a group started by hand. */
  static String playShape(double cx, double cy) {
    return polygon(new double[][] {{-5, -6.5}, {7, 0}, {-5, 6.5}}, cx, cy, INK);
  }

  /** A downward triangle: a group rolled back by hand. */
  static String rollbackShape(double cx, double cy) {
    return polygon(new double[][] {{-6.5, -5}, {6.5, -5}, {0, 7}}, cx, cy, VERMILLION);
  }

  /** A square with two white bars, a "pause" sign: a halted rollout. */
  static String pauseShape(double cx, double cy) {
    return "<rect x=\""
        + fmt(cx - 6)
        + "\" y=\""
        + fmt(cy - 6)
        + "\" width=\"12\" height=\"12\" rx=\"2\" fill=\""
        + VERMILLION
        + "\" stroke=\"#FFFFFF\"/><rect x=\""
        + fmt(cx - 3.5)
        + "\" y=\""
        + fmt(cy - 3.5)
        + "\" width=\"2.5\" height=\"7\" fill=\"#FFFFFF\"/><rect x=\""
        + fmt(cx + 1)
        + "\" y=\""
        + fmt(cy - 3.5)
        + "\" width=\"2.5\" height=\"7\" fill=\"#FFFFFF\"/>";
  }

  private static String polygon(double[][] p, double cx, double cy, String fill) {
    StringBuilder s = new StringBuilder("<polygon points=\"");
    for (int i = 0; i < p.length; i++) {
      s.append(i == 0 ? "" : " ").append(fmt(cx + p[i][0])).append(',').append(fmt(cy + p[i][1]));
    }
    return s.append("\" fill=\"").append(fill).append("\" stroke=\"#FFFFFF\"/>").toString();
  }

  /** A shape drawn around (0, 0), moved to (cx, cy), with a tooltip. */
  static void symbol(
      StringBuilder b, String attrs, double cx, double cy, String shape, String tip) {
    b.append("<g ")
        .append(attrs)
        .append(" transform=\"translate(")
        .append(fmt(cx))
        .append(' ')
        .append(fmt(cy))
        .append(")\">")
        .append(shape)
        .append("<title>")
        .append(escape(tip))
        .append("</title></g>\n");
  }

  static void rect(
      StringBuilder b, double x, double y, double w, double h, String attrs, String tip) {
    b.append("<rect x=\"")
        .append(fmt(x))
        .append("\" y=\"")
        .append(fmt(y))
        .append("\" width=\"")
        .append(fmt(w))
        .append("\" height=\"")
        .append(fmt(h))
        .append("\" ")
        .append(attrs)
        .append("><title>")
        .append(escape(tip))
        .append("</title></rect>\n");
  }

  static void line(StringBuilder b, double x1, double y1, double x2, double y2, String attrs) {
    b.append("<line x1=\"")
        .append(fmt(x1))
        .append("\" y1=\"")
        .append(fmt(y1))
        .append("\" x2=\"")
        .append(fmt(x2))
        .append("\" y2=\"")
        .append(fmt(y2))
        .append("\" ")
        .append(attrs)
        .append("/>\n");
  }

  static void text(
      StringBuilder b, double x, double y, String anchor, String attrs, String content) {
    b.append("<text x=\"").append(fmt(x)).append("\" y=\"").append(fmt(y)).append('"');
    if (!anchor.equals("start")) {
      b.append(" text-anchor=\"").append(anchor).append('"');
    }
    if (!attrs.isEmpty()) {
      b.append(' ').append(attrs);
    }
    b.append('>').append(escape(content)).append("</text>\n");
  }

  /** Element ids unique per cluster, so several pictures can share one page. */
  record Ids(String prefix) {
    static Ids of(String cluster) {
      String slug = cluster.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
      return new Ids(
          "lsp-" + slug + "-" + Integer.toHexString(cluster.hashCode() & 0xFFFFFF) + "-");
    }

    String id(String name) {
      return prefix + name;
    }

    String url(String name) {
      return "url(#" + prefix + name + ")";
    }
  }

  /**
   * Estimated advance width in Bitstream Vera / DejaVu Sans / Verdana metrics (units of the font
   * size); generous, so that estimated fits also fit on screen.
   */
  static double textWidth(String s, double size, boolean bold) {
    double em = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (" .,:;'|!il".indexOf(c) >= 0) {
        em += 0.34;
      } else if ("fjrt()[]-".indexOf(c) >= 0) {
        em += 0.42;
      } else if ("mwMW%".indexOf(c) >= 0) {
        em += 0.98;
      } else if (Character.isUpperCase(c)) {
        em += 0.74;
      } else if (c > 0x7e) {
        em += 0.8;
      } else {
        em += 0.64;
      }
    }
    return em * size * (bold ? 1.1 : 1.0);
  }

  /** The text cut with an ellipsis to fit {@code width}. */
  static String fit(String s, double size, boolean bold, double width) {
    if (textWidth(s, size, bold) <= width) {
      return s;
    }
    int n = s.codePointCount(0, s.length());
    while (n > 0) {
      String cut = s.substring(0, s.offsetByCodePoints(0, n)) + "\u2026";
      if (textWidth(cut, size, bold) <= width) {
        return cut;
      }
      n--;
    }
    return "\u2026";
  }

  /** Words laid out in lines of at most {@code width}; a word too long for a line is cut. */
  static List<String> wrap(String s, double size, boolean bold, double width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : s.split(" ")) {
      String next = line.length() == 0 ? word : line + " " + word;
      if (line.length() > 0 && textWidth(next, size, bold) > width) {
        lines.add(line.toString());
        line = new StringBuilder(word);
      } else {
        line = new StringBuilder(next);
      }
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    // a word longer than a line (a long name without spaces) is cut
    return lines.stream().map(l -> fit(l, size, bold, width)).toList();
  }

  /**
   * Text for XML and HTML content and attribute values: markup characters escaped, characters
   * outside ASCII as numeric references (the output is pure ASCII, whatever the console's
   * encoding), characters XML cannot carry replaced by U+FFFD.
   */
  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    s.codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                  boolean legal =
                      c == 0x9
                          || c == 0xA
                          || c == 0xD
                          || (c >= 0x20 && c <= 0xD7FF)
                          || (c >= 0xE000 && c <= 0xFFFD)
                          || c >= 0x10000;
                  int shown = legal ? c : 0xFFFD;
                  if (shown < 0x7f && shown >= 0x20 || shown == 0xA || shown == 0x9) {
                    b.append((char) shown);
                  } else {
                    b.append("&#x")
                        .append(Integer.toHexString(shown).toUpperCase(Locale.ROOT))
                        .append(';');
                  }
                }
              }
            });
    return b.toString();
  }

  /** A coordinate with at most one decimal, the same on every JVM. */
  static String fmt(double v) {
    long tenths = Math.round(v * 10);
    String sign = tenths < 0 ? "-" : "";
    long abs = Math.abs(tenths);
    return sign + (abs / 10) + (abs % 10 == 0 ? "" : "." + (abs % 10));
  }
}
