package dev.lockstep.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The project's documents stand on their own: every {@code teleport-semantics §N[.M]} citation in
 * the repository names a section that {@code docs/teleport-semantics.md} has, and no file points at
 * documents that are not in the repository.
 */
class DocsTest {

  static final Path SEMANTICS = Path.of("docs/teleport-semantics.md");

  // Its table rows cite missing sections and outside documents on purpose.
  static final Path THIS_FILE = Path.of("src/test/java/dev/lockstep/docs/DocsTest.java");

  /** A section heading of the semantics page: {@code ## 7. Title} or {@code ### 5.3 Title}. */
  static final Pattern HEADING =
      Pattern.compile("^#{2,3} (\\d+(?:\\.\\d+)?)\\.? ", Pattern.MULTILINE);

  // Between words of a citation: white space and the comment markers a wrapped line starts with.
  private static final String GAP = "(?:\\s|\\*|//|#)*";
  private static final String SECTION = "§(\\d+(?:\\.\\d+)?)";
  private static final String MORE =
      GAP + "(?:,|–|-|\\band\\b|\\bor\\b)" + GAP + "§\\d+(?:\\.\\d+)?";

  /**
   * {@code teleport-semantics} followed by a section and any list or range of further sections; the
   * page's own file name is not a citation.
   */
  static final Pattern CITATION =
      Pattern.compile(
          "teleport-semantics(?!\\.md)" + GAP + "(?:" + SECTION + "((?:" + MORE + ")*))?");

  private static final Pattern ANY_SECTION = Pattern.compile(SECTION);

  /** References to documents that exist only outside the repository. */
  static final Pattern OUTSIDE =
      Pattern.compile(
          "\\.\\./shared|/work/shared|(?<![\\w.-])(?:design|style|toolchain|prior-art)\\.md"
              + "|teleport-autoupdate-facts|(?<![\\w-])facts §",
          Pattern.CASE_INSENSITIVE);

  /** One place in a file: its 1-based line and what was found there. */
  record Hit(Path file, int line, String text) {
    @Override
    public String toString() {
      return file + ":" + line + ": " + text;
    }
  }

  // ---- the checks over the repository

  /** HTML and XML output (golden pages) write the section sign as a character reference. */
  static String decodeSectionSign(String text) {
    return text.replaceAll("&#(?:[xX]0*[aA]7|0*167);|&sect;", "§");
  }

  @Test
  void everyCitationNamesASectionOfTheSemanticsPage() throws IOException {
    Set<String> sections = sections(Files.readString(SEMANTICS));
    List<String> wrong = new ArrayList<>();
    for (Path file : textFiles()) {
      for (Hit hit : citations(file, decodeSectionSign(Files.readString(file)))) {
        if (hit.text().isEmpty()) {
          wrong.add(hit.file() + ":" + hit.line() + ": teleport-semantics without a section");
        } else if (!sections.contains(hit.text())) {
          wrong.add(
              hit.file()
                  + ":"
                  + hit.line()
                  + ": teleport-semantics §"
                  + hit.text()
                  + " — no such section");
        }
      }
    }
    assertThat(wrong)
        .as(
            "cite a section that %s has (a heading '## N.' or '### N.M'), or add the section;"
                + " sections: %s",
            SEMANTICS, sections)
        .isEmpty();
  }

  @Test
  void theSemanticsPageRefersOnlyToItsOwnSections() throws IOException {
    String page = Files.readString(SEMANTICS);
    Set<String> sections = sections(page);
    List<Hit> wrong = new ArrayList<>();
    Matcher m = ANY_SECTION.matcher(page);
    while (m.find()) {
      if (!sections.contains(m.group(1))) {
        wrong.add(new Hit(SEMANTICS, lineOf(page, m.start()), m.group()));
      }
    }
    assertThat(wrong).as("a § reference on the page names a section it does not have").isEmpty();
  }

  @Test
  void theSemanticsPageNumbersItsSectionsWithoutGaps() throws IOException {
    List<Integer> top =
        sectionsInOrder(Files.readString(SEMANTICS)).stream()
            .filter(s -> !s.contains("."))
            .map(Integer::parseInt)
            .toList();
    assertThat(top)
        .as("top-level sections are numbered 0, 1, 2, ... in order (code cites these numbers)")
        .isEqualTo(Stream.iterate(0, i -> i + 1).limit(top.size()).toList())
        .hasSizeGreaterThanOrEqualTo(23);
  }

  @Test
  void noFileRefersToDocumentsOutsideTheRepository() throws IOException {
    List<Hit> wrong = new ArrayList<>();
    for (Path file : textFiles()) {
      wrong.addAll(outsideReferences(file, Files.readString(file)));
    }
    assertThat(wrong)
        .as(
            "say the rule in words, or point at the README section or the docs/ page that documents"
                + " it; cite Teleport's rules as 'teleport-semantics §N'")
        .isEmpty();
  }

  // ---- the extractors, as tables

  static Stream<Arguments> citationCases() {
    return Stream.of(
        cite("one section", "(teleport-semantics §7)", "7"),
        cite("a subsection", "resets (teleport-semantics §5.3).", "5.3"),
        cite("wrapped in Javadoc", "outside (teleport-semantics\n   * §6.1).", "6.1"),
        cite("wrapped in a line comment", "teleport-semantics\n    // §9)", "9"),
        cite("wrapped in a YAML comment", "# teleport-semantics\n# §13.2", "13.2"),
        cite("a list", "(teleport-semantics §13.1, §13.2): the", "13.1", "13.2"),
        cite(
            "a range and a list",
            "teleport-semantics §1, §2.2–§2.4, §3.2, §12)",
            "1",
            "2.2",
            "2.4",
            "3.2",
            "12"),
        cite(
            "a list wrapped in Javadoc",
            "teleport-semantics §3.4,\n   * §13.1), then",
            "3.4",
            "13.1"),
        cite("joined by and", "teleport-semantics §7 and §8", "7", "8"),
        cite("an item of a section", "the newest rule, teleport-semantics §20 item 4)", "20"),
        cite("a step of a section", "one minute (teleport-semantics §7 step\n   * 1).", "7"),
        cite("a missing section", "teleport-semantics §99", "99"),
        cite("without a section", "see teleport-semantics for details", ""),
        cite("the page's file name", "sections of `docs/teleport-semantics.md`): groups"),
        cite(
            "another document's § after the citation",
            "teleport-semantics §7. RFC 9110 §13.1.2",
            "7"),
        cite("two citations", "teleport-semantics §4 ... teleport-semantics §16", "4", "16"),
        cite(
            "an HTML character reference", decodeSectionSign("(teleport-semantics &#xA7;7)"), "7"));
  }

  static Stream<Arguments> outsideCases() {
    return Stream.of(
        outside("a relative path to shared", "see ../shared/design.md", "../shared", "design.md"),
        outside("an absolute path", "/work/shared/notes", "/work/shared"),
        outside("the design document", "(design.md \"Exit codes\")", "design.md"),
        outside("the style document", "(style.md 6.3)", "style.md"),
        outside("the toolchain document", "// pinned (toolchain.md)", "toolchain.md"),
        outside("the prior-art document", "prior-art.md says", "prior-art.md"),
        outside(
            "the facts document", "teleport-autoupdate-facts.md §7", "teleport-autoupdate-facts"),
        outside("a facts citation", "(facts §7)", "facts §"),
        outside("any case", "(Facts §7, Design.md)", "Facts §", "Design.md"),
        outside("a longer file name", "see codestyle.md and redesign.md"),
        outside("the semantics page", "(teleport-semantics §7)"),
        outside("the README", "(README, \"Apply semantics\")"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource({"citationCases", "outsideCases"})
  void finds(String text, Extractor extractor, List<String> expected) {
    assertThat(extractor.find(Path.of("f"), text).stream().map(Hit::text))
        .containsExactlyElementsOf(expected);
  }

  @Test
  void reportsTheLineOfACitation() {
    assertThat(citations(Path.of("f"), "a\nb\n * (teleport-semantics\n * §5.4)"))
        .containsExactly(new Hit(Path.of("f"), 3, "5.4"));
  }

  @Test
  void readsSectionHeadings() {
    String page =
        "# Title\n## 0. How\n## 7. Strategy\n### 5.3 Loop\n#### Canary selection\n## 12 Window\n";
    assertThat(sectionsInOrder(page)).containsExactly("0", "7", "5.3", "12");
  }

  /** What a table row runs over its text. */
  enum Extractor {
    CITATIONS {
      @Override
      List<Hit> find(Path file, String text) {
        return citations(file, text);
      }
    },
    OUTSIDE_REFERENCES {
      @Override
      List<Hit> find(Path file, String text) {
        return outsideReferences(file, text);
      }
    };

    abstract List<Hit> find(Path file, String text);
  }

  private static Arguments cite(String name, String text, String... sections) {
    return Arguments.of(named(name, text), Extractor.CITATIONS, List.of(sections));
  }

  private static Arguments outside(String name, String text, String... references) {
    return Arguments.of(named(name, text), Extractor.OUTSIDE_REFERENCES, List.of(references));
  }

  // ---- the extractors

  /** Section numbers of the page's headings, in order. */
  static List<String> sectionsInOrder(String markdown) {
    List<String> out = new ArrayList<>();
    Matcher m = HEADING.matcher(markdown);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  static Set<String> sections(String markdown) {
    return new TreeSet<>(sectionsInOrder(markdown));
  }

  /** Every section cited in {@code text}; a citation without a section gives an empty text. */
  static List<Hit> citations(Path file, String text) {
    List<Hit> out = new ArrayList<>();
    Matcher m = CITATION.matcher(text);
    while (m.find()) {
      int line = lineOf(text, m.start());
      if (m.group(1) == null) {
        out.add(new Hit(file, line, ""));
        continue;
      }
      out.add(new Hit(file, line, m.group(1)));
      Matcher more = ANY_SECTION.matcher(m.group(2));
      while (more.find()) {
        out.add(new Hit(file, line, more.group(1)));
      }
    }
    return out;
  }

  static List<Hit> outsideReferences(Path file, String text) {
    List<Hit> out = new ArrayList<>();
    Matcher m = OUTSIDE.matcher(text);
    while (m.find()) {
      out.add(new Hit(file, lineOf(text, m.start()), m.group()));
    }
    return out;
  }

  /** The 1-based line of {@code offset} in {@code text}. */
  static int lineOf(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  // ---- the repository's files

  /**
   * The repository's text files: what Git tracks plus new files it does not ignore, so a citation
   * fails before it is committed. Outside a Git checkout, every file but build output.
   */
  static List<Path> textFiles() throws IOException {
    List<Path> out = new ArrayList<>();
    for (Path p : gitFiles().orElseGet(DocsTest::walkedFiles)) {
      if (!p.equals(THIS_FILE) && Files.isRegularFile(p) && isText(p)) {
        out.add(p);
      }
    }
    assertThat(out).as("the repository's files were found").contains(SEMANTICS);
    return out;
  }

  private static Optional<List<Path>> gitFiles() {
    try {
      Process git =
          new ProcessBuilder("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      byte[] listing = git.getInputStream().readAllBytes();
      if (git.waitFor() != 0) {
        return Optional.empty();
      }
      List<Path> out = new ArrayList<>();
      for (String name : new String(listing, StandardCharsets.UTF_8).split("\0")) {
        if (!name.isEmpty()) {
          out.add(Path.of(name));
        }
      }
      return Optional.of(out);
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static List<Path> walkedFiles() {
    try (Stream<Path> s = Files.walk(Path.of(""))) {
      return s.map(p -> Path.of("").toAbsolutePath().relativize(p.toAbsolutePath()))
          .filter(p -> !p.startsWith("target") && !p.startsWith(".git"))
          .toList();
    } catch (IOException e) {
      throw new IllegalStateException("cannot list the repository's files", e);
    }
  }

  private static boolean isText(Path p) throws IOException {
    byte[] bytes = Files.readAllBytes(p);
    for (byte b : bytes) {
      if (b == 0) {
        return false;
      }
    }
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
