package dev.lockstep.validate.policy;

import dev.lockstep.finding.Finding;
import dev.lockstep.finding.Findings;
import dev.lockstep.model.Resource;
import dev.lockstep.model.ResourceKind;
import dev.lockstep.model.SourceLocation;
import dev.lockstep.model.SourceTree;
import dev.lockstep.parse.ParseRules;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A folder of policies ({@code --policies DIR}, {@code lockstep policy test DIR}): the {@code
 * lockstep_policy} documents of its {@code *.yaml} files and the test files ({@code *_test.yaml})
 * beside them. Other kinds of document are ignored; README and other files too.
 *
 * @param policies the policy documents, with positions
 * @param tests the documents of the {@code *_test.yaml} files
 * @param findings YAML errors and unreadable files
 */
public record PolicyDirectory(
    List<Resource> policies, List<YamlDocument> tests, Findings findings) {

  /** Largest file read; policies are small (the same bound as the repository parser's). */
  static final long MAX_FILE_BYTES = 1 << 20;

  public PolicyDirectory {
    policies = List.copyOf(policies);
    tests = List.copyOf(tests);
  }

  /** True for a file holding policy test cases. */
  public static boolean isTestFile(String path) {
    return dev.lockstep.parse.RepositoryParser.isPolicyTestFile(path);
  }

  /**
   * Reads every YAML file of the tree. Never throws for bad content: unreadable or invalid files
   * become {@code parse/...} findings.
   *
   * @throws IOException when the tree itself cannot be listed
   */
  public static PolicyDirectory read(SourceTree tree) throws IOException {
    List<Resource> policies = new ArrayList<>();
    List<YamlDocument> tests = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    for (String path : tree.paths()) {
      if (!(path.endsWith(".yaml") || path.endsWith(".yml"))) {
        continue;
      }
      if (tree.size(path) > MAX_FILE_BYTES) {
        findings.add(
            Finding.of(
                ParseRules.FILE_TOO_LARGE, "larger than 1 MiB", SourceLocation.ofFile(path), ""));
        continue;
      }
      String text;
      try {
        text =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .decode(java.nio.ByteBuffer.wrap(tree.read(path)))
                .toString();
      } catch (CharacterCodingException e) {
        findings.add(
            Finding.of(ParseRules.ENCODING, "not UTF-8 text", SourceLocation.ofFile(path), ""));
        continue;
      }
      PolicyYaml.Result result = PolicyYaml.read(path, text);
      findings.addAll(result.findings());
      if (isTestFile(path)) {
        tests.addAll(result.documents());
        continue;
      }
      for (YamlDocument doc : result.documents()) {
        if (ResourceKind.LOCKSTEP_POLICY.kind().equals(doc.kind())) {
          doc.toResource().ifPresent(policies::add);
        }
      }
    }
    return new PolicyDirectory(policies, tests, Findings.of(findings));
  }
}
