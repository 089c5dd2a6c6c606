package dev.lockstep.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.lockstep.model.ClusterSource;
import dev.lockstep.model.Resource;
import java.util.Set;
import org.junit.jupiter.api.Tag;

/**
 * Arbitrary bytes as a cluster's YAML file, a policy file and a channel file: the parser must
 * answer with findings, never an exception. Without {@code JAZZER_FUZZ} this runs as a regression
 * test over the seeds in {@code ParserFuzzTestInputs/}; with {@code JAZZER_FUZZ=1} it fuzzes for up
 * to 45 s.
 */
@Tag("fuzz")
class ParserFuzzTest {
  private static final String YAML = "clusters/prod/fuzz.yaml";
  private static final String POLICY = "policies/fuzz.yaml";
  private static final String CHANNEL = "channels/stable/rolling/version";
  private static final Set<String> FILES = Set.of(YAML, POLICY, CHANNEL);

  private final RepositoryParser parser = new RepositoryParser();

  @FuzzTest(maxDuration = "45s")
  void parsesAnyBytesWithoutThrowing(byte[] data) {
    ParseResult result = parser.parse(MemoryTree.of(YAML, data, POLICY, data, CHANNEL, data));

    assertThat(result.findings().items())
        .allSatisfy(
            f -> {
              assertThat(FILES).contains(f.location().file());
              assertThat(f.message()).isNotBlank();
            });
    for (ClusterSource cluster : result.state().clusters()) {
      for (Resource r : cluster.resources()) {
        r.positions().keySet().forEach(path -> assertThat(r.locate(path).file()).isEqualTo(YAML));
        assertThat(r.wellFormed() || result.findings().hasErrors()).isTrue();
      }
    }
    assertThat(result.state().channel("stable/rolling")).isPresent();
  }
}
