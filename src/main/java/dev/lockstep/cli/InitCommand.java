package dev.lockstep.cli;

import dev.lockstep.parse.LocalPath;
import dev.lockstep.scaffold.RepositoryFile;
import dev.lockstep.scaffold.RepositoryLayout;
import dev.lockstep.scaffold.RepositoryTemplate;
import dev.lockstep.scaffold.RepositoryWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lockstep init [DIR]}: writes a new repository ({@link RepositoryTemplate}): an example
 * cluster and its channel (or none with {@code --no-example}), the recommended policy pack, the
 * GitHub Actions workflow and a README. Exit 0 written, 2 a file it will not overwrite, 3 the
 * folder cannot be written. Touches no cluster.
 */
public final class InitCommand implements Callable<Integer> {

  LocalPath dir;
  boolean noExample;
  boolean force;
  CommandSpec spec;

  /**
   * {@code init}'s picocli model, bound to this command's fields, paths resolved by {@code paths}.
   */
  CommandSpec model(PathArgument paths) {
    spec =
        CommandModel.command(
            this,
            "init",
            "Create a repository: clusters/ with an example cluster, channels/, policies/ with the recommended pack, the GitHub workflow and a README.");
    spec.addPositional(
        CommandModel.folder(
            v -> dir = v,
            paths,
            "The folder to create the repository in (default: the current folder)."));
    spec.addOption(
        CommandModel.option("--no-example", boolean.class, v -> noExample = v)
            .description(
                "No example cluster or channel: clusters/ and channels/ hold only a README.")
            .build());
    spec.addOption(
        CommandModel.option("--force", boolean.class, v -> force = v)
            .description("Replace files that already exist.")
            .build());
    return CommandModel.withStandardHelp(spec);
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<RepositoryFile> files = RepositoryTemplate.files(!noExample);
    Optional<String> problem =
        RepositoryLayout.problem(dir.location(), dir.toString(), files, force);
    if (problem.isPresent()) {
      err.println("lockstep: " + problem.get());
      return ExitCodes.USAGE;
    }
    try {
      RepositoryWriter.write(dir.location(), files);
    } catch (IOException e) {
      err.println("lockstep: cannot write into " + dir + ": " + Options.reason(e));
      return ExitCodes.UNAVAILABLE;
    }
    files.forEach(f -> out.println("wrote " + dir.shownPrefix() + f.path()));
    out.println(
        "Created a Lockstep repository in "
            + dir
            + ". Next: lockstep validate "
            + dir
            + (noExample
                ? "; add a running cluster with lockstep import."
                : "; replace the example cluster prod with yours (lockstep import)."));
    out.flush();
    return ExitCodes.OK;
  }
}
