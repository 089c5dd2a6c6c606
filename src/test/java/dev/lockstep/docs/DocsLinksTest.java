package dev.lockstep.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Named.named;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every relative link of the project's Markdown pages resolves: the file or folder exists, and an
 * anchor names a heading of the target page as GitHub renders it (lower case, punctuation dropped,
 * spaces as hyphens, {@code -1}, {@code -2} for repeated headings).
 */
class DocsLinksTest {

  /** The pages a reader follows links in. */
  static List<Path> pages() throws IOException {
    List<Path> pages =
        new ArrayList<>(
            List.of(
                Path.of("README.md"),
                Path.of("sample-repo/README.md"),
                Path.of("policies/README.md"),
                Path.of("bench/README.md")));
    try (Stream<Path> docs = Files.list(Path.of("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }

  /** A link found on a page: where it is and what it points at. */
  record Link(Path page, int line, String target) {
    @Override
    public String toString() {
      return page + ":" + line + ": " + target;
    }
  }

  private static final Pattern FENCE =
      Pattern.compile("(?m)^ {0,3}```.*?^ {0,3}```", Pattern.DOTALL);
  private static final Pattern CODE_SPAN = Pattern.compile("`[^`\n]*`");
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
  private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6}) +(.*?)(?: +#+)? *$");
  private static final Pattern HTML_ANCHOR =
      Pattern.compile("<a (?:id|name)=\"([^\"]+)\"", Pattern.CASE_INSENSITIVE);

  @Test
  void everyRelativeLinkAndAnchorResolves() throws IOException {
    List<String> broken = new ArrayList<>();
    int checked = 0;
    for (Path page : pages()) {
      for (Link link : links(page, Files.readString(page))) {
        checked++;
        problem(link).ifPresent(p -> broken.add(link + " — " + p));
      }
    }
    assertThat(checked).as("links checked").isGreaterThan(50);
    assertThat(broken)
        .as("fix the link, or the heading it names (anchors follow GitHub's rules)")
        .isEmpty();
  }

  /** What is wrong with a link, if anything. */
  static Optional<String> problem(Link link) throws IOException {
    String target = link.target();
    if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
      return Optional.empty(); // https:, mailto: ...: not checked offline
    }
    int hash = target.indexOf('#');
    String file = hash < 0 ? target : target.substring(0, hash);
    String anchor = hash < 0 ? "" : target.substring(hash + 1);
    Path resolved =
        file.isEmpty() ? link.page() : link.page().toAbsolutePath().getParent().resolve(file);
    if (!Files.exists(resolved)) {
      return Optional.of("no file " + file);
    }
    if (anchor.isEmpty()) {
      return Optional.empty();
    }
    if (!resolved.toString().endsWith(".md") || Files.isDirectory(resolved)) {
      return Optional.of("an anchor on a file that is not a Markdown page");
    }
    Set<String> anchors = anchors(Files.readString(resolved));
    return anchors.contains(anchor)
        ? Optional.empty()
        : Optional.of("no heading with the anchor #" + anchor);
  }

  /** The links of a page, outside code blocks and code spans. */
  static List<Link> links(Path page, String text) {
    String visible = blankCode(text);
    List<Link> links = new ArrayList<>();
    Matcher m = LINK.matcher(visible);
    while (m.find()) {
      links.add(new Link(page, DocsTest.lineOf(visible, m.start()), m.group(1)));
    }
    return links;
  }

  /** The anchors GitHub gives the page's headings, plus explicit {@code <a id>} anchors. */
  static Set<String> anchors(String text) {
    Set<String> anchors = new LinkedHashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    // Code spans stay: GitHub keeps their text in the anchor (only the backticks go).
    for (String line : replaceKeepingLines(FENCE.matcher(text)).split("\n")) {
      Matcher h = HEADING.matcher(line);
      if (h.matches()) {
        String slug = slug(h.group(2));
        int n = seen.merge(slug, 1, Integer::sum) - 1;
        anchors.add(n == 0 ? slug : slug + "-" + n);
      }
      Matcher a = HTML_ANCHOR.matcher(line);
      while (a.find()) {
        anchors.add(a.group(1));
      }
    }
    return anchors;
  }

  /** GitHub's anchor of a heading's text. */
  static String slug(String heading) {
    String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replace("`", "");
    return text.toLowerCase(Locale.ROOT)
        .replaceAll("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]", "")
        .replace(' ', '-');
  }

  /** The text with fenced blocks and code spans blanked, keeping line breaks (and so lines). */
  private static String blankCode(String text) {
    String out = replaceKeepingLines(FENCE.matcher(text));
    return replaceKeepingLines(CODE_SPAN.matcher(out));
  }

  private static String replaceKeepingLines(Matcher m) {
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String lines = m.group().replaceAll("[^\n]", " ");
      m.appendReplacement(sb, Matcher.quoteReplacement(lines));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  // ---- the rules, as tables

  static Stream<Arguments> slugCases() {
    return Stream.of(
        slug("words", "Quick start", "quick-start"),
        slug(
            "code and a colon",
            "`lockstep plan`: when each update group moves",
            "lockstep-plan-when-each-update-group-moves"),
        slug(
            "options with dashes",
            "The timeline picture (`--format svg` and `--format html`)",
            "the-timeline-picture---format-svg-and---format-html"),
        slug(
            "an apostrophe",
            "Point teleport-kube-agent's updater at Lockstep",
            "point-teleport-kube-agents-updater-at-lockstep"),
        slug("underscores stay", "`cluster_maintenance_config`", "cluster_maintenance_config"),
        slug("a link's text", "See [Exit codes](x.md)", "see-exit-codes"),
        slug(
            "a slash and a dot",
            "Start-up: release archive vs. launcher vs. `java -version`",
            "start-up-release-archive-vs-launcher-vs-java--version"),
        slug("non-ASCII letters", "Zeitplan für Gruppen", "zeitplan-für-gruppen"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("slugCases")
  void slugsFollowGitHub(String heading, String anchor) {
    assertThat(slug(heading)).isEqualTo(anchor);
  }

  @Test
  void repeatedHeadingsGetANumber() {
    assertThat(anchors("# A\n## Exit codes\n## Exit codes\n```\n# not a heading\n```\n"))
        .containsExactly("a", "exit-codes", "exit-codes-1");
  }

  @Test
  void aHeadingOfCodeKeepsItsText() {
    assertThat(anchors("## `lockstep validate PATH`\n## Against it: `--base REV`\n"))
        .containsExactly("lockstep-validate-path", "against-it---base-rev");
  }

  @Test
  void linksInCodeAreNotLinks() {
    String text = "see [a](a.md)\n`[b](b.md)`\n```\n[c](c.md)\n```\n[d](d.md#x \"title\")\n";
    assertThat(links(Path.of("p.md"), text))
        .extracting(Link::target, Link::line)
        .containsExactly(tuple("a.md", 1), tuple("d.md#x", 6));
  }

  static Stream<Arguments> problemCases() {
    return Stream.of(
        problem("an existing page", "docs/README.md", "commands.md", null),
        problem("a heading of another page", "docs/README.md", "commands.md#exit-codes", null),
        problem("a heading of the same page", "docs/commands.md", "#exit-codes", null),
        problem("a folder", "README.md", "sample-repo/", null),
        problem("a web page", "README.md", "https://example.com/none#x", null),
        problem("a missing page", "docs/README.md", "nowhere.md", "no file nowhere.md"),
        problem(
            "a missing heading",
            "docs/README.md",
            "commands.md#nowhere",
            "no heading with the anchor #nowhere"),
        problem(
            "a heading of a file that is not Markdown",
            "README.md",
            "pom.xml#x",
            "an anchor on a file that is not a Markdown page"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("problemCases")
  void findsBrokenLinks(String page, String target, String expected) throws IOException {
    assertThat(problem(new Link(Path.of(page), 1, target)).orElse(null)).isEqualTo(expected);
  }

  private static Arguments slug(String name, String heading, String anchor) {
    return Arguments.of(named(name, heading), anchor);
  }

  private static Arguments problem(String name, String page, String target, String expected) {
    return Arguments.of(named(name, page), target, expected);
  }
}
