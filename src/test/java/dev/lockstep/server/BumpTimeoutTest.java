package dev.lockstep.server;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.lockstep.bump.BumpService;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A scheduled bump that overruns {@code lockstep.bump.timeout} (GitHub answers the releases after 6
 * s, the timeout is 2 s, a tick every 3 s): the run is counted failed with the reason, the next
 * tick is skipped while it is still going, and when its answer finally comes it writes nothing.
 */
@QuarkusTest
@TestProfile(BumpTimeoutTest.Profile.class)
class BumpTimeoutTest {
  /** The peers of {@link BumpUpstream} with slow releases, and a 2 s timeout. */
  public static class Profile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(
          new TestResourceEntry(BumpUpstream.class, Map.of("releases-delay-ms", "6000")));
    }

    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("lockstep.bump.timeout", "PT2S");
    }
  }

  @Inject BumpJob job;

  @Test
  void anOverrunningRunIsFailedSkipsTheNextTickAndWritesNothing() throws Exception {
    BumpService.Run first = BumpServeTest.await(job::lastRun);
    assertThat(first.ok()).isFalse();
    assertThat(first.clusters()).isEmpty();
    assertThat(first.problem())
        .isEqualTo(
            "did not finish within PT2S (lockstep.bump.timeout); stopped before its next write");

    // The releases arrive 6 s after the run began; by then two more ticks have come.
    Instant until = first.at().plus(Duration.ofSeconds(9));
    while (Instant.now().isBefore(until)) {
      Thread.sleep(100);
    }
    WireMock github = BumpUpstream.github();
    assertThat(github.find(anyRequestedFor(anyUrl())))
        .as("only the releases were read: no pull request listed or opened")
        .allSatisfy(r -> assertThat(r.getUrl()).isEqualTo(BumpUpstream.RELEASES));
    Process branches =
        new ProcessBuilder(
                "git", "--git-dir", BumpUpstream.upstream(), "branch", "--list", "lockstep/*")
            .redirectErrorStream(true)
            .start();
    assertThat(new String(branches.getInputStream().readAllBytes())).isEmpty();
    assertThat(BumpUpstream.log())
        .contains(
            "the previous bump is still running (past lockstep.bump.timeout): this one skipped");
  }
}
