package dev.lockstep.model;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as Teleport reads {@code maintenance_window_duration} (teleport-semantics §2.1): the
 * protobuf JSON form {@code "3600s"}, or a Go duration such as {@code "1h30m"} that tctl converts
 * to seconds.
 */
public final class GoDuration {
  private static final Pattern UNIT =
      Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");

  private GoDuration() {}

  /**
   * Parses a Go duration ({@code 1h}, {@code 90m}, {@code 3600s}, {@code 1.5h}); empty if invalid.
   */
  public static Optional<Duration> parse(String text) {
    if (text == null || text.isEmpty()) {
      return Optional.empty();
    }
    String t = text;
    boolean negative = false;
    if (t.startsWith("-") || t.startsWith("+")) {
      negative = t.startsWith("-");
      t = t.substring(1);
    }
    if (t.equals("0")) {
      return Optional.of(Duration.ZERO);
    }
    Matcher m = UNIT.matcher(t);
    int pos = 0;
    long whole = 0;
    // Fractions ("1.5h") are summed exactly in BigDecimal; whole numbers, the common case, in long
    // arithmetic: BigDecimal's class initialisation alone is a visible share of a CLI run.
    BigDecimal fractions = null;
    try {
      while (pos < t.length()) {
        if (!m.find(pos) || m.start() != pos) {
          return Optional.empty();
        }
        String number = m.group(1);
        long unit = unitNanos(m.group(2));
        if (number.indexOf('.') < 0) {
          whole = Math.addExact(whole, Math.multiplyExact(Long.parseLong(number), unit));
        } else {
          BigDecimal n = new BigDecimal(number.startsWith(".") ? "0" + number : number);
          BigDecimal term = n.multiply(BigDecimal.valueOf(unit));
          fractions = fractions == null ? term : fractions.add(term);
        }
        pos = m.end();
      }
      if (pos == 0) {
        return Optional.empty();
      }
      long nanos =
          fractions == null ? whole : fractions.add(BigDecimal.valueOf(whole)).longValueExact();
      Duration d = Duration.ofNanos(nanos);
      return Optional.of(negative ? d.negated() : d);
    } catch (ArithmeticException | NumberFormatException e) {
      // more than 2^63 ns (about 292 years), or a fraction of a nanosecond
      return Optional.empty();
    }
  }

  private static long unitNanos(String unit) {
    return switch (unit) {
      case "ns" -> 1L;
      case "us", "µs" -> 1_000L;
      case "ms" -> 1_000_000L;
      case "s" -> 1_000_000_000L;
      case "m" -> 60_000_000_000L;
      default -> 3_600_000_000_000L;
    };
  }

  /**
   * The protobuf JSON form Teleport stores: whole seconds as {@code "3600s"}, else {@code %g}-like.
   */
  public static String toProtoJson(Duration d) {
    if (d.getNano() == 0) {
      return d.getSeconds() + "s";
    }
    return new BigDecimal(d.toNanos()).movePointLeft(9).stripTrailingZeros().toPlainString() + "s";
  }

  /** A short human form: {@code 2h}, {@code 90m}, {@code 45s}. */
  public static String human(Duration d) {
    long s = d.getSeconds();
    if (s % 3600 == 0 && s != 0) {
      return s / 3600 + "h";
    }
    if (s % 60 == 0 && s != 0) {
      return s / 60 + "m";
    }
    return s + "s";
  }
}
