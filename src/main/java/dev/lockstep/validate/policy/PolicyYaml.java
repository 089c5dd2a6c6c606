package dev.lockstep.validate.policy;

import dev.lockstep.finding.Finding;
import dev.lockstep.model.SourceLocation;
import dev.lockstep.parse.ParseRules;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads the YAML files of a policy folder (policies and their {@code *_test.yaml} cases) with the
 * position of every field, from SnakeYAML Engine nodes. Policies in the repository being checked
 * come from the repository parser; this reader serves {@code --policies DIR} and {@code lockstep
 * policy test}, whose test files are not repository documents. Never throws for bad input.
 */
public final class PolicyYaml {
  /**
   * Nesting deeper than this is refused (SnakeYAML Engine overflows the stack on extreme depth).
   */
  static final int MAX_DEPTH = 64;

  private PolicyYaml() {}

  /** What one file held: its documents, and findings for what could not be read. */
  public record Result(List<YamlDocument> documents, List<Finding> findings) {
    public Result {
      documents = List.copyOf(documents);
      findings = List.copyOf(findings);
    }
  }

  /**
   * Parses every document of a file.
   *
   * @param file the path shown in findings
   * @param text the file's content
   * @return the documents read and {@code parse/invalid-yaml}, {@code parse/duplicate-key} or
   *     {@code parse/limits} findings
   */
  public static Result read(String file, String text) {
    List<YamlDocument> docs = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(file)
            .setAllowDuplicateKeys(false)
            .setMaxAliasesForCollections(50)
            .build();
    try {
      for (Node node : new Compose(settings).composeAllFromReader(new StringReader(text))) {
        Walker walker = new Walker(file, findings);
        Object value = walker.value(node, "", 0);
        if (value == null) {
          continue;
        }
        if (!(value instanceof Map<?, ?>)) {
          findings.add(
              Finding.of(
                  ParseRules.INVALID_YAML,
                  "a document must be a mapping",
                  location(file, node.getStartMark()),
                  ""));
          continue;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value;
        docs.add(new YamlDocument(map, location(file, node.getStartMark()), walker.positions));
      }
    } catch (MarkedYamlEngineException e) {
      SourceLocation at = location(file, e.getProblemMark().or(e::getContextMark));
      findings.add(Finding.of(ParseRules.INVALID_YAML, oneLine(e.getProblem()), at, ""));
    } catch (YamlEngineException | IllegalArgumentException | StackOverflowError e) {
      // SnakeYAML Engine throws IllegalArgumentException on some malformed tags (found by fuzzing)
      findings.add(
          Finding.of(
              ParseRules.INVALID_YAML,
              oneLine(String.valueOf(e.getMessage())),
              SourceLocation.ofFile(file),
              ""));
    }
    return new Result(docs, findings);
  }

  private static String oneLine(String s) {
    return s == null ? "invalid YAML" : s.strip().replaceAll("\\s+", " ");
  }

  static SourceLocation location(String file, Optional<Mark> mark) {
    return mark.map(m -> new SourceLocation(file, m.getLine() + 1, m.getColumn() + 1))
        .orElse(SourceLocation.ofFile(file));
  }

  private static final class Walker {
    private final String file;
    private final List<Finding> findings;
    private final Map<String, SourceLocation> positions = new HashMap<>();

    Walker(String file, List<Finding> findings) {
      this.file = file;
      this.findings = findings;
    }

    Object value(Node node, String path, int depth) {
      if (depth > MAX_DEPTH) {
        throw new YamlEngineException("the document nests deeper than " + MAX_DEPTH + " levels");
      }
      if (node instanceof MappingNode mapping) {
        Map<String, Object> out = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (NodeTuple tuple : mapping.getValue()) {
          String key =
              tuple.getKeyNode() instanceof ScalarNode k
                  ? k.getValue()
                  : String.valueOf(value(tuple.getKeyNode(), path, depth + 1));
          String child = path.isEmpty() ? key : path + "." + key;
          SourceLocation at = location(file, tuple.getKeyNode().getStartMark());
          // the node API does not check duplicate keys (only object construction does): do it here
          if (!seen.add(key)) {
            findings.add(
                Finding.of(ParseRules.DUPLICATE_KEY, "duplicate key \"" + key + "\"", at, child));
            continue;
          }
          positions.put(child, at);
          out.put(key, value(tuple.getValueNode(), child, depth + 1));
        }
        return out;
      }
      if (node instanceof SequenceNode sequence) {
        List<Object> out = new ArrayList<>();
        List<Node> items = sequence.getValue();
        for (int i = 0; i < items.size(); i++) {
          String child = path + "[" + i + "]";
          positions.put(child, location(file, items.get(i).getStartMark()));
          out.add(value(items.get(i), child, depth + 1));
        }
        return out;
      }
      ScalarNode scalar = (ScalarNode) node;
      return scalar(scalar);
    }

    private static Object scalar(ScalarNode scalar) {
      String v = scalar.getValue();
      Tag tag = scalar.getTag();
      try {
        if (Tag.NULL.equals(tag)) {
          return null;
        }
        if (Tag.BOOL.equals(tag)) {
          return Boolean.parseBoolean(v.toLowerCase(java.util.Locale.ROOT));
        }
        if (Tag.INT.equals(tag)) {
          return Long.decode(v.replace("0o", "0"));
        }
        if (Tag.FLOAT.equals(tag)) {
          return Double.parseDouble(v);
        }
      } catch (NumberFormatException e) {
        return v;
      }
      return v;
    }
  }
}
