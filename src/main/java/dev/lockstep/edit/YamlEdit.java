package dev.lockstep.edit;

import dev.lockstep.edit.EditException.Reason;
import dev.lockstep.model.FieldPath;
import dev.lockstep.model.SourceLocation;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.CollectionNode;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Sets scalars of a YAML file in place. Only the characters of each edited scalar's value change;
 * every other byte stays: comments, key order, blank lines, indentation, flow style, document
 * separators, CRLF line endings, a UTF-8 byte-order mark, trailing spaces, tags and anchors.
 * Positions come from SnakeYAML Engine's node marks (the parser's positions); nothing is
 * re-serialised.
 *
 * <p>The quoting style is kept: a plain scalar stays plain unless the new value would then read as
 * another type or is not a safe plain scalar (then it is double-quoted), a single-quoted one stays
 * single-quoted, a double-quoted one stays double-quoted (with YAML escapes where needed). A tag or
 * an anchor on the scalar is kept.
 *
 * <p>Refused, with the file, line, field and a hint ({@link EditException}): a field that is not in
 * the file (Lockstep never inserts keys: write the key once by hand), a mapping or list where a
 * scalar is expected, a block scalar or a scalar written over several lines, two different values
 * for one scalar, and a scalar shared through an anchor and aliases with a place the edit set does
 * not also set to the same value (editing the anchor would silently change the aliases; when every
 * place that shares it is set to the same value, the anchor is edited once). After editing, the
 * text is composed again and every value of every document is compared with what was asked:
 * anything else that changed is {@link Reason#VERIFICATION_FAILED} and nothing is returned.
 *
 * <p>Pure: reads only its arguments, writes nothing.
 */
public final class YamlEdit {
  private static final int MAX_DEPTH = 64;
  private static final int MAX_VALUES = 100_000;
  private static final int MAX_ALIASES = 50;
  private static final int MAX_CODE_POINTS = 2 * 1024 * 1024;
  private static final ScalarResolver RESOLVER = new CoreSchema().getScalarResolver();
  // tctl reads YAML 1.1, where these plain words are booleans (the parser warns about them)
  private static final Set<String> YAML11_BOOLEANS =
      Set.of(
          "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off",
          "OFF");

  private YamlEdit() {}

  /**
   * Applies the edits to the file's bytes, all or none.
   *
   * @param file the file's name, for locations in messages
   * @param bytes the file's content (UTF-8, optionally with a byte-order mark)
   * @param edits scalars to set; an empty list returns the bytes unchanged
   * @return the new bytes and, per edit, the value before and after
   * @throws EditException when any edit cannot be made as described in the class comment
   */
  public static EditedFile apply(String file, byte[] bytes, List<ScalarEdit> edits)
      throws EditException {
    Source source = Source.decode(file, bytes);
    List<Node> documents = compose(source, source.text);
    Map<Node, Target> byNode = new IdentityHashMap<>();
    List<Target> inRequestOrder = new ArrayList<>();
    Map<Integer, Map<Node, List<String>>> reachByDocument = new LinkedHashMap<>();
    for (ScalarEdit edit : edits) {
      if (edit.document() >= documents.size()) {
        throw new EditException(
            Reason.NO_SUCH_DOCUMENT,
            SourceLocation.ofFile(file),
            edit.path(),
            "the file has "
                + documents.size()
                + " document(s); there is no document "
                + (edit.document() + 1)
                + " to edit "
                + edit.path()
                + " in");
      }
      Node root = documents.get(edit.document());
      Located located = locate(source, root, edit);
      Map<Node, List<String>> reach = reachByDocument.get(edit.document());
      if (reach == null) {
        reach = reach(source, root);
        reachByDocument.put(edit.document(), reach);
      }
      Target existing = byNode.get(located.node);
      if (existing != null) {
        if (!existing.value.equals(edit.value())) {
          throw new EditException(
              Reason.CONFLICTING_EDITS,
              source.location(located.start),
              edit.path(),
              edit.path()
                  + " is set to both \""
                  + existing.value
                  + "\" and \""
                  + edit.value()
                  + "\" (the same scalar"
                  + (existing.paths.contains(edit.path()) ? "" : " as " + existing.paths.get(0))
                  + "); set it once");
        }
        existing.paths.add(edit.path());
        inRequestOrder.add(existing);
        continue;
      }
      Target target =
          new Target(
              located, edit.value(), new ArrayList<>(List.of(edit.path())), reach, edit.document());
      byNode.put(located.node, target);
      inRequestOrder.add(target);
    }
    for (Target t : byNode.values()) {
      checkNotShared(source, t);
    }
    // replace from the end so earlier offsets stay valid
    List<Target> ordered = new ArrayList<>(byNode.values());
    ordered.sort(Comparator.comparingInt((Target t) -> t.located.start).reversed());
    StringBuilder text = new StringBuilder(source.text);
    Map<Target, String> written = new IdentityHashMap<>();
    for (Target t : ordered) {
      String rendered = render(t);
      written.put(t, rendered);
      text.replace(t.located.start, t.located.end, rendered);
    }
    String edited = text.toString();
    verify(source, documents, edited, byNode.values());
    List<EditedFile.Change> changes = new ArrayList<>();
    for (int i = 0; i < edits.size(); i++) {
      Target t = inRequestOrder.get(i);
      changes.add(
          new EditedFile.Change(
              edits.get(i),
              source.location(t.located.start),
              t.located.node.getValue(),
              t.value,
              t.located.presentation,
              written.get(t)));
    }
    return new EditedFile(file, bytes, source.encode(edited), changes);
  }

  /**
   * The index of the document whose root node starts at {@code line} and {@code column} (1-based,
   * as {@code Resource.origin()} records it), if any.
   *
   * @throws EditException when the file is not UTF-8 YAML
   */
  public static OptionalInt documentAt(String file, byte[] bytes, int line, int column)
      throws EditException {
    Source source = Source.decode(file, bytes);
    List<Node> documents = compose(source, source.text);
    for (int i = 0; i < documents.size(); i++) {
      Optional<Mark> m = documents.get(i).getStartMark();
      if (m.isPresent() && m.get().getLine() + 1 == line && m.get().getColumn() + 1 == column) {
        return OptionalInt.of(i);
      }
    }
    return OptionalInt.empty();
  }

  /** A scalar found at a path, with the character span of its value (properties excluded). */
  private record Located(
      ScalarNode node,
      int start,
      int end,
      String presentation,
      boolean explicitTag,
      boolean flow) {}

  /** The scalar to write, and every path of the edit set that names it. */
  private static final class Target {
    final Located located;
    final String value;
    final List<String> paths;
    final Map<Node, List<String>> reach;
    final int document;

    Target(
        Located located,
        String value,
        List<String> paths,
        Map<Node, List<String>> reach,
        int document) {
      this.located = located;
      this.value = value;
      this.paths = paths;
      this.reach = reach;
      this.document = document;
    }
  }

  private static Located locate(Source source, Node root, ScalarEdit edit) throws EditException {
    Node current = root;
    boolean flow = false;
    String walked = "";
    // where a missing field belongs: the key of the mapping that lacks it, or the document
    SourceLocation here = source.location(root);
    for (String segment : FieldPath.segments(edit.path())) {
      if (segment.startsWith("[")) {
        int index = Integer.parseInt(segment.substring(1, segment.length() - 1));
        if (!(current instanceof SequenceNode seq)) {
          throw notFound(source, current, edit.path(), walked, "is not a list");
        }
        if (index >= seq.getValue().size()) {
          throw new EditException(
              Reason.MISSING_FIELD,
              here,
              edit.path(),
              (walked.isEmpty() ? "the document" : walked)
                  + " has "
                  + seq.getValue().size()
                  + " item(s); there is no item "
                  + index
                  + " (Lockstep edits existing values only)");
        }
        flow = seq.getFlowStyle() == FlowStyle.FLOW;
        current = seq.getValue().get(index);
        walked = FieldPath.index(walked, index);
        here = source.location(current);
        continue;
      }
      if (!(current instanceof MappingNode map)) {
        throw notFound(source, current, edit.path(), walked, "is not a mapping");
      }
      Node found = null;
      Node foundKey = null;
      boolean merged = false;
      for (NodeTuple tuple : map.getValue()) {
        if (tuple.getKeyNode() instanceof ScalarNode key) {
          if (key.getValue().equals(segment)) {
            foundKey = key;
            if (found != null) {
              throw new EditException(
                  Reason.CONFLICTING_EDITS,
                  source.location(key),
                  edit.path(),
                  "key \"" + segment + "\" is repeated in this mapping; remove the duplicate");
            }
            found = tuple.getValueNode();
          } else if (key.getValue().equals("<<")) {
            merged = true;
          }
        }
      }
      String child = FieldPath.child(walked, segment);
      if (found == null) {
        String where = walked.isEmpty() ? "at the top of the document" : "in " + walked;
        throw new EditException(
            Reason.MISSING_FIELD,
            here,
            edit.path(),
            child
                + " is not in the file ("
                + segment
                + " is missing "
                + where
                + (merged ? "; a value from a merge key (<<) is not edited in place" : "")
                + "); Lockstep edits existing values only: add \""
                + segment
                + ": ...\" "
                + where
                + " by hand once");
      }
      flow = map.getFlowStyle() == FlowStyle.FLOW;
      current = found;
      walked = child;
      here = source.location(foundKey);
    }
    if (!(current instanceof ScalarNode scalar)) {
      throw new EditException(
          Reason.NOT_A_SCALAR,
          source.location(current),
          edit.path(),
          edit.path()
              + " is a "
              + (current instanceof SequenceNode ? "list" : "mapping")
              + ", not a single value");
    }
    return span(source, scalar, edit.path(), flow);
  }

  private static EditException notFound(
      Source source, Node node, String path, String walked, String what) {
    return new EditException(
        Reason.NOT_A_SCALAR,
        source.location(node),
        path,
        (walked.isEmpty() ? "the document" : walked) + " " + what + ", so " + path + " is absent");
  }

  /** The value's characters without the tag and anchor that may precede it. */
  private static Located span(Source source, ScalarNode scalar, String path, boolean flow)
      throws EditException {
    int start = source.charIndex(scalar.getStartMark());
    int end = source.charIndex(scalar.getEndMark());
    String t = source.text;
    int p = start;
    boolean explicitTag = false;
    while (p < end && (t.charAt(p) == '!' || t.charAt(p) == '&')) {
      explicitTag |= t.charAt(p) == '!';
      while (p < end && !isWhite(t.charAt(p))) {
        p++;
      }
      p = skipWhiteAndComments(t, p, end);
    }
    String presentation = t.substring(p, end);
    SourceLocation at = source.location(p);
    ScalarStyle style = scalar.getScalarStyle();
    if (style == ScalarStyle.LITERAL || style == ScalarStyle.FOLDED) {
      throw new EditException(
          Reason.MULTI_LINE,
          at,
          path,
          path
              + " is a block scalar ("
              + presentation.charAt(0)
              + "); Lockstep edits one-line values only: write it on one line (key: value)");
    }
    if (presentation.indexOf('\n') >= 0 || presentation.indexOf('\r') >= 0) {
      throw new EditException(
          Reason.MULTI_LINE,
          at,
          path,
          path + " is written over several lines; Lockstep edits one-line values only");
    }
    if (presentation.isEmpty()) {
      throw new EditException(
          Reason.MISSING_FIELD,
          at,
          path,
          path + " has no value; Lockstep edits existing values only: write one by hand once");
    }
    if (style == ScalarStyle.PLAIN && !presentation.equals(scalar.getValue())) {
      // cannot happen for a one-line plain scalar; guard the assumption the edit relies on
      throw new EditException(
          Reason.VERIFICATION_FAILED, at, path, path + " could not be located exactly");
    }
    return new Located(scalar, p, end, presentation, explicitTag, flow);
  }

  private static int skipWhiteAndComments(String t, int p, int end) {
    while (p < end) {
      char c = t.charAt(p);
      if (isWhite(c)) {
        p++;
      } else if (c == '#') {
        while (p < end && t.charAt(p) != '\n') {
          p++;
        }
      } else {
        break;
      }
    }
    return p;
  }

  private static boolean isWhite(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  /**
   * Every path that reaches each node of the document, aliases followed (an anchored node reached
   * twice has two paths).
   */
  private static Map<Node, List<String>> reach(Source source, Node root) throws EditException {
    Map<Node, List<String>> out = new IdentityHashMap<>();
    int[] budget = {MAX_VALUES};
    walk(source, root, "", 0, budget, out);
    return out;
  }

  private static void walk(
      Source source, Node node, String path, int depth, int[] budget, Map<Node, List<String>> out)
      throws EditException {
    if (--budget[0] < 0 || depth > MAX_DEPTH) {
      throw new EditException(
          Reason.INVALID_YAML,
          source.location(node),
          path,
          "the document nests deeper than "
              + MAX_DEPTH
              + " levels or expands to more than "
              + MAX_VALUES
              + " values through aliases");
    }
    out.computeIfAbsent(node, n -> new ArrayList<>()).add(path);
    if (node instanceof MappingNode map) {
      for (NodeTuple tuple : map.getValue()) {
        if (tuple.getKeyNode() instanceof ScalarNode key) {
          walk(
              source,
              tuple.getValueNode(),
              FieldPath.child(path, key.getValue()),
              depth + 1,
              budget,
              out);
        }
      }
    } else if (node instanceof SequenceNode seq) {
      int i = 0;
      for (Node item : seq.getValue()) {
        walk(source, item, FieldPath.index(path, i++), depth + 1, budget, out);
      }
    }
  }

  private static void checkNotShared(Source source, Target t) throws EditException {
    List<String> sharing = t.reach.getOrDefault(t.located.node, List.of());
    Set<String> others = new LinkedHashSet<>(sharing);
    t.paths.forEach(others::remove);
    if (others.isEmpty()) {
      return;
    }
    String anchor =
        anchorOf(t)
            .map(a -> " through anchor &" + a)
            .orElse(" through an alias or a merge key (<<)");
    throw new EditException(
        Reason.SHARED_ANCHOR,
        source.location(t.located.start),
        t.paths.get(0),
        t.paths.get(0)
            + " is shared"
            + anchor
            + " with "
            + String.join(", ", others)
            + "; editing it would change "
            + (others.size() == 1 ? "that value" : "those values")
            + " too. Set them all to the same value, or replace the alias with a plain value by hand");
  }

  /** The anchor on the scalar itself, or on the nearest collection shared above it. */
  private static Optional<String> anchorOf(Target t) {
    if (t.located.node.getAnchor().isPresent()) {
      return t.located.node.getAnchor().map(Object::toString);
    }
    for (Map.Entry<Node, List<String>> e : t.reach.entrySet()) {
      if (e.getKey() instanceof CollectionNode<?>
          && e.getValue().size() > 1
          && e.getKey().getAnchor().isPresent()
          && t.paths.stream().anyMatch(p -> e.getValue().stream().anyMatch(p::startsWith))) {
        return e.getKey().getAnchor().map(Object::toString);
      }
    }
    return Optional.empty();
  }

  /** The new value in the scalar's own style, or double-quoted when plain would misread. */
  private static String render(Target t) {
    String v = t.value;
    if (v.equals(t.located.node.getValue())) {
      return t.located.presentation;
    }
    boolean needsEscapes = v.codePoints().anyMatch(YamlEdit::needsEscape);
    ScalarStyle style = t.located.node.getScalarStyle();
    if (style == ScalarStyle.SINGLE_QUOTED && !needsEscapes) {
      return "'" + v.replace("'", "''") + "'";
    }
    if (style == ScalarStyle.PLAIN && !needsEscapes && plainReadsBack(t)) {
      return v;
    }
    return doubleQuoted(v);
  }

  /** True when the value as a plain scalar reads back as the same text and the same type. */
  private static boolean plainReadsBack(Target t) {
    String v = t.value;
    if (!isSafePlain(v, t.located.flow)) {
      return false;
    }
    if (t.located.explicitTag) {
      return true;
    }
    Tag now = t.located.node.getTag();
    Tag then = RESOLVER.resolve(v, true);
    if (!then.equals(now) && !(now.equals(Tag.NULL) && then.equals(Tag.STR))) {
      return false;
    }
    return !(then.equals(Tag.STR) && YAML11_BOOLEANS.contains(v));
  }

  /** A conservative test: letters, digits and a few punctuation marks that never start syntax. */
  private static boolean isSafePlain(String v, boolean flow) {
    if (v.isEmpty() || v.strip().length() != v.length()) {
      return false;
    }
    char first = v.charAt(0);
    if (!(Character.isLetterOrDigit(first) || first == '.' || first == '/' || first == '_')) {
      return false;
    }
    if (v.contains(": ") || v.contains(" #") || v.endsWith(":")) {
      return false;
    }
    if (flow && v.chars().anyMatch(c -> ",[]{}".indexOf(c) >= 0)) {
      return false;
    }
    return true;
  }

  private static boolean needsEscape(int cp) {
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp == 0xFEFF;
  }

  private static String doubleQuoted(String v) {
    StringBuilder b = new StringBuilder("\"");
    v.codePoints()
        .forEach(
            cp -> {
              switch (cp) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                  if (needsEscape(cp)) {
                    b.append(String.format(cp <= 0xFF ? "\\x%02X" : "\\u%04X", cp));
                  } else {
                    b.appendCodePoint(cp);
                  }
                }
              }
            });
    return b.append('"').toString();
  }

  /**
   * Composes the edited text and checks that every document reads as before, except the edited
   * scalars, which read as asked.
   */
  private static void verify(
      Source source, List<Node> before, String edited, Iterable<Target> targets)
      throws EditException {
    List<Node> after;
    try {
      after = compose(source, edited);
    } catch (EditException e) {
      throw failed(source, "the edited file no longer composes: " + e.getMessage());
    }
    if (after.size() != before.size()) {
      throw failed(source, "the edited file has another number of documents");
    }
    for (int d = 0; d < before.size(); d++) {
      Map<String, String> expected = flatten(source, before.get(d));
      for (Target t : targets) {
        if (t.document == d) {
          for (String p : t.reach.get(t.located.node)) {
            expected.put(p, "scalar:" + t.value);
          }
        }
      }
      Map<String, String> actual = flatten(source, after.get(d));
      if (!expected.equals(actual)) {
        String differs =
            actual.keySet().stream()
                .filter(k -> !actual.get(k).equals(expected.get(k)))
                .findFirst()
                .orElse("?");
        throw failed(source, "document " + (d + 1) + " reads differently at " + differs);
      }
    }
  }

  private static EditException failed(Source source, String why) {
    return new EditException(
        Reason.VERIFICATION_FAILED,
        SourceLocation.ofFile(source.file),
        "",
        why + "; nothing was changed (please report this as a Lockstep bug)");
  }

  /** Path to value text for every scalar, and the kind of every collection. */
  private static Map<String, String> flatten(Source source, Node root) throws EditException {
    Map<String, String> out = new LinkedHashMap<>();
    reach(source, root)
        .forEach(
            (node, paths) -> {
              String v =
                  node instanceof ScalarNode s
                      ? "scalar:" + s.getValue()
                      : node instanceof MappingNode m
                          ? "mapping:" + m.getValue().size()
                          : "sequence:" + ((SequenceNode) node).getValue().size();
              paths.forEach(p -> out.put(p, v));
            });
    return out;
  }

  private static List<Node> compose(Source source, String text) throws EditException {
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(source.file)
            .setSchema(new CoreSchema())
            .setAllowRecursiveKeys(false)
            .setAllowNonScalarKeys(true)
            .setMaxAliasesForCollections(MAX_ALIASES)
            .setCodePointLimit(MAX_CODE_POINTS)
            .setUseMarks(true)
            .setParseComments(false)
            .build();
    List<Node> out = new ArrayList<>();
    try {
      Composer composer =
          new Composer(settings, new ParserImpl(settings, new StreamReader(settings, text)));
      while (composer.hasNext()) {
        out.add(composer.next());
      }
    } catch (YamlEngineException
        | IllegalArgumentException
        | IllegalStateException
        | IndexOutOfBoundsException
        | StackOverflowError e) {
      String message = String.valueOf(e.getMessage());
      int nl = message.indexOf('\n');
      throw new EditException(
          Reason.INVALID_YAML,
          SourceLocation.ofFile(source.file),
          "",
          "not valid YAML ("
              + (nl < 0 ? message : message.substring(0, nl))
              + "); run lockstep validate on it first");
    }
    return out;
  }

  /** A file's text without its byte-order mark, and how to turn positions into locations. */
  private static final class Source {
    final String file;
    final boolean bom;
    final String text;

    private Source(String file, boolean bom, String text) {
      this.file = file;
      this.bom = bom;
      this.text = text;
    }

    static Source decode(String file, byte[] bytes) throws EditException {
      boolean bom =
          bytes.length >= 3
              && bytes[0] == (byte) 0xEF
              && bytes[1] == (byte) 0xBB
              && bytes[2] == (byte) 0xBF;
      int start = bom ? 3 : 0;
      try {
        String text =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes, start, bytes.length - start))
                .toString();
        return new Source(file, bom, text);
      } catch (CharacterCodingException e) {
        throw new EditException(
            Reason.INVALID_YAML,
            SourceLocation.ofFile(file),
            "",
            "the file is not UTF-8 text; save it as UTF-8");
      }
    }

    byte[] encode(String edited) {
      byte[] body = edited.getBytes(StandardCharsets.UTF_8);
      if (!bom) {
        return body;
      }
      byte[] out = new byte[body.length + 3];
      out[0] = (byte) 0xEF;
      out[1] = (byte) 0xBB;
      out[2] = (byte) 0xBF;
      System.arraycopy(body, 0, out, 3, body.length);
      return out;
    }

    /** Marks count code points; Java strings count UTF-16 units. */
    int charIndex(Optional<Mark> mark) {
      int cp = mark.map(Mark::getIndex).orElse(0);
      return text.offsetByCodePoints(0, Math.min(cp, text.codePointCount(0, text.length())));
    }

    SourceLocation location(Node node) {
      return location(charIndex(node.getStartMark()));
    }

    SourceLocation location(int charIndex) {
      int line = 1;
      int lineStart = 0;
      for (int i = 0; i < charIndex; i++) {
        if (text.charAt(i) == '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      return new SourceLocation(file, line, text.codePointCount(lineStart, charIndex) + 1);
    }
  }
}
