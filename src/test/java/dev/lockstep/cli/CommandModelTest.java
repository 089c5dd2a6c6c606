package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.parse.LocalPath;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What a model declared through {@link CommandModel} binds: each option's value reaches its field,
 * a repeatable option collects every occurrence, a field keeps its own initial value when the
 * option is absent, defaults apply, and a positional is required unless declared optional.
 */
class CommandModelTest {

  /** A command with one of each kind of declaration; its fields record what picocli set. */
  static final class Sample implements Callable<Integer> {
    LocalPath dir;
    String name;
    String mode;
    boolean force;
    List<String> tags = new ArrayList<>();
    Path output;

    CommandSpec model(PathArgument paths, boolean folderArgument) {
      CommandSpec spec = CommandModel.command(this, "sample", "A sample.");
      spec.addPositional(
          folderArgument
              ? CommandModel.folder(v -> dir = v, paths, "The folder.")
              : CommandModel.positional(0, LocalPath.class, v -> dir = v)
                  .paramLabel("PATH")
                  .converters(paths)
                  .build());
      spec.addOption(CommandModel.option("--name", v -> name = v).build());
      spec.addOption(CommandModel.option("--mode", v -> mode = v).defaultValue("text").build());
      spec.addOption(CommandModel.option("--force", boolean.class, v -> force = v).build());
      spec.addOption(CommandModel.list("--tag", String.class, v -> tags = v).build());
      spec.addOption(CommandModel.output(v -> output = v, "Where to write."));
      return CommandModel.withStandardHelp(spec);
    }

    @Override
    public Integer call() {
      return 0;
    }
  }

  /** Arguments, the exit code, and how the command's fields read after parsing (a prefix). */
  record Row(boolean folderArgument, List<String> args, int exit, String fields) {}

  static Stream<Arguments> rows() {
    return Stream.of(
        row(
            "every option reaches its field",
            new Row(
                false,
                List.of("repo", "--name", "n", "--mode", "json", "--force", "-o", "out.txt"),
                0,
                "dir=repo name=n mode=json force=true tags=[] output=out.txt")),
        row(
            "a repeatable option collects every occurrence in order",
            new Row(
                false,
                List.of("repo", "--tag", "a", "--tag", "b", "--tag", "c"),
                0,
                "dir=repo name=null mode=text force=false tags=[a, b, c] output=null")),
        row(
            "absent options leave the fields' own values; defaults apply",
            new Row(
                false,
                List.of("repo"),
                0,
                "dir=repo name=null mode=text force=false tags=[] output=null")),
        row(
            "a positional is required",
            new Row(false, List.of("--force"), ExitCodes.USAGE, "dir=null")),
        row(
            "the folder argument is optional and defaults to the current folder",
            new Row(true, List.of(), 0, "dir=. name=null mode=text force=false tags=[]")),
        row(
            "--output has its short name",
            new Row(
                true,
                List.of("--output", "x"),
                0,
                "dir=. name=null mode=text force=false tags=[] output=x")));
  }

  static Arguments row(String name, Row row) {
    return Arguments.of(Named.of(name, row));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void bindsWhatTheArgumentsSay(Row row) {
    Sample sample = new Sample();
    CommandLine cl = new CommandLine(sample.model(new PathArgument(), row.folderArgument()));
    cl.setErr(new PrintWriter(new StringWriter()));
    cl.setParameterExceptionHandler((e, args) -> ExitCodes.USAGE);
    int exit = cl.execute(row.args().toArray(String[]::new));
    assertThat(exit).isEqualTo(row.exit());
    String fields =
        "dir="
            + (sample.dir == null ? null : sample.dir.typed())
            + " name="
            + sample.name
            + " mode="
            + sample.mode
            + " force="
            + sample.force
            + " tags="
            + sample.tags
            + " output="
            + sample.output;
    assertThat(fields).startsWith(row.fields());
  }
}
