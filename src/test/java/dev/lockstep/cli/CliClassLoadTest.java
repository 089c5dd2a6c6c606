package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a short command line sets up, seen from the classes a fresh JVM loads for it: a run pays
 * only for the libraries its arguments need (CEL for policies, JGit for a Git base), since their
 * set-up is most of a start-up otherwise.
 */
class CliClassLoadTest {

  @TempDir Path work;

  /** A command line and the class-name prefixes its run must and must not load. */
  record Row(
      List<String> jvmOptions,
      List<String> args,
      List<String> loads,
      List<String> neverLoads,
      boolean groovyOnClassPath) {
    Row(List<String> jvmOptions, List<String> args, List<String> loads, List<String> neverLoads) {
      this(jvmOptions, args, loads, neverLoads, false);
    }
  }

  static Stream<Arguments> rows() {
    return Stream.of(
        row(
            "validate without policies sets up no CEL, no Git and no Jackson",
            new Row(
                List.of(),
                List.of("validate", "sample-repo"),
                List.of("dev.lockstep.cli.ValidateCommand "),
                List.of("dev.cel.", "org.eclipse.jgit.", "com.fasterxml.jackson."))),
        row(
            "with the runtime's logging configured (the release archive), no logging is set up",
            new Row(
                List.of("-D" + Main.LOGGING_CONFIGURED + "=true"),
                List.of("validate", "sample-repo"),
                List.of("dev.lockstep.cli.ValidateCommand "),
                List.of("java.util.logging.", "org.jboss.logmanager."))),
        row(
            "--version builds no subcommand's model",
            new Row(
                List.of(),
                List.of("--version"),
                List.of("dev.lockstep.cli.BuildInfo "),
                List.of("dev.lockstep.cli.ValidateCommand ", "dev.lockstep.cli.BumpCommand "))),
        row(
            "picocli never looks for Groovy closures, even with Groovy on the class path",
            new Row(
                List.of("-D" + Main.LOGGING_CONFIGURED + "=true"),
                List.of("validate", "sample-repo"),
                List.of("dev.lockstep.cli.ValidateCommand "),
                List.of("groovy."),
                true)),
        row(
            "without it, JGit's and fabric8's logging is kept to errors up front",
            new Row(
                List.of(),
                List.of("validate", "sample-repo"),
                List.of("java.util.logging.LogManager "),
                List.of())),
        row(
            "validate reads no annotations: its command-line model is built in code",
            new Row(
                List.of("-D" + Main.LOGGING_CONFIGURED + "=true"),
                List.of("validate", "sample-repo"),
                List.of("dev.lockstep.cli.CommandModel "),
                List.of(
                    "jdk.proxy",
                    "com.sun.proxy",
                    // CommandReflection itself loads: picocli's constructor asks it for the spec,
                    // and it hands back the one given; what reflection builds never loads
                    "picocli.CommandLine$Model$TypedMember ",
                    "picocli.CommandLine$Model$FieldBinding ",
                    "picocli.CommandLine$AutoHelpMixin "))),
        row(
            "validate with policies sets CEL up",
            new Row(
                List.of(),
                List.of("validate", "sample-repo", "--policies", "policies"),
                List.of("dev.cel.runtime."),
                List.of("org.eclipse.jgit."))),
        row(
            "plan without policies sets up no CEL",
            new Row(
                List.of(),
                List.of(
                    "plan", "sample-repo", "--cluster", "prod", "--from", "2026-01-05T00:00:00Z"),
                List.of("dev.lockstep.cli.PlanCommand "),
                List.of("dev.cel.", "org.eclipse.jgit."))));
  }

  static Arguments row(String name, Row row) {
    return Arguments.of(Named.of(name, row));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void loadsOnlyWhatItsArgumentsNeed(Row row) throws IOException, InterruptedException {
    Path log = work.resolve("classes.log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xshare:off"); // every class in the log, whatever an archive holds
    command.add("-Xlog:class+load=info:file=" + log);
    command.addAll(row.jvmOptions());
    command.add("-cp");
    command.add(row.groovyOnClassPath() ? withGroovy() : mainClassPath());
    command.add(Main.class.getName());
    command.addAll(row.args());
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("out.txt").toFile())
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("finished within 60 s").isTrue();
    String out = Files.readString(work.resolve("out.txt"));
    assertThat(p.exitValue()).as(out).isLessThanOrEqualTo(ExitCodes.FINDINGS);
    List<String> loaded;
    try (Stream<String> lines = Files.lines(log)) {
      // "[0.057s][info][class,load] java.lang.Object source: jrt:/java.base" -> "java.lang.Object "
      loaded =
          lines
              .map(l -> l.substring(l.lastIndexOf("] ") + 2))
              .map(l -> l.substring(0, l.indexOf(' ') + 1))
              .toList();
    }
    for (String prefix : row.loads()) {
      assertThat(loaded).as("loads %s", prefix).anyMatch(c -> c.startsWith(prefix));
    }
    for (String prefix : row.neverLoads()) {
      assertThat(loaded.stream().filter(c -> c.startsWith(prefix)).limit(5))
          .as("never loads %s", prefix)
          .isEmpty();
    }
  }

  /**
   * The test JVM's class path without the test classes and Groovy (a test library): picocli's
   * factory goes Groovy-aware, and loads java.util.logging, when Groovy is on the class path.
   */
  static String withGroovy() {
    String groovy =
        Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(e -> e.contains("groovy"))
            .collect(Collectors.joining(File.pathSeparator));
    assertThat(groovy).as("Groovy on the test class path").isNotEmpty();
    return mainClassPath() + File.pathSeparator + groovy;
  }

  static String mainClassPath() {
    return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(e -> !e.contains("test-classes") && !e.contains("groovy"))
        .collect(Collectors.joining(File.pathSeparator));
  }
}
