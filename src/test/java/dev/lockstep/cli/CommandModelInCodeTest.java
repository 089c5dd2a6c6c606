package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The command-line model stays declared in code: no class of {@code dev.lockstep.cli} carries a
 * picocli annotation ({@code @Command}, {@code @Option}, {@code @Parameters}, {@code @Mixin},
 * {@code @Spec}, {@code @ArgGroup}...), on itself, its fields, methods or parameters. Reading
 * annotations is what made a short run slow; one annotated class would bring it back.
 */
class CommandModelInCodeTest {

  @Test
  void noClassOfTheCliCarriesAPicocliAnnotation() throws Exception {
    Set<String> annotated = new TreeSet<>();
    for (Class<?> c : cliClasses()) {
      String simple = c.getName().substring("dev.lockstep.cli.".length());
      if (!picocliAnnotations(c).isEmpty()) {
        annotated.add(simple + " " + picocliAnnotations(c));
      }
    }
    assertThat(annotated).as("classes of dev.lockstep.cli with picocli annotations").isEmpty();
  }

  @Test
  void theCheckSeesAnnotations() throws Exception {
    assertThat(picocliAnnotations(CommandLineAnnotated.class))
        .containsExactly("@Command on the class", "@Option on field value");
  }

  @picocli.CommandLine.Command(name = "annotated")
  static final class CommandLineAnnotated {
    @picocli.CommandLine.Option(names = "--value")
    String value;
  }

  /** Every class compiled from src/main/java/dev/lockstep/cli, nested ones included. */
  static List<Class<?>> cliClasses() throws IOException, URISyntaxException {
    Path root = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path folder = root.resolve("dev/lockstep/cli");
    List<Class<?>> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
        String name = "dev.lockstep.cli." + f.getFileName().toString().replace(".class", "");
        try {
          out.add(Class.forName(name, false, Main.class.getClassLoader()));
        } catch (ClassNotFoundException e) {
          throw new AssertionError("cannot load " + name, e);
        }
      }
    }
    assertThat(out).as("classes under " + folder).hasSizeGreaterThan(20);
    return out;
  }

  /** Where {@code c} carries picocli annotations, e.g. "@Option on field format". */
  static List<String> picocliAnnotations(Class<?> c) {
    List<String> out = new ArrayList<>();
    add(out, c, "the class");
    for (var f : c.getDeclaredFields()) {
      add(out, f, "field " + f.getName());
    }
    List<Executable> executables = new ArrayList<>(List.of(c.getDeclaredMethods()));
    executables.addAll(List.of(c.getDeclaredConstructors()));
    for (Executable e : executables) {
      add(out, e, "method " + e.getName());
      for (Parameter p : e.getParameters()) {
        add(out, p, "a parameter of " + e.getName());
      }
    }
    return out;
  }

  private static void add(List<String> out, AnnotatedElement element, String where) {
    for (Annotation a : element.getDeclaredAnnotations()) {
      if (a.annotationType().getName().startsWith("picocli.")) {
        out.add("@" + a.annotationType().getSimpleName() + " on " + where);
      }
    }
  }
}
