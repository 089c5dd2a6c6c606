package dev.lockstep.validate.policy;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.ListType;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelFunctionBinding;
import dev.lockstep.model.InvalidVersionException;
import dev.lockstep.model.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The functions Lockstep adds to CEL for policies: versions as Teleport parses them and weekday
 * lists as Teleport reads them. Declarations (for the compiler) and bindings (for the runtime) are
 * kept side by side so they cannot drift apart.
 */
final class PolicyFunctions {
  private PolicyFunctions() {}

  /** The CEL type of a parsed version. */
  static final OpaqueType VERSION = OpaqueType.create("lockstep.Version");

  private static final List<String> WEEKDAYS =
      List.of("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun");

  static List<CelFunctionDecl> declarations() {
    return List.of(
        CelFunctionDecl.newFunctionDeclaration(
            "semver",
            CelOverloadDecl.newGlobalOverload("semver_string", VERSION, SimpleType.STRING)),
        CelFunctionDecl.newFunctionDeclaration(
            "isSemver",
            CelOverloadDecl.newGlobalOverload(
                "is_semver_string", SimpleType.BOOL, SimpleType.STRING)),
        CelFunctionDecl.newFunctionDeclaration(
            "major", CelOverloadDecl.newMemberOverload("version_major", SimpleType.INT, VERSION)),
        CelFunctionDecl.newFunctionDeclaration(
            "minor", CelOverloadDecl.newMemberOverload("version_minor", SimpleType.INT, VERSION)),
        CelFunctionDecl.newFunctionDeclaration(
            "patch", CelOverloadDecl.newMemberOverload("version_patch", SimpleType.INT, VERSION)),
        CelFunctionDecl.newFunctionDeclaration(
            "preRelease",
            CelOverloadDecl.newMemberOverload("version_pre_release", SimpleType.STRING, VERSION)),
        CelFunctionDecl.newFunctionDeclaration(
            "compare",
            CelOverloadDecl.newMemberOverload("version_compare", SimpleType.INT, VERSION, VERSION)),
        CelFunctionDecl.newFunctionDeclaration(
            "isPatchBumpOf",
            CelOverloadDecl.newGlobalOverload(
                "is_patch_bump_of_version", SimpleType.BOOL, VERSION, VERSION),
            CelOverloadDecl.newGlobalOverload(
                "is_patch_bump_of_string", SimpleType.BOOL, SimpleType.STRING, SimpleType.STRING)),
        CelFunctionDecl.newFunctionDeclaration(
            "weekdays",
            CelOverloadDecl.newGlobalOverload(
                "weekdays_list",
                ListType.create(SimpleType.STRING),
                ListType.create(SimpleType.DYN))));
  }

  static List<CelFunctionBinding> bindings() {
    return List.of(
        CelFunctionBinding.from("semver_string", String.class, PolicyFunctions::semver),
        CelFunctionBinding.from("is_semver_string", String.class, PolicyFunctions::isSemver),
        CelFunctionBinding.from("version_major", Version.class, Version::major),
        CelFunctionBinding.from("version_minor", Version.class, Version::minor),
        CelFunctionBinding.from("version_patch", Version.class, Version::patch),
        CelFunctionBinding.from("version_pre_release", Version.class, Version::preRelease),
        CelFunctionBinding.from(
            "version_compare",
            Version.class,
            Version.class,
            (a, b) -> (long) Integer.signum(a.compareTo(b))),
        CelFunctionBinding.from(
            "is_patch_bump_of_version",
            Version.class,
            Version.class,
            PolicyFunctions::isPatchBumpOf),
        CelFunctionBinding.from(
            "is_patch_bump_of_string",
            String.class,
            String.class,
            (a, b) -> isPatchBumpOf(semver(a), semver(b))),
        CelFunctionBinding.from("weekdays_list", List.class, PolicyFunctions::weekdays));
  }

  /**
   * A version as Teleport's clients read it: white space and one leading {@code v} stripped
   * (teleport-semantics §3.4, §13.1), then exactly {@code MAJOR.MINOR.PATCH[-pre][+build]}
   * (teleport-semantics §3.2).
   */
  static Version semver(String text) {
    try {
      return Version.parseLenient(text);
    } catch (InvalidVersionException e) {
      throw new PolicyFunctionException("semver(): " + e.getMessage());
    }
  }

  static boolean isSemver(String text) {
    try {
      Version.parseLenient(text);
      return true;
    } catch (InvalidVersionException e) {
      return false;
    }
  }

  /**
   * True when {@code desired} is newer than {@code previous} within the same major and minor
   * release.
   */
  static boolean isPatchBumpOf(Version desired, Version previous) {
    return desired.major() == previous.major()
        && desired.minor() == previous.minor()
        && desired.compareTo(previous) > 0;
  }

  /**
   * Canonical three-letter names for a Teleport weekday list: {@code ["*"]} is every day, full and
   * short English names in any case are accepted (teleport-semantics §2.2 {@code ParseWeekdays}).
   */
  static List<String> weekdays(List<?> days) {
    if (days.size() == 1 && "*".equals(days.get(0))) {
      return WEEKDAYS;
    }
    List<String> out = new ArrayList<>();
    for (Object day : days) {
      String name = day instanceof String s ? s.toLowerCase(Locale.ROOT) : "";
      String match = null;
      for (String d : WEEKDAYS) {
        String shortName = d.toLowerCase(Locale.ROOT);
        if (name.equals(shortName) || name.equals(fullName(d))) {
          match = d;
        }
      }
      if (match == null) {
        throw new PolicyFunctionException(
            "weekdays(): \""
                + day
                + "\" is not a weekday (Mon..Sun, Monday..Sunday or a lone \"*\")");
      }
      out.add(match);
    }
    return out;
  }

  private static String fullName(String shortName) {
    return switch (shortName) {
      case "Mon" -> "monday";
      case "Tue" -> "tuesday";
      case "Wed" -> "wednesday";
      case "Thu" -> "thursday";
      case "Fri" -> "friday";
      case "Sat" -> "saturday";
      default -> "sunday";
    };
  }

  /**
   * A function given an argument it cannot work with; becomes a {@code policy/evaluation-error}.
   */
  static final class PolicyFunctionException extends RuntimeException {
    PolicyFunctionException(String message) {
      super(message, null, false, false);
    }
  }
}
