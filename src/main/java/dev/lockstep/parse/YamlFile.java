package dev.lockstep.parse;

import dev.lockstep.finding.Finding;
import dev.lockstep.model.SourceLocation;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.comments.CommentLine;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Composes one YAML file into SnakeYAML Engine nodes, one per document, keeping their marks. The
 * documents before a syntax error are kept; the error itself is a {@code parse/invalid-yaml}
 * finding at its line. Nesting depth and aliases are bounded on the event stream, before the
 * (recursive) composer sees them, so a deeply nested or alias-bomb file is a {@code parse/limits}
 * finding instead of a stack overflow.
 */
final class YamlFile {
  /** Deepest nesting of mappings and sequences; Teleport resources need about six. */
  static final int MAX_DEPTH = 64;

  /** Most aliases in one file; resources rarely use any. */
  static final int MAX_ALIASES = 50;

  private YamlFile() {}

  /** The documents of {@code text}, in order; problems go to {@code sink}. */
  static List<Node> compose(String file, String text, FindingSink sink) {
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(file)
            .setSchema(new CoreSchema())
            // the node API does not check duplicate keys itself: DocumentWalker does
            .setAllowDuplicateKeys(false)
            .setAllowRecursiveKeys(false)
            // non-scalar keys are reported with their position by DocumentWalker
            .setAllowNonScalarKeys(true)
            .setMaxAliasesForCollections(MAX_ALIASES)
            .setCodePointLimit((int) SourceText.MAX_BYTES * 2)
            .setUseMarks(true)
            .setParseComments(false)
            .build();
    List<Node> documents = new ArrayList<>();
    try {
      Parser parser = new BoundedParser(new ParserImpl(settings, new StreamReader(settings, text)));
      Iterator<Node> composer = new TagMarkingComposer(settings, parser);
      while (composer.hasNext()) {
        documents.add(composer.next());
      }
    } catch (LimitExceeded e) {
      sink.add(Finding.of(ParseRules.LIMITS, e.getMessage(), e.location(file), ""));
    } catch (MarkedYamlEngineException e) {
      YamlProblems.Problem problem = YamlProblems.describe(file, text, e);
      sink.add(Finding.of(ParseRules.INVALID_YAML, problem.message(), problem.location(), ""));
    } catch (ReaderException e) {
      sink.add(
          Finding.of(
              ParseRules.INVALID_YAML,
              "character U+" + String.format("%04X", e.getCodePoint()) + " is not allowed in YAML",
              SourceText.locationOfIndex(file, text, charIndex(text, e.getPosition())),
              ""));
    } catch (YamlEngineException e) {
      String message = e.getMessage() == null ? "" : e.getMessage();
      boolean aliases = message.contains("aliases");
      sink.add(
          Finding.of(
              aliases ? ParseRules.LIMITS : ParseRules.INVALID_YAML,
              aliases
                  ? "the file uses more than " + MAX_ALIASES + " aliases"
                  : "invalid YAML: " + firstLine(message),
              SourceLocation.ofFile(file),
              ""));
    } catch (IllegalArgumentException | IllegalStateException | IndexOutOfBoundsException e) {
      // SnakeYAML Engine throws these on some malformed input (for example "!%2", found by fuzzing)
      sink.add(
          Finding.of(
              ParseRules.INVALID_YAML,
              "invalid YAML: " + firstLine(String.valueOf(e.getMessage())),
              SourceLocation.ofFile(file),
              ""));
    } catch (StackOverflowError e) {
      // last guard: BoundedParser should make this unreachable
      sink.add(
          Finding.of(
              ParseRules.LIMITS,
              "the YAML nests too deeply to read",
              SourceLocation.ofFile(file),
              ""));
    }
    return documents;
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }

  private static int charIndex(String text, int codePointIndex) {
    int count = text.codePointCount(0, text.length());
    return text.offsetByCodePoints(0, Math.max(0, Math.min(codePointIndex, count)));
  }

  /** 1-based location of a mark; the file alone when the mark is absent. */
  static SourceLocation location(String file, Optional<Mark> mark) {
    return mark.map(m -> new SourceLocation(file, m.getLine() + 1, m.getColumn() + 1))
        .orElse(SourceLocation.ofFile(file));
  }

  /**
   * The node property set on a scalar written with an explicit tag ({@code !!int "3"}): such a
   * value is resolved as tctl's YAML reader resolves tags ({@link GoYaml}), not by the schema.
   */
  static final String EXPLICIT_TAG = "lockstep.explicit-tag";

  /** True when the scalar was written with an explicit tag other than the plain {@code !}. */
  static boolean hasExplicitTag(Node node) {
    return Boolean.TRUE.equals(node.getProperty(EXPLICIT_TAG));
  }

  /**
   * The composer, marking scalars whose event carries an explicit tag: the node alone cannot tell
   * {@code !!str yes} from a plain {@code yes}.
   */
  private static final class TagMarkingComposer extends Composer {
    TagMarkingComposer(LoadSettings settings, Parser parser) {
      super(settings, parser);
    }

    @Override
    protected Node composeScalarNode(
        Optional<Anchor> anchor, java.util.List<CommentLine> blockComments) {
      boolean tagged =
          parser.peekEvent() instanceof ScalarEvent event
              && event.getTag().filter(t -> !t.equals("!")).isPresent();
      Node node = super.composeScalarNode(anchor, blockComments);
      if (tagged) {
        node.setProperty(EXPLICIT_TAG, Boolean.TRUE);
      }
      return node;
    }
  }

  /** A bound was crossed; carries the mark of the event that crossed it. */
  static final class LimitExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Optional<Mark> mark;
    private final SourceLocation location;

    LimitExceeded(String message, Optional<Mark> mark) {
      super(message, null, false, false);
      this.mark = mark;
      this.location = null;
    }

    LimitExceeded(String message, SourceLocation location) {
      super(message, null, false, false);
      this.mark = Optional.empty();
      this.location = location;
    }

    SourceLocation location(String file) {
      return location != null ? location : YamlFile.location(file, mark);
    }
  }

  /**
   * Counts nesting and aliases on the event stream and stops before the composer recurses too deep.
   */
  private static final class BoundedParser implements Parser {
    private final Parser delegate;
    private int depth;
    private int aliases;

    BoundedParser(Parser delegate) {
      this.delegate = delegate;
    }

    @Override
    public boolean checkEvent(Event.ID choice) {
      return delegate.checkEvent(choice);
    }

    @Override
    public Event peekEvent() {
      return delegate.peekEvent();
    }

    @Override
    public boolean hasNext() {
      return delegate.hasNext();
    }

    @Override
    public Event next() {
      Event event = delegate.next();
      switch (event.getEventId()) {
        case MappingStart, SequenceStart -> {
          if (++depth > MAX_DEPTH) {
            throw new LimitExceeded(
                "the YAML nests deeper than " + MAX_DEPTH + " levels", event.getStartMark());
          }
        }
        case MappingEnd, SequenceEnd -> depth--;
        case Alias -> {
          if (++aliases > MAX_ALIASES) {
            throw new LimitExceeded(
                "the file uses more than " + MAX_ALIASES + " aliases", event.getStartMark());
          }
        }
        default -> {}
      }
      return event;
    }
  }
}
