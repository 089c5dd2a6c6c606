package dev.lockstep.cli;

import dev.lockstep.edit.EditException;
import dev.lockstep.forge.Forge;
import dev.lockstep.forge.ForgeException;
import dev.lockstep.halt.GitResume;
import dev.lockstep.parse.LocalPath;
import dev.lockstep.source.BranchPublisher;
import dev.lockstep.source.GitSource;
import dev.lockstep.source.SourceException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lockstep resume PATH --cluster C}: opens (or updates) the pull request that sets the
 * cluster's {@code spec.agents.mode} back to {@code enabled}, quoting the evidence of the halt
 * commit that suspended it. Never merges and never writes the followed branch. Exit 0 with the pull
 * request's URL, 1 when the cluster is not suspended (nothing to resume), 2 usage or input error
 * (no such cluster, a mode that cannot be edited in place), 3 when Git or the platform cannot be
 * reached.
 */
public final class ResumeCommand implements Callable<Integer> {

  LocalPath typedPath;
  String cluster;
  Instant now;
  final DeliveryOptions delivery = new DeliveryOptions();
  CommandSpec spec;

  /**
   * {@code resume}'s picocli model, bound to this command's fields, paths resolved by {@code
   * paths}.
   */
  CommandSpec model(PathArgument paths) {
    spec =
        CommandModel.command(
            this,
            "resume",
            "Open the pull request that resumes a halted cluster (spec.agents.mode: enabled), quoting the halt's evidence. Exit 0 opened (prints its URL), 1 nothing is halted, 2 usage or input error, 3 could not run.");
    spec.usageMessage().sortOptions(false);
    spec.addPositional(
        CommandModel.positional(0, LocalPath.class, v -> typedPath = v)
            .paramLabel("PATH")
            .converters(paths)
            .description("A folder of a clone of the repository (its origin is pushed to).")
            .build());
    spec.addOption(
        CommandModel.option("--cluster", v -> cluster = v)
            .paramLabel("NAME")
            .required(true)
            .description("The cluster to resume.")
            .build());
    spec.addOption(
        CommandModel.option("--now", Instant.class, v -> now = v)
            .paramLabel("ISO-8601")
            .converters(new PlanCommand.InstantConverter())
            .description("The time of the commit (default: now).")
            .build());
    delivery.addTo(spec);
    return CommandModel.withStandardHelp(spec);
  }

  Map<String, String> environment = System.getenv();

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isDirectory(typedPath.location())) {
      err.println("lockstep resume: " + typedPath + " is not a folder");
      return ExitCodes.USAGE;
    }
    DeliveryOptions.Remote remote = delivery.remote(spec, typedPath);
    Forge forge = Forge.of(delivery.forge(spec, remote.url(), environment));
    String[] author = delivery.author(spec);
    Path cache = Files.createTempDirectory("lockstep-resume");
    GitResume.Proposal proposal;
    try (GitSource source = new GitSource(delivery.git(spec, remote.url(), cache, environment))) {
      proposal =
          new GitResume(
                  source,
                  new BranchPublisher(source, author[0], author[1]),
                  delivery.baseBranch,
                  forge)
              .propose(cluster, now == null ? Instant.now() : now);
    } catch (EditException e) {
      err.println("lockstep resume: " + e.getMessage());
      return ExitCodes.USAGE;
    } catch (SourceException | ForgeException e) {
      err.println("lockstep resume: " + e.getMessage());
      return ExitCodes.UNAVAILABLE;
    } finally {
      BumpCommand.deleteQuietly(cache);
    }
    if (proposal instanceof GitResume.Proposal.Opened opened) {
      out.println(opened.url());
      return ExitCodes.OK;
    }
    out.println(notHalted(((GitResume.Proposal.NotHalted) proposal).mode()));
    return ExitCodes.FINDINGS;
  }

  private String notHalted(String mode) {
    String where =
        "lockstep resume: "
            + cluster
            + " is not halted: its autoupdate_config on "
            + delivery.baseBranch
            + " sets spec.agents.mode to "
            + mode;
    return mode.equals("disabled")
        ? where
            + ", which a halt never sets (a halt suspends); nothing to resume. To turn its"
            + " updates on, change the mode to enabled in a reviewed pull request"
        : where + " already; nothing to resume";
  }
}
