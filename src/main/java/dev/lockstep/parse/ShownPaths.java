package dev.lockstep.parse;

import java.util.Objects;
import java.util.Optional;

/**
 * How the files of a repository are named in findings, both ways: from a file's repository-relative
 * path to the name shown, and back. Files under {@code base} (the folder the user named,
 * repository-relative; "" for the repository itself) are shown after {@code inside}; every other
 * file after {@code outside}. For {@code validate .} run inside {@code clusters/prod}: base {@code
 * clusters/prod}, inside "", outside {@code ../../}, so {@code clusters/prod/version.yaml} is shown
 * as {@code version.yaml} and {@code channels/stable/rolling/version} as {@code
 * ../../channels/stable/rolling/version}.
 *
 * @param base repository-relative folder the user named, without a trailing slash; "" for the root
 * @param inside prefix of files under {@code base}: "" or ending with {@code /}
 * @param outside prefix of the other files: "" or ending with {@code /}
 */
public record ShownPaths(String base, String inside, String outside) {

  public ShownPaths {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(inside, "inside");
    Objects.requireNonNull(outside, "outside");
  }

  /** Every file shown as {@code prefix} followed by its repository-relative path. */
  public static ShownPaths prefix(String prefix) {
    return new ShownPaths("", prefix, prefix);
  }

  /**
   * The name shown for a repository-relative path (a file or a folder); {@code .} for the folder
   * the user named when it was the working directory.
   */
  public String shown(String relative) {
    String shown;
    if (base.isEmpty()) {
      shown = inside + relative;
    } else if (relative.equals(base)) {
      shown = inside;
    } else if (relative.startsWith(base + "/")) {
      shown = inside + relative.substring(base.length() + 1);
    } else {
      shown = outside + relative;
    }
    if (shown.length() > 1 && shown.endsWith("/")) {
      shown = shown.substring(0, shown.length() - 1);
    }
    return shown.isEmpty() ? "." : shown;
  }

  /**
   * The repository-relative path of a shown name, or empty when the name is not one of this
   * repository's (a path of another folder, or one that climbs out with {@code ..}).
   */
  public Optional<String> relative(String shown) {
    Optional<String> in =
        after(shown, inside)
            .filter(ShownPaths::isClean)
            .map(r -> base.isEmpty() || r.isEmpty() ? base + r : base + "/" + r);
    return in.isPresent() ? in : after(shown, outside).filter(ShownPaths::isClean);
  }

  private static Optional<String> after(String shown, String prefix) {
    return shown.startsWith(prefix)
        ? Optional.of(shown.substring(prefix.length()))
        : Optional.empty();
  }

  /** A relative path that stays inside its folder: no leading slash, no . or .. segment. */
  private static boolean isClean(String relative) {
    if (relative.startsWith("/")) {
      return false;
    }
    for (String segment : relative.split("/", -1)) {
      if (segment.equals("..") || segment.equals(".")) {
        return false;
      }
    }
    return true;
  }
}
