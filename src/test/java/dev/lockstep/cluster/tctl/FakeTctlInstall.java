package dev.lockstep.cluster.tctl;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Writes a {@code tctl} shell wrapper that runs {@link FakeTctl} in a fresh JVM over a state
 * directory.
 */
public final class FakeTctlInstall {
  private FakeTctlInstall() {}

  /**
   * Creates {@code bin/tctl} under {@code dir} and returns its path; the fake keeps its state in
   * {@code state}.
   */
  public static Path install(Path dir, Path state) throws IOException {
    Files.createDirectories(state);
    Path bin = Files.createDirectories(dir.resolve("bin"));
    String classpath =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(
                e ->
                    e.contains("test-classes")
                        || e.contains("jackson-core")
                        || e.contains("jackson-databind")
                        || e.contains("jackson-annotations"))
            .collect(Collectors.joining(File.pathSeparator));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String script =
        "#!/bin/sh\n"
            + "exec '"
            + java
            + "' -Xshare:auto -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k -Xmx64m"
            + " -Dfake.tctl.state='"
            + state
            + "' -cp '"
            + classpath
            + "' "
            + FakeTctl.class.getName()
            + " \"$@\"\n";
    Path tctl = bin.resolve("tctl");
    Files.writeString(tctl, script);
    Files.setPosixFilePermissions(tctl, PosixFilePermissions.fromString("rwxr-xr-x"));
    return tctl;
  }
}
