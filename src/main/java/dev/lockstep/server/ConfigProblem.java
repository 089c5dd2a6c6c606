package dev.lockstep.server;

import io.smallrye.config.ConfigValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A configuration value {@code serve} cannot use. Its message is one line naming the key, its
 * environment variable and what would be accepted; {@link ServeMain} prints it instead of a stack
 * trace and exits with 2. Never carries the value of a secret.
 */
public final class ConfigProblem extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** SmallRye Config's wording of a value it could not convert (SRCFG00039). */
  private static final Pattern CONVERSION =
      Pattern.compile(
          "config property (\\S+) with the config value \"(.*)\" threw an Exception whilst being"
              + " converted (.*)",
          Pattern.DOTALL);

  /** SmallRye Config's message codes, noise to a reader. */
  private static final Pattern CODE = Pattern.compile("SRCFG\\d+: ");

  private static final Pattern SECRET_KEY =
      Pattern.compile(".*(token|password|secret|passphrase|key-store|private).*");

  private final String key;

  /**
   * @param key the property, e.g. {@code lockstep.git.known-hosts-file}
   * @param problem what is wrong and how to fix it, continuing "key (ENV) ..."
   */
  public ConfigProblem(String key, String problem) {
    super(key + " (" + ConfigKeys.env(key) + ") " + problem);
    this.key = key;
  }

  /** The property at fault. */
  public String key() {
    return key;
  }

  /**
   * The lines to print for a start-up failure when it is a configuration problem (a {@link
   * ConfigProblem} or SmallRye Config's validation failure anywhere in the cause chain), one per
   * problem; empty for any other failure.
   */
  public static Optional<List<String>> lines(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ConfigProblem p) {
        return Optional.of(List.of(p.getMessage()));
      }
      if (t instanceof ConfigValidationException v) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < v.getProblemCount(); i++) {
          lines.add(describe(v.getProblem(i).getMessage()));
        }
        return Optional.of(List.copyOf(lines));
      }
    }
    return Optional.empty();
  }

  /** One SmallRye Config problem in Lockstep's words. */
  static String describe(String smallRye) {
    String message = smallRye.replaceFirst("^[\\w.$]+(Exception|Error): ", "");
    Matcher m = CONVERSION.matcher(message);
    if (!m.find()) {
      return CODE.matcher(message).replaceAll("").replaceAll("\\s+", " ").strip();
    }
    String key = m.group(1);
    String value = SECRET_KEY.matcher(key).matches() ? "(not shown)" : "\"" + m.group(2) + "\"";
    List<String> allowed =
        ConfigKeys.find(key).map(ConfigKeys.Key::allowedValues).orElse(List.of());
    if (!allowed.isEmpty()) {
      return new ConfigProblem(
              key, "is " + value + "; allowed values: " + String.join(", ", allowed))
          .getMessage();
    }
    String why = CODE.matcher(m.group(3)).replaceAll("").replaceAll("\\s+", " ").strip();
    return new ConfigProblem(key, "is " + value + ": " + why).getMessage();
  }
}
