package dev.lockstep.parse;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How tctl's YAML reader resolves a scalar that carries an explicit tag ({@code !!int "3"}, {@code
 * !!binary ...}, {@code !foo}). tctl decodes resources with Kubernetes' YAML-to-JSON reader, which
 * is go-yaml v2: a tag it knows is checked against the value (a value that does not fit is refused,
 * with go-yaml's message), {@code !!binary} is base64-decoded to text, and any other tag is ignored
 * (the value stays text).
 */
final class GoYaml {
  private GoYaml() {}

  static final String STR = "tag:yaml.org,2002:str";
  static final String BINARY = "tag:yaml.org,2002:binary";
  static final String BOOL = "tag:yaml.org,2002:bool";
  static final String INT = "tag:yaml.org,2002:int";
  static final String FLOAT = "tag:yaml.org,2002:float";
  static final String NULL = "tag:yaml.org,2002:null";
  static final String TIMESTAMP = "tag:yaml.org,2002:timestamp";

  private static final String LONG_PREFIX = "tag:yaml.org,2002:";

  /** The outcome: the plain Java value, or tctl's refusal. */
  sealed interface Resolution {}

  /** The value tctl reads (String, Long, Double, Boolean or null). */
  record Value(Object value) implements Resolution {}

  /** tctl refuses the document; {@code message} is go-yaml's own text. */
  record Refused(String message) implements Resolution {}

  private static final Map<String, Object> WORDS =
      Map.ofEntries(
          Map.entry("y", true),
          Map.entry("Y", true),
          Map.entry("yes", true),
          Map.entry("Yes", true),
          Map.entry("YES", true),
          Map.entry("true", true),
          Map.entry("True", true),
          Map.entry("TRUE", true),
          Map.entry("on", true),
          Map.entry("On", true),
          Map.entry("ON", true),
          Map.entry("n", false),
          Map.entry("N", false),
          Map.entry("no", false),
          Map.entry("No", false),
          Map.entry("NO", false),
          Map.entry("false", false),
          Map.entry("False", false),
          Map.entry("FALSE", false),
          Map.entry("off", false),
          Map.entry("Off", false),
          Map.entry("OFF", false),
          Map.entry(".nan", Double.NaN),
          Map.entry(".NaN", Double.NaN),
          Map.entry(".NAN", Double.NaN),
          Map.entry(".inf", Double.POSITIVE_INFINITY),
          Map.entry(".Inf", Double.POSITIVE_INFINITY),
          Map.entry(".INF", Double.POSITIVE_INFINITY),
          Map.entry("+.inf", Double.POSITIVE_INFINITY),
          Map.entry("+.Inf", Double.POSITIVE_INFINITY),
          Map.entry("+.INF", Double.POSITIVE_INFINITY),
          Map.entry("-.inf", Double.NEGATIVE_INFINITY),
          Map.entry("-.Inf", Double.NEGATIVE_INFINITY),
          Map.entry("-.INF", Double.NEGATIVE_INFINITY));

  private static final java.util.Set<String> NULLS =
      java.util.Set.of("", "~", "null", "Null", "NULL");

  private static final Pattern FLOAT_SYNTAX =
      Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  private static final Pattern TIMESTAMP_SYNTAX =
      Pattern.compile(
          "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
              + "([Tt ][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\\.[0-9]+)?(Z|[-+][0-9]{2}:[0-9]{2})?)?");

  /**
   * The value of a scalar written with the explicit tag {@code tag} (full form, as SnakeYAML gives
   * it: {@code tag:yaml.org,2002:int}, or a local tag such as {@code !foo}).
   */
  static Resolution resolveTagged(String tag, String text) {
    if (tag.equals(STR)) {
      return new Value(text);
    }
    if (tag.equals(BINARY)) {
      return binary(text);
    }
    if (!tag.equals(BOOL)
        && !tag.equals(INT)
        && !tag.equals(FLOAT)
        && !tag.equals(NULL)
        && !tag.equals(TIMESTAMP)) {
      // a tag go-yaml does not resolve: the value stays text
      return new Value(text);
    }
    Typed typed = resolvePlain(text, tag.equals(TIMESTAMP));
    if (typed.tag().equals(tag)) {
      return new Value(typed.value());
    }
    if (tag.equals(FLOAT) && typed.tag().equals(INT) && typed.value() instanceof Long n) {
      return new Value(n.doubleValue());
    }
    return new Refused(
        "cannot decode " + shortTag(typed.tag()) + " `" + text + "` as a " + shortTag(tag));
  }

  /** {@code !!int} for {@code tag:yaml.org,2002:int}; other tags as they are. */
  static String shortTag(String tag) {
    return tag.startsWith(LONG_PREFIX) ? "!!" + tag.substring(LONG_PREFIX.length()) : tag;
  }

  private record Typed(String tag, Object value) {}

  // go-yaml v2 resolve(): words first, then numbers by their first character
  private static Typed resolvePlain(String text, boolean timestamps) {
    if (NULLS.contains(text)) {
      return new Typed(NULL, null);
    }
    Object word = WORDS.get(text);
    if (word != null) {
      return new Typed(word instanceof Boolean ? BOOL : FLOAT, word);
    }
    if (timestamps && TIMESTAMP_SYNTAX.matcher(text).matches()) {
      return new Typed(TIMESTAMP, text);
    }
    char first = text.charAt(0);
    boolean numeric =
        first == '+' || first == '-' || first == '.' || (first >= '0' && first <= '9');
    if (numeric) {
      String plain = text.replace("_", "");
      BigInteger n = goParseInt(plain);
      if (n != null && n.bitLength() < 64) {
        return new Typed(INT, n.longValue());
      }
      if (n != null && n.signum() > 0 && n.bitLength() <= 64) {
        return new Typed(INT, n.doubleValue());
      }
      if (FLOAT_SYNTAX.matcher(plain).matches()) {
        return new Typed(FLOAT, Double.valueOf(plain));
      }
    }
    return new Typed(STR, text);
  }

  /** Go's strconv.ParseInt(s, 0, ...) without the size check: 0x, 0o, 0b and a leading 0. */
  private static BigInteger goParseInt(String s) {
    if (s.isEmpty()) {
      return null;
    }
    boolean negative = s.charAt(0) == '-';
    String t = s.charAt(0) == '-' || s.charAt(0) == '+' ? s.substring(1) : s;
    int radix = 10;
    String lower = t.toLowerCase(Locale.ROOT);
    if (lower.startsWith("0x")) {
      radix = 16;
      t = t.substring(2);
    } else if (lower.startsWith("0o")) {
      radix = 8;
      t = t.substring(2);
    } else if (lower.startsWith("0b")) {
      radix = 2;
      t = t.substring(2);
    } else if (t.length() > 1 && t.charAt(0) == '0') {
      radix = 8;
      t = t.substring(1);
    }
    if (t.isEmpty() || t.charAt(0) == '+' || t.charAt(0) == '-') {
      return null;
    }
    try {
      BigInteger n = new BigInteger(t, radix);
      return negative ? n.negate() : n;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * The value tctl reads for a plain integer that YAML 1.2 reads as decimal but go-yaml reads as
   * octal ({@code 010} is 8 there); null when both read the same number.
   */
  static Long octalReading(String text) {
    if (!text.matches("[-+]?0[0-7]+")) {
      return null;
    }
    BigInteger octal = goParseInt(text);
    BigInteger decimal = new BigInteger(text.startsWith("+") ? text.substring(1) : text);
    return octal == null || octal.equals(decimal) || octal.bitLength() >= 64
        ? null
        : octal.longValue();
  }

  // base64.StdEncoding.DecodeString: padded standard alphabet; \r and \n are ignored
  private static Resolution binary(String text) {
    String compact = text.replace("\r", "").replace("\n", "");
    if (compact.length() % 4 != 0) {
      return new Refused("!!binary value contains invalid base64 data");
    }
    try {
      byte[] bytes = Base64.getDecoder().decode(compact);
      return new Value(new String(bytes, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return new Refused("!!binary value contains invalid base64 data");
    }
  }
}
