package dev.lockstep.dashboard;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Web links into the repository for a remote on a known forge: GitHub, GitLab or Gitea (and
 * Forgejo, Codeberg), told apart by the host name as these forges name themselves. Works from
 * {@code https://host/owner/repo(.git)}, {@code ssh://git@host/owner/repo.git} and {@code
 * git@host:owner/repo.git}; any user info is dropped. Another host or a local path has no links.
 *
 * @param web the repository's web address, {@code https://host/owner/repo}
 * @param shape the forge's URL shape
 */
public record ForgeLinks(String web, Shape shape) {

  /** How a forge spells commit and file addresses. */
  public enum Shape {
    /** {@code /commit/<sha>}, {@code /blob/<sha>/<path>#L<n>}. */
    GITHUB("/commit/", "/blob/"),
    /** {@code /-/commit/<sha>}, {@code /-/blob/<sha>/<path>#L<n>}. */
    GITLAB("/-/commit/", "/-/blob/"),
    /** {@code /commit/<sha>}, {@code /src/commit/<sha>/<path>#L<n>}. */
    GITEA("/commit/", "/src/commit/");

    private final String commit;
    private final String file;

    Shape(String commit, String file) {
      this.commit = commit;
      this.file = file;
    }
  }

  private static final Pattern SCP = Pattern.compile("^(?:[^@/]+@)?([^:/]+):(?!/)(.+)$");
  private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{7,40}");

  /** The links for a remote URL; empty for an unknown host, a local path or a malformed URL. */
  public static Optional<ForgeLinks> of(String remote) {
    if (remote == null || remote.isBlank()) {
      return Optional.empty();
    }
    String host;
    String path;
    String r = remote.strip();
    if (r.contains("://")) {
      try {
        URI uri = new URI(r);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") && !scheme.equals("ssh")) {
          return Optional.empty();
        }
        host = uri.getHost();
        path = uri.getPath();
      } catch (URISyntaxException e) {
        return Optional.empty();
      }
    } else {
      Matcher m = SCP.matcher(r);
      if (!m.matches()) {
        return Optional.empty();
      }
      host = m.group(1);
      path = "/" + m.group(2);
    }
    if (host == null || path == null) {
      return Optional.empty();
    }
    Optional<Shape> shape = shape(host.toLowerCase(Locale.ROOT));
    String p = path.endsWith(".git") ? path.substring(0, path.length() - 4) : path;
    p = p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    if (shape.isEmpty() || p.chars().filter(c -> c == '/').count() < 2 || !p.startsWith("/")) {
      return Optional.empty();
    }
    return Optional.of(new ForgeLinks("https://" + host.toLowerCase(Locale.ROOT) + p, shape.get()));
  }

  private static Optional<Shape> shape(String host) {
    if (host.equals("github.com") || host.startsWith("github.")) {
      return Optional.of(Shape.GITHUB);
    }
    if (host.equals("gitlab.com") || host.startsWith("gitlab.")) {
      return Optional.of(Shape.GITLAB);
    }
    if (host.startsWith("gitea.") || host.startsWith("forgejo.") || host.equals("codeberg.org")) {
      return Optional.of(Shape.GITEA);
    }
    return Optional.empty();
  }

  /** The commit's page; empty when {@code commit} is not a (possibly short) hex commit id. */
  public Optional<String> commit(String commit) {
    return HEX.matcher(commit).matches()
        ? Optional.of(web + shape.commit + commit)
        : Optional.empty();
  }

  /**
   * A file at a commit, at a line when {@code line > 0}; empty when {@code commit} is not a hex
   * commit id or the path is empty.
   */
  public Optional<String> file(String commit, String path, int line) {
    if (!HEX.matcher(commit).matches() || path.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder b = new StringBuilder(web).append(shape.file).append(commit).append('/');
    for (String segment : path.split("/", -1)) {
      if (b.charAt(b.length() - 1) != '/') {
        b.append('/');
      }
      b.append(Pages.pathSegment(segment));
    }
    if (line > 0) {
      b.append("#L").append(line);
    }
    return Optional.of(b.toString());
  }

  /** The commit id of a revision label such as {@code main@1a2b3c4d}, or the label itself. */
  static String commitOf(String revisionLabel) {
    int at = revisionLabel.lastIndexOf('@');
    return at < 0 ? revisionLabel : revisionLabel.substring(at + 1);
  }
}
