package dev.lockstep.parse;

import dev.lockstep.finding.Rule;
import dev.lockstep.finding.Severity;
import java.util.List;

/** Rules of the parse stage: syntax, encoding, limits and document shape. */
public final class ParseRules {
  private ParseRules() {}

  public static final Rule INVALID_YAML =
      new Rule("parse/invalid-yaml", Severity.ERROR, "The file is not valid YAML.");
  public static final Rule ENCODING =
      new Rule(
          "parse/encoding",
          Severity.ERROR,
          "The file is not UTF-8 text (binary or another encoding).");
  public static final Rule FILE_TOO_LARGE =
      new Rule("parse/file-too-large", Severity.ERROR, "The file is larger than 1 MiB.");
  public static final Rule LIMITS =
      new Rule(
          "parse/limits",
          Severity.ERROR,
          "The YAML nests too deeply or uses too many aliases (a guard against alias bombs).");
  public static final Rule DUPLICATE_KEY =
      new Rule(
          "parse/duplicate-key",
          Severity.ERROR,
          "A mapping repeats a key; Teleport would keep only one.");
  public static final Rule UNKNOWN_KIND =
      new Rule(
          "parse/unknown-kind",
          Severity.WARNING,
          "A document's kind is not one Lockstep manages; it is ignored.");
  public static final Rule MISSPELT_KIND =
      new Rule(
          "parse/misspelt-kind",
          Severity.ERROR,
          "A document's kind is a misspelling of a kind Lockstep manages (case, - or _, plural, a typo);"
              + " tctl would refuse it, and Lockstep does not read the document until it is fixed.");
  public static final Rule MISSING_KIND =
      new Rule("parse/missing-kind", Severity.ERROR, "A document has no kind.");
  public static final Rule UNKNOWN_FIELD =
      new Rule(
          "schema/unknown-field",
          Severity.ERROR,
          "A field Teleport does not know (tctl rejects unknown fields); suggests the closest known one.");
  public static final Rule WRONG_TYPE =
      new Rule(
          "schema/wrong-type",
          Severity.ERROR,
          "A field has the wrong type (for example a number where text is expected).");
  public static final Rule DUPLICATE_RESOURCE =
      new Rule(
          "schema/duplicate-resource",
          Severity.ERROR,
          "A cluster defines the same resource twice.");
  public static final Rule UNREADABLE =
      new Rule(
          "parse/unreadable",
          Severity.ERROR,
          "A file or folder could not be read (missing, or an I/O error).");
  public static final Rule NOT_A_FILE =
      new Rule(
          "parse/not-a-file",
          Severity.ERROR,
          "A symbolic link, a folder or another non-file stands where Lockstep reads a file; links"
              + " are never followed (outside the repository, their target is not even named).");
  public static final Rule LAYOUT =
      new Rule(
          "layout/unexpected-file",
          Severity.WARNING,
          "A file where the repository format expects none (for example a stray file in a channel folder).");
  public static final Rule DUPLICATE_CLUSTER =
      new Rule(
          "layout/duplicate-cluster",
          Severity.ERROR,
          "Two cluster folders declare the same cluster name.");

  /** Every parse rule. */
  public static final List<Rule> ALL =
      List.of(
          INVALID_YAML,
          ENCODING,
          FILE_TOO_LARGE,
          LIMITS,
          DUPLICATE_KEY,
          UNKNOWN_KIND,
          MISSPELT_KIND,
          MISSING_KIND,
          UNKNOWN_FIELD,
          WRONG_TYPE,
          DUPLICATE_RESOURCE,
          UNREADABLE,
          NOT_A_FILE,
          LAYOUT,
          DUPLICATE_CLUSTER);
}
