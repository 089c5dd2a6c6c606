package dev.lockstep.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;

/**
 * What this build of Lockstep is: its version, the Git commit it was built from and when. The build
 * stamps them into {@code dev/lockstep/build-info.properties} (src/main/build/build-info.sh); a
 * build outside Git says so in {@link #commit()}.
 *
 * @param version the Maven version, or {@code dev} when run from an IDE without the build's file
 * @param commit the abbreviated commit, {@code (modified)} when the work tree had changes
 * @param date the build time, ISO-8601 UTC
 */
public record BuildInfo(String version, String commit, String date) {
  static final String RESOURCE = "/dev/lockstep/build-info.properties";
  static final String UNKNOWN = "unknown (no build information; run through Maven)";

  /** This build's information, read once from the class path; never null, never throws. */
  public static BuildInfo current() {
    return Holder.CURRENT;
  }

  /** Parses the stamped properties; absent keys read as unknown. */
  static BuildInfo from(Properties p) {
    return new BuildInfo(
        p.getProperty("version", "dev"),
        p.getProperty("commit", UNKNOWN),
        p.getProperty("date", UNKNOWN));
  }

  /** The lines {@code lockstep version} and {@code --version} print, Java runtime included. */
  public List<String> lines() {
    return List.of(
        "lockstep " + version,
        "commit:  " + commit,
        "built:   " + date,
        "java:    "
            + System.getProperty("java.runtime.version", "?")
            + " ("
            + System.getProperty("java.home", "?")
            + ")");
  }

  private static final class Holder {
    static final BuildInfo CURRENT = load();

    private static BuildInfo load() {
      Properties p = new Properties();
      try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
        if (in != null) {
          p.load(in);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return from(p);
    }
  }
}
