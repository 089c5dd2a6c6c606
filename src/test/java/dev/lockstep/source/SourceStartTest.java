package dev.lockstep.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What opening the Git source costs serve's start-up, seen from the classes a fresh JVM loads:
 * BouncyCastle (its provider registers hundreds of algorithms, from signed jars) is loaded only
 * when a commit signature is checked, not for every source.
 */
class SourceStartTest {
  @TempDir Path tmp;

  @Test
  void openingASourceWithoutSignedCommitsLoadsNothingOfBouncyCastle() throws Exception {
    Path log = tmp.resolve("classes.log");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:off",
                "-Xlog:class+load=info:file=" + log,
                "-cp",
                System.getProperty("java.class.path"),
                OpenGitSource.class.getName(),
                tmp.resolve("mirror").toString())
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("out.txt").toFile())
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("finished within 60 s").isTrue();
    String out = Files.readString(tmp.resolve("out.txt"));
    assertThat(p.exitValue()).as(out).isZero();
    String loaded = Files.readString(log);
    assertThat(loaded).as("the source was opened").contains(" dev.lockstep.source.GitSource ");
    // nothing of BouncyCastle: its jars are signed, and the first class read from one has the JVM
    // check the jar's signature and digest its manifest
    assertThat(loaded)
        .doesNotContain("] org.bouncycastle.", " dev.lockstep.source.CommitVerifier ");
  }
}
