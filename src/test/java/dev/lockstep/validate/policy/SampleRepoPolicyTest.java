package dev.lockstep.validate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.finding.Findings;
import dev.lockstep.parse.DirectoryTree;
import dev.lockstep.parse.ParseResult;
import dev.lockstep.parse.RepositoryParser;
import dev.lockstep.validate.ValidationContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The example repository, read by the real parser, passes the recommended pack. */
class SampleRepoPolicyTest {

  @Test
  void sampleRepoPassesTheRecommendedPack() throws IOException {
    ParseResult parsed =
        new RepositoryParser()
            .parse(new DirectoryTree(Path.of("sample-repo"), "sample-repo/", "working tree"));
    assertThat(parsed.state().clusters()).isNotEmpty();
    PolicyDirectory pack =
        PolicyDirectory.read(new DirectoryTree(Path.of("policies"), "policies/", "working tree"));
    LoadedPolicies policies = new PolicyEngine().load(pack.policies());
    Findings findings =
        policies.evaluate(parsed.state(), Optional.empty(), ValidationContext.OFFLINE);
    assertThat(findings.items()).isEmpty();
  }
}
