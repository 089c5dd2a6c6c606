package dev.lockstep.cli;

import dev.lockstep.bump.Bump;
import dev.lockstep.bump.BumpFormat;
import dev.lockstep.bump.BumpInputs;
import dev.lockstep.bump.BumpReport;
import dev.lockstep.bump.ClusterBump;
import dev.lockstep.bump.Delivered;
import dev.lockstep.bump.FileChange;
import dev.lockstep.bump.Outcome;
import dev.lockstep.bump.ProposalDelivery;
import dev.lockstep.bump.RevisionEditCheck;
import dev.lockstep.bump.VersionServer;
import dev.lockstep.check.CheckOptions;
import dev.lockstep.check.ClusterSelection;
import dev.lockstep.check.LiveVersions;
import dev.lockstep.check.RevisionCheck;
import dev.lockstep.finding.Findings;
import dev.lockstep.forge.Forge;
import dev.lockstep.forge.ForgeException;
import dev.lockstep.model.ClusterSource;
import dev.lockstep.model.DesiredState;
import dev.lockstep.model.NoSuchCluster;
import dev.lockstep.model.SourceTree;
import dev.lockstep.model.Version;
import dev.lockstep.parse.DirectoryTree;
import dev.lockstep.parse.LocalPath;
import dev.lockstep.parse.ParseResult;
import dev.lockstep.parse.RepositoryParser;
import dev.lockstep.source.BranchPublisher;
import dev.lockstep.source.GitSource;
import dev.lockstep.source.PollResult;
import dev.lockstep.source.Secret;
import dev.lockstep.source.SourceException;
import dev.lockstep.source.StatusSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lockstep bump PATH}: proposes, per cluster, the newest Teleport version it can safely run
 * (docs/bump.md), edits the YAML byte for byte, checks the edited revision, and prints it ({@code
 * --deliver none}), writes it ({@code --write}), pushes it as a branch ({@code --deliver branch})
 * or opens a pull request ({@code --deliver pr}). Exit 0 nothing to bump, 1 a bump proposed,
 * written or delivered, 2 usage or input error (or an edit that fails validation), 3 could not run
 * (feed, Git, platform or ceiling unreachable, or no ceiling known).
 */
public final class BumpCommand implements Callable<Integer> {

  /** Delivery modes of {@code --deliver}. */
  enum Deliver {
    NONE,
    BRANCH,
    PR
  }

  LocalPath typedPath;

  /** Where PATH is on disk (relative paths resolved against the working directory). */
  private Path path;

  List<String> clusters = new ArrayList<>();
  String releases;
  Instant now;
  String authVersion;
  final LiveOptions live = new LiveOptions();
  boolean write;
  String deliver;
  String format;
  Path output;
  final DeliveryOptions delivery = new DeliveryOptions();
  URI githubApi;
  String githubTokenEnv;
  Path githubTokenFile;
  Path releasesCache;
  URI versionServer;
  String statusRef;
  String statusPath;
  CommandSpec spec;

  /**
   * {@code bump}'s picocli model, bound to this command's fields, paths resolved by {@code paths}.
   */
  CommandSpec model(PathArgument paths) {
    spec =
        CommandModel.command(
            this,
            "bump",
            "Propose, per cluster, the newest Teleport version it can safely run: never above the control plane, one major at a time, after a soak. Exit 0 nothing to bump, 1 proposed/written/delivered, 2 usage or input error, 3 could not run.");
    spec.usageMessage().sortOptions(false);
    spec.addPositional(
        CommandModel.positional(0, LocalPath.class, v -> typedPath = v)
            .paramLabel("PATH")
            .converters(paths)
            .description("The repository folder.")
            .build());
    spec.addOption(
        CommandModel.list("--cluster", String.class, v -> clusters = v)
            .paramLabel("NAME")
            .description("A cluster to bump (repeatable; default: every cluster).")
            .build());
    spec.addOption(
        CommandModel.option("--releases", v -> releases = v)
            .paramLabel("github|FILE")
            .defaultValue("github")
            .description(
                "Where releases come from: GitHub's releases API (default), or a JSON file of the same"
                    + " shape (air-gapped sites).")
            .build());
    spec.addOption(
        CommandModel.option("--now", Instant.class, v -> now = v)
            .paramLabel("ISO-8601")
            .converters(new PlanCommand.InstantConverter())
            .description("The time of the decision (default: now).")
            .build());
    spec.addOption(
        CommandModel.option("--auth-version", v -> authVersion = v)
            .paramLabel("VERSION")
            .description("The control plane's version, for every cluster (instead of --live).")
            .build());
    live.addTo(spec);
    spec.addOption(
        CommandModel.option("--write", boolean.class, v -> write = v)
            .description("Write the edits into PATH's files.")
            .build());
    spec.addOption(
        CommandModel.option("--deliver", v -> deliver = v)
            .paramLabel("MODE")
            .defaultValue("none")
            .description("none (print), branch (push lockstep/bump/<cluster>/<version>) or pr.")
            .build());
    spec.addOption(
        CommandModel.option("--format", v -> format = v)
            .paramLabel("FORMAT")
            .defaultValue("text")
            .description("text, json or markdown (default: ${DEFAULT-VALUE}).")
            .build());
    spec.addOption(
        CommandModel.output(
            v -> output = v, "Write the report to FILE instead of standard output."));
    delivery.addTo(spec);
    spec.addOption(
        CommandModel.option("--github-api", URI.class, v -> githubApi = v)
            .paramLabel("URL")
            .defaultValue("https://api.github.com")
            .description("GitHub API to read Teleport's releases from (default: ${DEFAULT-VALUE}).")
            .build());
    spec.addOption(
        CommandModel.option("--github-token-env", v -> githubTokenEnv = v)
            .paramLabel("VAR")
            .description(
                "Environment variable with a GitHub token for the releases (higher limits).")
            .build());
    spec.addOption(
        CommandModel.option("--github-token-file", Path.class, v -> githubTokenFile = v)
            .paramLabel("FILE")
            .description("File with a GitHub token for the releases (higher limits).")
            .build());
    spec.addOption(
        CommandModel.option("--releases-cache", Path.class, v -> releasesCache = v)
            .paramLabel("DIR")
            .description("Keep release pages with their ETags here between runs (answers 304).")
            .build());
    spec.addOption(
        CommandModel.option("--version-server", URI.class, v -> versionServer = v)
            .paramLabel("URL")
            .description(
                "Version server for follow: cloud-stable (default: https://updates.releases.teleport.dev).")
            .build());
    spec.addOption(
        CommandModel.option("--status-ref", v -> statusRef = v)
            .paramLabel("REF")
            .defaultValue(StatusSettings.DEFAULT_BRANCH)
            .description(
                "Where promote_from reads status files, in the Git repository holding PATH (then"
                    + " origin/REF; default: ${DEFAULT-VALUE}).")
            .build());
    spec.addOption(
        CommandModel.option("--status-path", v -> statusPath = v)
            .paramLabel("TEMPLATE")
            .defaultValue(StatusSettings.DEFAULT_PATH)
            .description("The status file of a cluster on that ref (default: ${DEFAULT-VALUE}).")
            .build());
    return CommandModel.withStandardHelp(spec);
  }

  /** The process environment, for tokens named by variable; tests replace it. */
  Map<String, String> environment = System.getenv();

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    BumpFormat outputFormat = parseFormat();
    Deliver mode = parseDeliver();
    Optional<Version> flag = Options.version(spec, "--auth-version", authVersion);
    if (mode == Deliver.PR) {
      delivery.platform(spec);
    }
    if (flag.isPresent() && live.live) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--live and --auth-version exclude each other");
    }
    path = typedPath.location();
    if (!Files.isDirectory(path)) {
      err.println("lockstep bump: " + typedPath + " is not a repository folder");
      return ExitCodes.USAGE;
    }
    Instant at = now != null ? now : Instant.now();
    Path cache = null;
    try (Checkout checkout = checkout(mode)) {
      cache = checkout.cache;
      ParseResult parsed = new RepositoryParser().parse(checkout.tree, checkout.folder);
      DesiredState state = parsed.state();
      for (String c : clusters) {
        try {
          state.select(Optional.of(c), typedPath.toString(), "--cluster NAME");
        } catch (NoSuchCluster e) {
          err.println("lockstep bump: " + e.getMessage());
          return ExitCodes.USAGE;
        }
      }
      List<ClusterSource> selected = Bump.selected(state, clusters);
      Map<String, Version> liveVersions;
      try {
        liveVersions = live.read(spec, selected);
      } catch (LiveVersions.Unreachable e) {
        err.println("lockstep bump: " + e.getMessage());
        return ExitCodes.UNAVAILABLE;
      }
      Findings findings =
          new RevisionCheck(new CheckOptions(flag, List.of(), Optional.empty()))
              .check(parsed, Optional.empty(), ClusterSelection.all(), liveVersions)
              .findings();
      if (findings.hasErrors()) {
        findings.stream().forEach(spec.commandLine().getOut()::println);
        err.println("lockstep bump: the repository has errors; fix them before bumping");
        return ExitCodes.USAGE;
      }
      BumpReport report =
          Bump.propose(
              BumpInputs.request(
                  checkout.tree,
                  checkout.folder,
                  state,
                  clusters,
                  liveVersions,
                  flag,
                  new BumpInputs.Feed(
                      releases,
                      githubApi,
                      githubToken(),
                      environment,
                      Optional.ofNullable(releasesCache),
                      versionServer != null ? versionServer : VersionServer.DEFAULT),
                  BumpInputs.localStatus(path, statusRef),
                  statusPath,
                  at),
              new RevisionEditCheck());
      Map<String, Delivered> delivered = new LinkedHashMap<>();
      int deliveryExit = deliverAll(report, mode, checkout, at, delivered);
      Options.emit(spec, output, outputFormat.render(report, delivered));
      for (ClusterBump b : report.clusters()) {
        if (b.outcome() == Outcome.CANNOT_RUN) {
          err.println("lockstep bump: " + b.cluster() + ": " + b.decision().reason());
        }
      }
      return Math.max(deliveryExit, exitCode(report.outcome()));
    } catch (BumpInputs.Failure e) {
      err.println("lockstep bump: " + e.getMessage());
      return e.kind() == BumpInputs.Failure.Kind.BAD_INPUT
          ? ExitCodes.USAGE
          : ExitCodes.UNAVAILABLE;
    } catch (SourceException e) {
      err.println("lockstep bump: " + e.getMessage());
      return ExitCodes.UNAVAILABLE;
    } finally {
      deleteQuietly(cache);
    }
  }

  static int exitCode(Outcome o) {
    return switch (o) {
      case NOTHING -> ExitCodes.OK;
      case PROPOSED -> ExitCodes.FINDINGS;
      case REFUSED -> ExitCodes.USAGE;
      case CANNOT_RUN -> ExitCodes.UNAVAILABLE;
    };
  }

  /** The revision a run reads: PATH's folder, or the remote base branch for branch and pr. */
  private static final class Checkout implements AutoCloseable {
    final SourceTree tree;
    final String folder;
    final GitSource source;
    final String baseCommit;
    final Path cache;

    Checkout(SourceTree tree, String folder, GitSource source, String baseCommit, Path cache) {
      this.tree = tree;
      this.folder = folder;
      this.source = source;
      this.baseCommit = baseCommit;
      this.cache = cache;
    }

    @Override
    public void close() {
      if (source != null) {
        source.close();
      }
    }
  }

  private Checkout checkout(Deliver mode) throws SourceException, IOException {
    if (mode == Deliver.NONE) {
      String prefix = typedPath.shownPrefix();
      return new Checkout(new DirectoryTree(path, prefix, "working tree"), prefix, null, "", null);
    }
    DeliveryOptions.Remote remote = delivery.remote(spec, typedPath);
    String url = remote.url();
    String folder = remote.folder();
    Path cache = Files.createTempDirectory("lockstep-bump");
    GitSource source = new GitSource(delivery.git(spec, url, cache, environment));
    try {
      PollResult polled = source.poll();
      return new Checkout(
          source.tree(polled.revision()), folder, source, polled.revision().commit(), cache);
    } catch (SourceException e) {
      source.close();
      deleteQuietly(cache);
      throw e;
    }
  }

  private int deliverAll(
      BumpReport report,
      Deliver mode,
      Checkout checkout,
      Instant at,
      Map<String, Delivered> delivered) {
    PrintWriter err = spec.commandLine().getErr();
    List<ClusterBump> proposed =
        report.clusters().stream().filter(b -> b.outcome() == Outcome.PROPOSED).toList();
    if (proposed.isEmpty()) {
      return ExitCodes.OK;
    }
    if (write) {
      try {
        for (ClusterBump b : proposed) {
          delivered.put(b.cluster(), Delivered.written(writeFiles(checkout.folder, b.files())));
        }
      } catch (IOException e) {
        err.println("lockstep bump: cannot write the files: " + e.getMessage());
        return ExitCodes.UNAVAILABLE;
      }
      return ExitCodes.OK;
    }
    if (mode == Deliver.NONE) {
      return ExitCodes.OK;
    }
    String[] author = delivery.author(spec);
    ProposalDelivery deliveries =
        new ProposalDelivery(
            new BranchPublisher(checkout.source, author[0], author[1]),
            delivery.baseBranch,
            checkout.baseCommit,
            at);
    Forge forge =
        mode == Deliver.PR ? Forge.of(delivery.forge(spec, gitUrl(checkout), environment)) : null;
    for (ClusterBump b : proposed) {
      try {
        delivered.put(
            b.cluster(),
            mode == Deliver.PR ? deliveries.pullRequest(b, forge) : deliveries.branch(b));
      } catch (SourceException | ForgeException e) {
        err.println("lockstep bump: " + b.cluster() + ": " + e.getMessage());
        return ExitCodes.UNAVAILABLE;
      }
    }
    return ExitCodes.OK;
  }

  private String gitUrl(Checkout checkout) {
    return checkout.source.displayUrl();
  }

  /** Writes the changed files under PATH; true when any byte changed. */
  private boolean writeFiles(String prefix, List<FileChange> files) throws IOException {
    boolean changed = false;
    for (FileChange f : files) {
      Path target = path.resolve(f.path().substring(prefix.length())).normalize();
      if (!target.startsWith(path.normalize())) {
        throw new IOException("refusing to write outside " + path + ": " + f.path());
      }
      if (!java.util.Arrays.equals(Files.readAllBytes(target), f.afterBytes())) {
        Files.write(target, f.afterBytes());
        changed = true;
      }
    }
    return changed;
  }

  private Optional<Secret> githubToken() {
    if (githubTokenEnv != null && githubTokenFile != null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--github-token-env and --github-token-file exclude each other");
    }
    if (githubTokenFile != null) {
      return Optional.of(Secret.file(githubTokenFile));
    }
    return Optional.ofNullable(githubTokenEnv).map(Secret::env);
  }

  private BumpFormat parseFormat() {
    try {
      return BumpFormat.parse(format);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--format: " + e.getMessage());
    }
  }

  private Deliver parseDeliver() {
    Deliver mode;
    try {
      mode = Deliver.valueOf(deliver.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--deliver: unknown mode \"" + deliver + "\" (expected none, branch or pr)");
    }
    if (write && mode != Deliver.NONE) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--write edits the working tree; it excludes --deliver " + deliver);
    }
    return mode;
  }

  static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary mirror left behind costs disk space only
    }
  }
}
