package dev.lockstep.bump;

import dev.lockstep.finding.Finding;
import dev.lockstep.finding.Severity;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The title and Markdown body of a cluster's bump: from → to, the ceiling and its source, each
 * candidate with its soak and security label, how it was decided, the compatibility verdict of the
 * edited revision, the files, the staging evidence when promotion applies, and the rollout plan of
 * the edited revision. Deterministic for the same inputs (no clock), so an unchanged proposal
 * leaves an open pull request alone.
 */
public final class PullRequestText {
  /** A hidden line that marks Lockstep's bump pull requests. */
  public static final String MARKER_PREFIX = "<!-- lockstep:bump ";

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  private PullRequestText() {}

  /** {@code Bump prod to Teleport 17.3.0}. */
  public static String title(ClusterBump b) {
    return "Bump "
        + b.cluster()
        + " to Teleport "
        + b.decision().proposed().map(Object::toString).orElse("?");
  }

  /** The branch of a cluster's proposal: {@code lockstep/bump/<cluster>/<version>}. */
  public static String branch(String cluster, String version) {
    return branchPrefix(cluster) + version;
  }

  /** The prefix every bump branch of the cluster starts with. */
  public static String branchPrefix(String cluster) {
    return "lockstep/bump/" + cluster + "/";
  }

  /** The Markdown section of one cluster (the pull-request body, the markdown output). */
  public static String body(ClusterBump b) {
    Decision d = b.decision();
    StringBuilder s = new StringBuilder();
    s.append("### Lockstep bump: cluster `").append(d.cluster()).append("`\n\n");
    String current = d.current().map(v -> "`" + v + "`").orElse("(none)");
    if (d.proposed().isPresent()) {
      s.append("**").append(current).append(" → `").append(d.proposed().get()).append("`**");
    } else {
      s.append("**").append(d.outcome().label()).append("** (current ").append(current).append(")");
    }
    s.append(": ").append(escape(d.reason())).append(".\n\n");
    s.append("| | |\n|---|---|\n");
    s.append("| ceiling | ")
        .append(d.ceiling().map(c -> escape(c.describe())).orElse("unknown"))
        .append(" |\n");
    if (!b.files().isEmpty() || !b.findings().items().isEmpty()) {
      long errors = count(b, Severity.ERROR);
      long warnings = count(b, Severity.WARNING);
      s.append("| compatibility | ")
          .append(
              errors == 0
                  ? "the edited revision passes validation"
                  : errors + " error(s): not proposed")
          .append(warnings == 0 ? "" : ", " + warnings + " warning(s)")
          .append(" |\n");
    }
    s.append('\n');
    if (!d.candidates().isEmpty()) {
      s.append("#### Candidates\n\n");
      s.append("| version | published | soak ends | security | verdict | why |\n");
      s.append("|---|---|---|---|---|---|\n");
      for (Candidate c : d.candidates()) {
        s.append("| `")
            .append(c.version())
            .append("` | ")
            .append(TIME.format(c.published()))
            .append(" | ")
            .append(TIME.format(c.soakedAt()))
            .append(" | ")
            .append(c.security() ? "security-patch=yes" : "")
            .append(" | ")
            .append(c.verdict().label())
            .append(" | ")
            .append(escape(c.why()))
            .append(" |\n");
      }
      s.append('\n');
    }
    if (!d.steps().isEmpty()) {
      s.append("#### How it was decided\n\n");
      d.steps()
          .forEach(
              st ->
                  s.append("- **")
                      .append(st.name())
                      .append("**: ")
                      .append(escape(st.text()))
                      .append('\n'));
      s.append('\n');
    }
    d.promotion()
        .ifPresent(
            p -> {
              s.append("#### Evidence from `").append(p.from()).append("`\n\n");
              s.append("- rollout target: `").append(p.version()).append("`\n");
              p.doneSince()
                  .ifPresent(t -> s.append("- done since: ").append(TIME.format(t)).append('\n'));
              p.soakEnds()
                  .ifPresent(
                      t -> s.append("- promotion soak ends: ").append(TIME.format(t)).append('\n'));
              if (!p.commit().isEmpty()) {
                s.append("- status commit: `").append(p.commit()).append("`\n");
              }
              s.append('\n');
            });
    if (!b.files().isEmpty()) {
      s.append("#### Files\n\n");
      for (FileChange f : b.files()) {
        s.append("- `").append(f.path()).append("`\n");
        f.notes().forEach(n -> s.append("  - `").append(n).append("`\n"));
      }
      s.append('\n');
    }
    if (!b.findings().items().isEmpty()) {
      s.append("#### Findings of the edited revision\n\n```\n");
      b.findings().stream().map(Finding::toString).forEach(line -> s.append(line).append('\n'));
      s.append("```\n\n");
    }
    b.plan().ifPresent(p -> s.append(p.endsWith("\n") ? p : p + "\n").append('\n'));
    d.proposed()
        .ifPresent(
            v ->
                s.append(MARKER_PREFIX)
                    .append("cluster=")
                    .append(d.cluster())
                    .append(" version=")
                    .append(v)
                    .append(" -->\n"));
    return s.toString();
  }

  private static long count(ClusterBump b, Severity severity) {
    return b.findings().stream().filter(f -> f.severity() == severity).count();
  }

  /** Keeps table cells in one piece. */
  private static String escape(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }

  static String time(Instant t) {
    return TIME.format(t);
  }
}
