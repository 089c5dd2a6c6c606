package dev.lockstep.bump;

import dev.lockstep.check.CheckOptions;
import dev.lockstep.check.ClusterSelection;
import dev.lockstep.check.RevisionCheck;
import dev.lockstep.finding.Findings;
import dev.lockstep.forge.Forge;
import dev.lockstep.forge.ForgeException;
import dev.lockstep.forge.ForgeSettings;
import dev.lockstep.model.ClusterSource;
import dev.lockstep.model.DesiredState;
import dev.lockstep.model.Version;
import dev.lockstep.parse.ParseResult;
import dev.lockstep.parse.RepositoryParser;
import dev.lockstep.source.BranchPublisher;
import dev.lockstep.source.FileHistory;
import dev.lockstep.source.GitSettings;
import dev.lockstep.source.GitSource;
import dev.lockstep.source.GitTree;
import dev.lockstep.source.PollResult;
import dev.lockstep.source.Revision;
import dev.lockstep.source.SourceException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * One bump run as {@code serve} makes it on its schedule: fetches the base branch through the
 * repository's transports and credentials, parses and validates it, decides, edits and checks like
 * {@code lockstep bump} ({@link BumpInputs}, {@link Bump#propose}, {@link RevisionEditCheck}), and
 * delivers each proposal as a branch or a pull request ({@link ProposalDelivery}). A failure of an
 * input or a peer never escapes: the returned {@link Run} says which cluster failed and why, in
 * words that never hold a token. Not thread-safe: the caller runs one at a time.
 */
public final class BumpService implements AutoCloseable {

  /** How a proposal is delivered. */
  public enum Delivery {
    /** Push {@code lockstep/bump/<cluster>/<version>}. */
    BRANCH,
    /** Push the branch and open or update its pull request. */
    PULL_REQUEST
  }

  /** What a run came to for one cluster. */
  public enum Result {
    /** A version was proposed and delivered (or its delivery was already up to date). */
    PROPOSED,
    /** No newer release exists within reach: nothing to do. */
    UP_TO_DATE,
    /** Newer releases exist but none may be proposed yet (soak, ceiling, promotion, validation). */
    BLOCKED,
    /** The run could not decide or deliver (an unreachable peer, repository errors). */
    FAILED;

    /** The name in metrics and the API: {@code up-to-date}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /**
   * What the service is asked to do.
   *
   * @param folder the Lockstep layout's folder in the repository ("" or "." at the root)
   * @param clusters the clusters to bump; empty for all
   * @param feed where releases and Teleport Cloud's versions come from
   * @param delivery branch or pull request
   * @param statusPath the status file of a cluster ({@code {cluster}} replaced), for promotion
   * @param authorName author and committer of bump commits
   * @param authorEmail their e-mail
   */
  public record Settings(
      String folder,
      List<String> clusters,
      BumpInputs.Feed feed,
      Delivery delivery,
      String statusPath,
      String authorName,
      String authorEmail) {
    public Settings {
      Objects.requireNonNull(folder, "folder");
      clusters = List.copyOf(clusters);
      Objects.requireNonNull(feed, "feed");
      Objects.requireNonNull(delivery, "delivery");
      Objects.requireNonNull(statusPath, "statusPath");
      Objects.requireNonNull(authorName, "authorName");
      Objects.requireNonNull(authorEmail, "authorEmail");
    }
  }

  /**
   * One cluster's part of a run.
   *
   * @param cluster the cluster's name
   * @param result what it came to
   * @param current its agents' target before the run, if any
   * @param proposed the version proposed, when one was
   * @param reason one sentence: why
   * @param delivered where the proposal went, when it was delivered
   */
  public record ClusterResult(
      String cluster,
      Result result,
      Optional<Version> current,
      Optional<Version> proposed,
      String reason,
      Optional<Delivered> delivered) {
    public ClusterResult {
      Objects.requireNonNull(cluster, "cluster");
      Objects.requireNonNull(result, "result");
      Objects.requireNonNull(current, "current");
      Objects.requireNonNull(proposed, "proposed");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(delivered, "delivered");
    }

    static ClusterResult failed(String cluster, String reason) {
      return new ClusterResult(
          cluster, Result.FAILED, Optional.empty(), Optional.empty(), reason, Optional.empty());
    }
  }

  /**
   * A finished run.
   *
   * @param at when it started
   * @param revision the base commit it read, "" when it could not read one
   * @param clusters one result per cluster, by name; empty when the repository could not be read
   * @param problem why the whole run failed, or ""
   */
  public record Run(Instant at, String revision, List<ClusterResult> clusters, String problem) {
    public Run {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(revision, "revision");
      clusters = List.copyOf(clusters);
      Objects.requireNonNull(problem, "problem");
    }

    /** True when neither the run nor any cluster failed. */
    public boolean ok() {
      return problem.isEmpty() && clusters.stream().noneMatch(c -> c.result() == Result.FAILED);
    }

    /** How many pull requests (or branches) this run created. */
    public long opened() {
      return clusters.stream()
          .flatMap(c -> c.delivered().stream())
          .filter(d -> d.action().equals("created"))
          .count();
    }
  }

  private final Settings settings;
  private final GitSource base;
  private final Optional<GitSource> status;
  private final Optional<Forge> forge;
  private final String baseBranch;

  /**
   * Opens the mirrors (no network yet).
   *
   * @param base the repository at the branch proposals are made against, with its credentials
   * @param status the repository at the branch holding status files, when it is not {@code base}'s
   *     branch; empty when status files are on the base branch
   * @param forge the platform, for pull-request delivery
   * @throws SourceException when a mirror cannot be opened
   */
  public BumpService(
      Settings settings,
      GitSettings base,
      Optional<GitSettings> status,
      Optional<ForgeSettings> forge)
      throws SourceException {
    this.settings = Objects.requireNonNull(settings, "settings");
    if (settings.delivery() == Delivery.PULL_REQUEST && forge.isEmpty()) {
      throw new IllegalArgumentException("pull-request delivery needs the platform's settings");
    }
    this.baseBranch = base.ref();
    this.base = new GitSource(base);
    try {
      this.status = status.isEmpty() ? Optional.empty() : Optional.of(new GitSource(status.get()));
    } catch (SourceException e) {
      this.base.close();
      throw e;
    }
    this.forge = forge.map(Forge::of);
  }

  /**
   * Runs once.
   *
   * @param now the time of the decision and of new commits
   * @param live the control-plane versions read from the clusters' Proxies (the ceilings)
   * @param mayWrite asked before each delivery: false stops the run from pushing or opening
   *     anything (this replica lost the lease, or the run overran its time)
   */
  public Run run(
      Instant now,
      Function<List<ClusterSource>, Map<String, Version>> live,
      BooleanSupplier mayWrite) {
    Revision revision;
    GitTree tree;
    try {
      revision = base.poll().revision();
      tree = base.tree(revision);
    } catch (SourceException e) {
      return new Run(now, "", List.of(), "cannot read " + baseBranch + ": " + e.getMessage());
    }
    ParseResult parsed = new RepositoryParser().parse(tree, settings.folder());
    DesiredState state = parsed.state();
    List<String> names =
        settings.clusters().isEmpty()
            ? state.clusters().stream().map(ClusterSource::name).toList()
            : settings.clusters();
    List<ClusterSource> selected = Bump.selected(state, settings.clusters());
    Map<String, Version> liveVersions = live.apply(selected);
    // the repository as every command checks it: parse, Teleport's rules, compatibility, policies
    Findings findings =
        new RevisionCheck(CheckOptions.NONE)
            .check(parsed, Optional.empty(), ClusterSelection.all(), liveVersions)
            .findings();
    if (findings.hasErrors()) {
      return everyCluster(
          now,
          revision,
          names,
          "the repository has errors at "
              + revision.commit()
              + " (lockstep validate lists them); nothing is proposed until they are fixed");
    }
    BumpReport report;
    try {
      report =
          Bump.propose(
              BumpInputs.request(
                  tree,
                  settings.folder(),
                  state,
                  settings.clusters(),
                  liveVersions,
                  Optional.empty(),
                  settings.feed(),
                  new LazyStatus(),
                  settings.statusPath(),
                  now),
              new RevisionEditCheck());
    } catch (BumpInputs.Failure | IOException e) {
      return everyCluster(now, revision, names, e.getMessage());
    }
    ProposalDelivery delivery =
        new ProposalDelivery(
            new BranchPublisher(base, settings.authorName(), settings.authorEmail()),
            baseBranch,
            revision.commit(),
            now);
    List<ClusterResult> out = new ArrayList<>();
    for (String name : names) {
      if (state.cluster(name).isEmpty()) {
        out.add(ClusterResult.failed(name, "no cluster " + name + " in the repository"));
      }
    }
    for (ClusterBump b : report.clusters()) {
      out.add(result(b, delivery, mayWrite));
    }
    return new Run(now, revision.commit(), out, "");
  }

  private ClusterResult result(ClusterBump b, ProposalDelivery delivery, BooleanSupplier mayWrite) {
    Decision d = b.decision();
    Result result =
        switch (b.outcome()) {
          case CANNOT_RUN -> Result.FAILED;
          case REFUSED -> Result.BLOCKED;
          case NOTHING -> d.candidates().isEmpty() ? Result.UP_TO_DATE : Result.BLOCKED;
          case PROPOSED -> Result.PROPOSED;
        };
    if (result != Result.PROPOSED) {
      return new ClusterResult(
          b.cluster(), result, d.current(), Optional.empty(), d.reason(), Optional.empty());
    }
    if (!mayWrite.getAsBoolean()) {
      return new ClusterResult(
          b.cluster(),
          Result.FAILED,
          d.current(),
          d.proposed(),
          "not delivered: this replica may not write any more (lost the lease, or the run overran"
              + " its timeout)",
          Optional.empty());
    }
    try {
      Delivered delivered =
          settings.delivery() == Delivery.PULL_REQUEST
              ? delivery.pullRequest(b, forge.orElseThrow())
              : delivery.branch(b);
      return new ClusterResult(
          b.cluster(),
          Result.PROPOSED,
          d.current(),
          d.proposed(),
          d.reason(),
          Optional.of(delivered));
    } catch (SourceException | ForgeException e) {
      return new ClusterResult(
          b.cluster(),
          Result.FAILED,
          d.current(),
          d.proposed(),
          "cannot deliver " + d.proposed().orElseThrow() + ": " + e.getMessage(),
          Optional.empty());
    }
  }

  private static Run everyCluster(
      Instant now, Revision revision, List<String> names, String reason) {
    return new Run(
        now,
        revision.commit(),
        names.stream().map(n -> ClusterResult.failed(n, reason)).toList(),
        "");
  }

  /**
   * Status histories from the status branch, fetched at the first question of a run (only when a
   * cluster is promoted from another); from the base branch when the status lives there.
   */
  private final class LazyStatus implements BumpInputs.StatusReader {
    private GitSource source;
    private Revision revision;

    @Override
    public List<FileHistory.Version> history(String file) throws SourceException {
      if (source == null) {
        GitSource s = status.orElse(base);
        PollResult polled;
        try {
          polled = s.poll();
        } catch (SourceException e) {
          if (e.reason() == SourceException.Reason.REF_NOT_FOUND) {
            return List.of(); // no status was ever written: nothing is done yet
          }
          throw e;
        }
        source = s;
        revision = polled.revision();
      }
      return source.fileHistory(revision, file, StatusFiles.HISTORY_LIMIT);
    }
  }

  @Override
  public void close() {
    base.close();
    status.ifPresent(GitSource::close);
  }
}
