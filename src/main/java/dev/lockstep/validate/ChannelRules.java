package dev.lockstep.validate;

import dev.lockstep.finding.Finding;
import dev.lockstep.finding.Rule;
import dev.lockstep.finding.Severity;
import dev.lockstep.model.Channel;
import dev.lockstep.model.InvalidVersionException;
import dev.lockstep.model.Quoting;
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
      // a version file that exists but could not be read has its own parse finding
      if (channel.versionLocation() == null) {
        out.add(
            MISSING_VERSION,
            fileOf(channel, "version"),
            "",
            name
                + " has no version file: add "
                + fileOf(channel, "version").file()
                + " holding the version to advertise, or none");
      }
    } else if (!channel.version().equals(NONE)) {
      try {
        Version.parseLenient(channel.version());
      } catch (InvalidVersionException e) {
        String shown =
            channel.version().startsWith(BOM)
                ? BOM_PROBLEM
                : (channel.version().isEmpty() ? "the version file is empty" : e.getMessage())
                    + " (write a version such as 17.2.1 or v17.2.1, or none)";
        out.add(
            VERSION, at(channel.versionLocation(), channel, "version"), "", name + ": " + shown);
      }
    }
    if (channel.critical() == null) {
      if (channel.criticalLocation() == null) {
        out.add(
            MISSING_CRITICAL,
            fileOf(channel, "critical"),
            "",
            name
                + " has no critical file: updaters that ask get an error and assume not critical "
                + "(add "
                + fileOf(channel, "critical").file()
                + " holding no or yes)");
      }
    } else if (!CRITICAL_VALUES.contains(channel.critical().toLowerCase(Locale.ROOT))) {
      String shown =
          channel.critical().startsWith(BOM)
              ? BOM_PROBLEM
              : "critical must be yes, no, true or false, got "
                  + Quoting.quote(channel.critical())
                  + " (Teleport's updaters reject anything else)";
      out.add(
          CRITICAL, at(channel.criticalLocation(), channel, "critical"), "", name + ": " + shown);
    }
    return out.items();
  }

  private static final String BOM = "\uFEFF";

  // teleport-semantics §13.1: Go's TrimSpace keeps U+FEFF, so the updater cannot read the value
  private static final String BOM_PROBLEM =
      "the file starts with a UTF-8 byte-order mark (bytes EF BB BF); Teleport's updaters keep it"
          + " after trimming and cannot read the value (the same file served from S3 or nginx fails"
          + " the same way): save the file as UTF-8 without a byte-order mark";

  private static SourceLocation at(SourceLocation known, Channel channel, String file) {
    return known != null ? known : SourceLocation.ofFile("channels/" + channel.name() + "/" + file);
  }

  /**
   * The file a finding about a missing channel file names: that file itself, in the folder of the
   * channel's other file (so the repository prefix, such as {@code sample-repo/}, is kept).
   */
  private static SourceLocation fileOf(Channel channel, String missing) {
    SourceLocation other =
        missing.equals("version") ? channel.criticalLocation() : channel.versionLocation();
    if (other != null) {
      String file = other.file();
      return SourceLocation.ofFile(file.substring(0, file.lastIndexOf('/') + 1) + missing);
    }
    return SourceLocation.ofFile("channels/" + channel.name() + "/" + missing);
  }
}
