package dev.lockstep.server;

import dev.lockstep.bump.BumpInputs;
import dev.lockstep.bump.BumpService;
import dev.lockstep.cluster.KubernetesSettings;
import dev.lockstep.cluster.TargetKind;
import dev.lockstep.cluster.TctlSettings;
import dev.lockstep.forge.ForgeSettings;
import dev.lockstep.forge.Platform;
import dev.lockstep.notify.NotifySettings;
import dev.lockstep.reconcile.EmbeddedRepository;
import dev.lockstep.reconcile.ReconcileSettings;
import dev.lockstep.source.GitAuth;
import dev.lockstep.source.GitSettings;
import dev.lockstep.source.Secret;
import dev.lockstep.source.StatusSettings;
import dev.lockstep.source.TrustedKeys;
import dev.lockstep.source.VerifyMode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link LockstepConfig} turned into the core's settings records: the one place that reads the
 * configuration tree for the reconcile loop. Pure: reads no file and opens nothing (the embedded
 * repository's folder is named here and created by the service).
 *
 * @param dataDir the absolute data folder
 * @param embedded true when no {@code lockstep.git.url} is set: the bundled sample repository
 * @param sourceDescription the source for the start-up log line, without credentials
 * @param git the repository
 * @param status where the status goes
 * @param reconcile the loop's settings
 * @param target the target's settings
 * @param notifications the notification sinks ({@code lockstep.notify.*})
 */
public record ServeSettings(
    Path dataDir,
    boolean embedded,
    String sourceDescription,
    GitSettings git,
    StatusSettings status,
    ReconcileSettings reconcile,
    TargetSettings target,
    NotifySettings notifications) {

  /** The cluster reconciled from the embedded sample repository, which holds prod and staging. */
  public static final String EMBEDDED_CLUSTER = "prod";

  /**
   * The target's settings; the Kubernetes namespace falls back to the client's at start-up.
   *
   * @param kind which target
   * @param fileDir file target: the output folder
   * @param namespace kubernetes target: the namespace, when configured
   * @param operatorTimeout kubernetes target: how long to wait for the operator
   * @param tctl tctl target: how to run tctl
   */
  public record TargetSettings(
      TargetKind kind,
      Path fileDir,
      Optional<String> namespace,
      Duration operatorTimeout,
      TctlSettings tctl) {

    /** The Kubernetes target's settings, in {@code fallbackNamespace} when none is configured. */
    public KubernetesSettings kubernetes(String fallbackNamespace) {
      return new KubernetesSettings(
          namespace.orElse(fallbackNamespace),
          operatorTimeout,
          Duration.ofMillis(500),
          Duration.ofSeconds(1));
    }
  }

  /**
   * Reads the configuration.
   *
   * @param env the process environment (token and password given as variables)
   * @throws ConfigProblem for a combination of values that cannot work, naming the key
   */
  public static ServeSettings from(LockstepConfig config, Map<String, String> env) {
    Path dataDir = config.dataDir().toAbsolutePath();
    boolean embedded = config.git().url().isEmpty();
    String url;
    String ref;
    String description;
    if (embedded) {
      Path repo = EmbeddedRepository.folder(dataDir);
      url = repo.toString();
      ref = "main";
      description = "the embedded sample repository " + repo + " (no lockstep.git.url set)";
    } else {
      url = config.git().url().get();
      ref = config.git().ref();
      description = url.replaceAll("//[^/@]*@", "//");
    }
    GitSettings git = git(config.git(), url, ref, dataDir.resolve("git-cache"), env);
    TargetKind kind = config.target().kind();
    Optional<String> cluster =
        config.cluster().or(() -> embedded ? Optional.of(EMBEDDED_CLUSTER) : Optional.empty());
    ReconcileSettings reconcile =
        new ReconcileSettings(
            cluster,
            kind,
            config.reconcile().selfHeal(),
            config.reconcile().prune(),
            config.reconcile().suspend(),
            Duration.ofSeconds(1),
            config.reconcile().maxBackoff(),
            config.git().verify() != VerifyMode.NONE);
    LockstepConfig.Target t = config.target();
    TargetSettings target =
        new TargetSettings(
            kind,
            t.dir().orElse(dataDir.resolve("applied")).toAbsolutePath(),
            t.namespace(),
            t.operatorTimeout(),
            new TctlSettings(
                t.tctlPath(), t.authServer(), t.identityFile(), Optional.empty(), t.tctlTimeout()));
    NotifySettings notify = NotifyConfig.settings(config.notifications(), config.git().url(), env);
    return new ServeSettings(
        dataDir, embedded, description, git, status(config.status()), reconcile, target, notify);
  }

  /**
   * The scheduled bump's settings.
   *
   * @param service what each run does
   * @param base the repository at the branch proposals are made against, in its own mirror
   * @param status the repository at the status branch, when status files are not on {@code base}
   * @param forge the platform, for pull-request delivery
   * @param interval the period between runs, unless {@code cron} is set
   * @param cron a Quartz cron expression, if set
   * @param timeout the longest a run may take
   */
  public record BumpSettings(
      BumpService.Settings service,
      GitSettings base,
      Optional<GitSettings> status,
      Optional<ForgeSettings> forge,
      Duration interval,
      Optional<String> cron,
      Duration timeout) {}

  /**
   * The scheduled bump's settings, empty when {@code lockstep.bump.enabled} is false. Pushes use
   * the {@code lockstep.git.*} credentials; the platform token is read from {@code
   * lockstep.bump.token-file} at every request, never from a property.
   *
   * @throws ConfigProblem for a combination of values that cannot work, naming the key
   */
  public static Optional<BumpSettings> bump(LockstepConfig config, Map<String, String> env) {
    LockstepConfig.Bump b = config.bump();
    if (!b.enabled()) {
      return Optional.empty();
    }
    ServeSettings serve = from(config, env);
    if (serve.embedded()) {
      throw new ConfigProblem(
          "lockstep.bump.enabled",
          "needs lockstep.git.url: bumps are pushed to the repository serve follows, not to the"
              + " bundled sample");
    }
    if (b.interval().isNegative() || b.interval().isZero()) {
      throw new ConfigProblem(
          "lockstep.bump.interval",
          "is " + b.interval() + ": it must be longer than zero, e.g. PT6H");
    }
    String baseBranch = b.baseBranch().orElse(config.git().ref());
    GitSettings base = serve.git().withMirror(baseBranch, serve.dataDir().resolve("bump-git"));
    StatusSettings statusFiles = serve.status();
    String statusBranch =
        statusFiles.mode() == StatusSettings.Mode.BRANCH
            ? statusFiles.branch()
            : config.git().ref();
    Optional<GitSettings> status =
        statusBranch.equals(baseBranch)
            ? Optional.empty()
            : Optional.of(
                serve.git().withMirror(statusBranch, serve.dataDir().resolve("bump-status-git")));
    Optional<ForgeSettings> forge = Optional.empty();
    if (b.delivery() == BumpService.Delivery.PULL_REQUEST) {
      forge = Optional.of(forge(b, config.git().url().orElseThrow(), env));
    }
    BumpInputs.Feed feed =
        new BumpInputs.Feed(
            b.releasesFile().map(Path::toString).orElse("github"),
            b.releasesApi(),
            b.releasesTokenFile().map(Secret::file),
            env,
            Optional.of(serve.dataDir().resolve("bump-releases")),
            b.versionServer());
    return Optional.of(
        new BumpSettings(
            new BumpService.Settings(
                config.git().path(),
                b.clusters().orElse(List.of()),
                feed,
                b.delivery(),
                statusFiles.pathTemplate(),
                statusFiles.authorName(),
                statusFiles.authorEmail()),
            base,
            status,
            forge,
            b.interval(),
            b.cron().filter(c -> !c.isBlank()),
            b.timeout()));
  }

  private static ForgeSettings forge(
      LockstepConfig.Bump b, String gitUrl, Map<String, String> env) {
    Platform platform = b.platform();
    URI api =
        b.apiUrl()
            .or(platform::defaultApi)
            .orElseThrow(
                () ->
                    new ConfigProblem(
                        "lockstep.bump.api-url",
                        "is required with lockstep.bump.platform=gitea, e.g."
                            + " https://gitea.example.com/api/v1"));
    String repository =
        b.repository()
            .or(() -> ForgeSettings.repositoryOf(gitUrl))
            .orElseThrow(
                () ->
                    new ConfigProblem(
                        "lockstep.bump.repository",
                        "cannot be told from lockstep.git.url; set it to owner/name"));
    Path token =
        b.tokenFile()
            .orElseThrow(
                () ->
                    new ConfigProblem(
                        "lockstep.bump.token-file",
                        "is required with lockstep.bump.delivery=pull-request: set it to a file"
                            + " holding the "
                            + platform.display()
                            + " token (a mounted Secret)"));
    try {
      return ForgeSettings.of(platform, api, repository, Optional.of(Secret.file(token)), env);
    } catch (IllegalArgumentException e) {
      throw new ConfigProblem("lockstep.bump.api-url", "is " + api + ": " + e.getMessage());
    }
  }

  /** The status settings for one run: {@code {reason}} in the message is the run's Ready reason. */
  public static StatusSettings withReason(StatusSettings s, String reason) {
    return new StatusSettings(
        s.mode(),
        s.branch(),
        s.pathTemplate(),
        s.authorName(),
        s.authorEmail(),
        s.messageTemplate().replace("{reason}", reason),
        s.sshSigningKey(),
        s.maxAttempts(),
        s.backoff());
  }

  private static GitSettings git(
      LockstepConfig.Git g, String url, String ref, Path cache, Map<String, String> env) {
    GitAuth auth = new GitAuth.None();
    if (g.sshKeyFile().isPresent()) {
      Path knownHosts =
          g.knownHostsFile()
              .orElseThrow(
                  () ->
                      new ConfigProblem(
                          "lockstep.git.known-hosts-file",
                          "is required with lockstep.git.ssh-key-file: Lockstep never trusts an"
                              + " SSH host key on first use; set it to a known_hosts file listing"
                              + " the server's key"));
      auth =
          new GitAuth.Ssh(
              g.sshKeyFile().get(), g.sshKeyPassphraseFile().map(Secret::file), knownHosts);
    } else if (g.tokenFile().isPresent() || g.token().isPresent()) {
      Secret token = g.tokenFile().map(Secret::file).orElse(Secret.env("LOCKSTEP_GIT_TOKEN"));
      auth = new GitAuth.Http(g.username().orElse("x-access-token"), token);
    } else if (g.passwordFile().isPresent() || g.password().isPresent()) {
      Secret password =
          g.passwordFile().map(Secret::file).orElse(Secret.env("LOCKSTEP_GIT_PASSWORD"));
      auth = new GitAuth.Http(g.username().orElse("git"), password);
    }
    Map<String, String> environment = new HashMap<>(env);
    // a token given as a property rather than in the environment
    g.token().ifPresent(t -> environment.put("LOCKSTEP_GIT_TOKEN", t));
    g.password().ifPresent(p -> environment.put("LOCKSTEP_GIT_PASSWORD", p));
    return GitSettings.of(url, ref, cache)
        .withAuth(auth)
        .withTimeout(g.timeout())
        .withVerify(g.verify(), new TrustedKeys(g.trustedKeysDir(), g.allowedSignersFile()))
        .withHttps(g.caFile(), GitSettings.proxyFrom(env))
        .withEnvironment(environment);
  }

  private static StatusSettings status(LockstepConfig.Status s) {
    StatusSettings.Mode mode = s.mode();
    boolean onSource = mode == StatusSettings.Mode.SOURCE_BRANCH;
    String path =
        onSource && s.path().equals(StatusSettings.DEFAULT_PATH)
            ? StatusSettings.DEFAULT_SOURCE_BRANCH_PATH
            : s.path();
    String message = onSource ? s.message() + " " + StatusSettings.SKIP_CI : s.message();
    try {
      return new StatusSettings(
          mode,
          s.branch(),
          path,
          s.authorName(),
          s.authorEmail(),
          message,
          Optional.empty(),
          5,
          Duration.ofMillis(200));
    } catch (IllegalArgumentException e) {
      throw new ConfigProblem(
          "lockstep.status.path",
          "is \""
              + s.path()
              + "\": it must be a path inside the repository (no leading / or ..) containing"
              + " {cluster}, e.g. status/{cluster}.yaml");
    }
  }
}
