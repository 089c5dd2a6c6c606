package dev.lockstep.cli;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * A fresh copy of this checkout's tracked files, as a new user gets from {@code git clone}, whose
 * own {@code ./lockstep} launcher runs as a process. A Maven build inside a test would take
 * minutes, so the launcher finds a build already in place: {@code target/quarkus-app/app/} holds a
 * jar of the classes under test and {@code lib/main/} links to the test class path's jars, with
 * {@code quarkus-run.jar} newer than the sources. Everything else (the launcher script, its
 * class-data-sharing archive, the working directory, the environment) is real.
 */
final class Checkout {
  private static final String[] GITHUB_VARIABLES = {
    "GITHUB_ACTIONS", "GITHUB_BASE_REF", "GITHUB_HEAD_REF", "GITHUB_EVENT_NAME", "GITHUB_ENV",
    "GITHUB_OUTPUT", "GITHUB_PATH", "GITHUB_STEP_SUMMARY", "GITHUB_WORKSPACE", "RUNNER_TEMP"
  };

  final Path root;

  private Checkout(Path root) {
    this.root = root;
  }

  /** What a process printed and how it ended. */
  record Result(int code, String out, String err) {
    String all() {
      return out + err;
    }
  }

  /** Copies the tracked files of the project under {@code dir}/lockstep and installs the build. */
  static Checkout create(Path dir) throws IOException, InterruptedException {
    Path project = Path.of("").toAbsolutePath();
    Path root = Files.createDirectories(dir.resolve("lockstep"));
    Result files = exec(project, Map.of(), List.of("git", "ls-files", "-z"));
    if (files.code() != 0) {
      throw new IOException("git ls-files failed: " + files.err());
    }
    for (String f : files.out().split("\0")) {
      Path from = project.resolve(f);
      if (f.isEmpty() || !Files.exists(from)) {
        continue; // deleted in the working tree, not yet committed
      }
      Path to = root.resolve(f);
      Files.createDirectories(to.getParent());
      Files.copy(
          from,
          to,
          java.nio.file.LinkOption.NOFOLLOW_LINKS,
          java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
    }
    installBuild(project, root.resolve("target/quarkus-app"));
    return new Checkout(root);
  }

  private static void installBuild(Path project, Path app) throws IOException {
    Path lib = Files.createDirectories(app.resolve("lib/main"));
    Files.createDirectories(app.resolve("lib/boot"));
    Path appDir = Files.createDirectories(app.resolve("app"));
    jar(project.resolve("target/classes"), appDir.resolve("lockstep.jar"));
    int i = 0;
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path p = Path.of(entry);
      if (entry.endsWith(".jar") && Files.isRegularFile(p)) {
        // a numbered link per entry: two jars of the same name from different groups both stay
        Files.createSymbolicLink(
            lib.resolve(String.format("%03d-%s", i++, p.getFileName())), p.toAbsolutePath());
      }
    }
    // written after the sources were copied (with their own times), so the launcher does not
    // rebuild; not in the future, so its class-data archive, made later, counts as current
    Files.writeString(app.resolve("quarkus-run.jar"), "not a Quarkus build");
  }

  private static void jar(Path classes, Path jar) throws IOException {
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream j = new JarOutputStream(out);
        Stream<Path> files = Files.walk(classes)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        j.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
        Files.copy(f, j);
        j.closeEntry();
      }
    }
  }

  /**
   * Runs a shell command line in {@code folder} (relative to the checkout, or absolute) with the
   * checkout on {@code PATH}, so {@code lockstep} and {@code ../lockstep} both reach its launcher.
   * The environment is this process's without any GitHub Actions variables, plus {@code env}.
   */
  Result shell(Path folder, Map<String, String> env, String commandLine)
      throws IOException, InterruptedException {
    Map<String, String> all = new HashMap<>(env);
    all.putIfAbsent("PATH", root + File.pathSeparator + System.getenv("PATH"));
    // the shell GitHub Actions runs `run:` steps with on Linux
    return exec(
        root.resolve(folder),
        all,
        List.of("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", commandLine));
  }

  /** Runs the launcher in {@code folder} (relative to the checkout) with these arguments. */
  Result lockstep(String folder, String... args) throws IOException, InterruptedException {
    return lockstep(Map.of(), folder, args);
  }

  /** Runs the launcher with these environment variables added. */
  Result lockstep(Map<String, String> env, String folder, String... args)
      throws IOException, InterruptedException {
    List<String> argv = new ArrayList<>(List.of(root.resolve("lockstep").toString()));
    argv.addAll(List.of(args));
    return exec(root.resolve(folder), env, argv);
  }

  /** Runs a process with a bounded wait; output is read from files, so it never blocks. */
  static Result exec(Path folder, Map<String, String> env, List<String> argv)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("lockstep-out", ".txt");
    Path err = Files.createTempFile("lockstep-err", ".txt");
    try {
      ProcessBuilder pb =
          new ProcessBuilder(argv)
              .directory(folder.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      for (String v : GITHUB_VARIABLES) {
        pb.environment().remove(v);
      }
      pb.environment().putAll(env);
      Process p = pb.start();
      if (!p.waitFor(180, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new IOException("timed out after 180 s: " + argv);
      }
      return new Result(
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
