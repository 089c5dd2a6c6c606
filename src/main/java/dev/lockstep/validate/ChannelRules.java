package dev.lockstep.validate;

import dev.lockstep.finding.Finding;
import dev.lockstep.finding.Rule;
import dev.lockstep.finding.Severity;
import dev.lockstep.model.Channel;
import dev.lockstep.model.InvalidVersionException;
import dev.lockstep.model.SourceLocation;
import dev.lockstep.model.Version;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Rules for release-channel files, {@code channels/<name>/version} and {@code
 * channels/<name>/critical} (teleport-semantics §13.1).
 *
 * <p>A missing {@code version} file is an error: the channel advertises nothing and updaters that
 * follow it get an error (write {@code none} to advertise no version on purpose). A missing {@code
 * critical} file is a warning: Teleport's Go updaters then get an error on every check and fall
 * back to "not critical", which works but fills their logs; an explicit {@code no} says the same
 * thing cleanly.
 */
public final class ChannelRules {
  private ChannelRules() {}

  /** The literal that advertises no version (teleport-semantics §13.1). */
  static final String NONE = "none";

  private static final Set<String> CRITICAL_VALUES = Set.of("yes", "no", "true", "false");

  /** teleport-semantics §13.1. */
  public static final Rule MISSING_VERSION =
      new Rule(
          "channel/missing-version",
          Severity.ERROR,
          "A channel folder has no version file (write none to advertise no version).");

  /** teleport-semantics §13.1. */
  public static final Rule VERSION =
      new Rule(
          "channel/version",
          Severity.ERROR,
          "A channel's version file must hold a semantic version, with or without a leading v, or none.");

  /** teleport-semantics §13.1. */
  public static final Rule CRITICAL =
      new Rule(
          "channel/critical",
          Severity.ERROR,
          "A channel's critical file must hold yes, no, true or false (any case).");

  /** teleport-semantics §13.1. */
  public static final Rule MISSING_CRITICAL =
      new Rule(
          "channel/missing-critical",
          Severity.WARNING,
          "A channel folder has no critical file: updaters get an error and treat the channel as not critical.");

  /** Every rule of this class. */
  public static final List<Rule> ALL =
      List.of(MISSING_VERSION, VERSION, CRITICAL, MISSING_CRITICAL);

  /** Every finding of these rules for one channel. Pure. */
  static List<Finding> check(Channel channel) {
    FindingList out = new FindingList();
    String name = "channel \"" + channel.name() + "\"";
    if (channel.version() == null) {
      out.add(
          MISSING_VERSION,
          fileOf(channel, "version"),
          "",
          name
              + " has no version file: add channels/"
              + channel.name()
              + "/version holding the version to advertise, or none");
    } else if (!channel.version().equals(NONE)) {
      try {
        Version.parseLenient(channel.version());
      } catch (InvalidVersionException e) {
        String shown = channel.version().isEmpty() ? "the version file is empty" : e.getMessage();
        out.add(
            VERSION,
            at(channel.versionLocation(), channel, "version"),
            "",
            name + ": " + shown + " (write a version such as 17.2.1 or v17.2.1, or none)");
      }
    }
    if (channel.critical() == null) {
      out.add(
          MISSING_CRITICAL,
          fileOf(channel, "critical"),
          "",
          name
              + " has no critical file: updaters that ask get an error and assume not critical "
              + "(add channels/"
              + channel.name()
              + "/critical holding no or yes)");
    } else if (!CRITICAL_VALUES.contains(channel.critical().toLowerCase(Locale.ROOT))) {
      out.add(
          CRITICAL,
          at(channel.criticalLocation(), channel, "critical"),
          "",
          name
              + ": critical must be yes, no, true or false, got \""
              + channel.critical()
              + "\" (Teleport's updaters reject anything else)");
    }
    return out.items();
  }

  private static SourceLocation at(SourceLocation known, Channel channel, String file) {
    return known != null ? known : SourceLocation.ofFile("channels/" + channel.name() + "/" + file);
  }

  /**
   * Where to report a missing file: the channel's other file, which exists (a finding on a file
   * that is not there would not show in a pull request).
   */
  private static SourceLocation fileOf(Channel channel, String missing) {
    SourceLocation other =
        missing.equals("version") ? channel.criticalLocation() : channel.versionLocation();
    if (other != null) {
      return SourceLocation.ofFile(other.file());
    }
    return SourceLocation.ofFile("channels/" + channel.name() + "/" + missing);
  }
}
