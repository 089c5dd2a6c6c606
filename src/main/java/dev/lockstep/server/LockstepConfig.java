package dev.lockstep.server;

import dev.lockstep.bump.BumpService;
import dev.lockstep.cluster.TargetKind;
import dev.lockstep.forge.Platform;
import dev.lockstep.notify.NotifySettings;
import dev.lockstep.source.StatusSettings;
import dev.lockstep.source.VerifyMode;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Configuration of {@code lockstep serve}. Every key is also an environment variable as Quarkus
 * maps them ({@code lockstep.git.url} = {@code LOCKSTEP_GIT_URL}); the Helm chart's values mirror
 * this tree. Secrets are always read from files ({@code *-file} keys, mounted from Kubernetes
 * Secrets), except {@code git.token}/{@code git.password} which may also come from the environment.
 * The javadoc of each accessor is its documentation: docs/configuration.md's table is generated
 * from it.
 */
@ConfigMapping(prefix = "lockstep")
public interface LockstepConfig {

  /**
   * Folder for Lockstep's own data: Git object store, the embedded default repository, file target
   * output, {@code last-known.yaml} (what a restart continues from).
   */
  @WithDefault(".lockstep")
  Path dataDir();

  /**
   * The cluster of the repository this instance reconciles (a folder under clusters/); required
   * when the repository has several.
   */
  Optional<String> cluster();

  /** Where the desired state comes from. */
  Git git();

  /** Where the resources are applied. */
  Target target();

  /** The Teleport Proxy, read for the live control-plane version and what each group is told. */
  Proxy proxy();

  /** The status document committed back to Git. */
  Status status();

  /** The reconcile loop. */
  Reconcile reconcile();

  /** Incoming webhooks that trigger a reconcile. */
  Webhook webhook();

  /** The HTTP API. */
  Api api();

  /** Release-channel hosting. */
  Channels channels();

  /** Leader election between replicas (Kubernetes Lease). */
  LeaderElection leaderElection();

  /** Scheduled version bumps, as {@code lockstep bump} makes them (leader only). */
  Bump bump();

  /** Notifications: several sinks at once, each with its own filter of events. */
  @WithName("notify")
  Notify notifications();

  /** Git source settings. */
  interface Git {
    /**
     * Clone URL: https://, ssh://, git@host:path, git://, file:// or a local path. Unset: the
     * bundled sample repository (embedded default).
     */
    Optional<String> url();

    /** Branch, tag or commit to follow. */
    @WithDefault("main")
    String ref();

    /** Folder inside the repository that holds the Lockstep layout. */
    @WithDefault(".")
    String path();

    /** Poll period. */
    @WithDefault("PT1M")
    Duration interval();

    /** Timeout of every network operation. */
    @WithDefault("PT30S")
    Duration timeout();

    /**
     * HTTPS user name (with {@code password} or {@code password-file}); a token alone needs none.
     */
    Optional<String> username();

    /** HTTPS token (e.g. from LOCKSTEP_GIT_TOKEN); prefer {@code token-file}. */
    Optional<String> token();

    /** File holding the HTTPS token. */
    Optional<Path> tokenFile();

    /** HTTPS password (e.g. from LOCKSTEP_GIT_PASSWORD); prefer {@code password-file}. */
    Optional<String> password();

    /** File holding the HTTPS password. */
    Optional<Path> passwordFile();

    /** PEM bundle of certificate authorities trusted for HTTPS. */
    Optional<Path> caFile();

    /** SSH private key file. */
    Optional<Path> sshKeyFile();

    /** File holding the SSH key's passphrase. */
    Optional<Path> sshKeyPassphraseFile();

    /** known_hosts file; required for SSH (no trust on first use). */
    Optional<Path> knownHostsFile();

    /** Commit signature verification: {@code none} or {@code head}. */
    @WithDefault("none")
    VerifyMode verify();

    /** Folder of trusted OpenPGP public keys ({@code *.asc}). */
    Optional<Path> trustedKeysDir();

    /** allowed_signers file of trusted SSH signing keys. */
    Optional<Path> allowedSignersFile();
  }

  /** Cluster target settings. */
  interface Target {
    /** {@code file}, {@code kubernetes} or {@code tctl}. */
    @WithDefault("file")
    TargetKind kind();

    /** file target: output folder (default: {@code <data-dir>/applied}). */
    Optional<Path> dir();

    /**
     * kubernetes target: namespace of the Teleport operator resources (default: the pod's
     * namespace).
     */
    Optional<String> namespace();

    /** kubernetes target: how long to wait for the operator's SuccessfullyReconciled condition. */
    @WithDefault("PT60S")
    Duration operatorTimeout();

    /** tctl target: the tctl binary. */
    @WithDefault("tctl")
    String tctlPath();

    /** tctl target: {@code --auth-server} (Auth or Proxy address). */
    Optional<String> authServer();

    /** tctl target: {@code --identity} file (a Machine ID / bot identity). */
    Optional<Path> identityFile();

    /** tctl target: timeout of one tctl call. */
    @WithDefault("PT30S")
    Duration tctlTimeout();
  }

  /** Teleport Proxy settings. */
  interface Proxy {
    /**
     * Proxy address of the cluster this instance serves ({@code host:port} or https URL); default:
     * its {@code spec.proxy}. Other clusters are only ever read from their own {@code spec.proxy}.
     */
    Optional<String> url();

    /** PEM bundle of certificate authorities trusted for the Proxy. */
    Optional<Path> caFile();

    /** Timeout of one request. */
    @WithDefault("PT10S")
    Duration timeout();
  }

  /** Status write-back settings. */
  interface Status {
    /**
     * {@code branch} (a separate status branch), {@code source-branch} (the followed branch,
     * commits marked [skip ci]) or {@code off}.
     */
    @WithDefault("branch")
    StatusSettings.Mode mode();

    /** Branch for {@code mode=branch}. */
    @WithDefault("lockstep/status")
    String branch();

    /** Path of the status file; {@code {cluster}} is replaced by the cluster name. */
    @WithDefault("status/{cluster}.yaml")
    String path();

    /** Commit author name. */
    @WithDefault("Lockstep")
    String authorName();

    /** Commit author e-mail. */
    @WithDefault("lockstep@localhost")
    String authorEmail();

    /** Commit message; {@code {cluster}}, {@code {revision}} and {@code {reason}} are replaced. */
    @WithDefault("lockstep: {cluster} {reason} at {revision}")
    String message();
  }

  /** Reconcile loop settings. */
  interface Reconcile {
    /** Re-apply live drift every interval. */
    @WithDefault("true")
    boolean selfHeal();

    /** Delete cluster resources that were removed from Git. */
    @WithDefault("false")
    boolean prune();

    /** Start suspended: read Git and report, write nothing to the cluster. */
    @WithDefault("false")
    boolean suspend();

    /** Random delay added to each scheduled run, at most this long. */
    @WithDefault("PT5S")
    Duration jitter();

    /** Upper bound of the retry backoff after transient failures. */
    @WithDefault("PT5M")
    Duration maxBackoff();

    /**
     * At shutdown, how long a reconcile in progress may take to finish; after that it is abandoned
     * with no further cluster or status write (keep it below the pod's termination grace period).
     */
    @WithDefault("PT20S")
    Duration shutdownGrace();
  }

  /** Webhook settings; a webhook is enabled when its secret file is set. */
  interface Webhook {
    /** GitHub webhook secret file ({@code X-Hub-Signature-256}). */
    Optional<Path> githubSecretFile();

    /** GitLab webhook token file ({@code X-Gitlab-Token}). */
    Optional<Path> gitlabTokenFile();

    /** Generic HMAC-SHA256 secret file ({@code X-Signature: sha256=...}). */
    Optional<Path> hmacSecretFile();

    /** Largest accepted payload in bytes. */
    @WithDefault("1048576")
    int maxPayloadBytes();

    /**
     * Signed deliveries that ask for a run, per minute, all endpoints together (failed attempts
     * have their own budget per source address and never spend this one).
     */
    @WithDefault("60")
    int ratePerMinute();
  }

  /** HTTP API settings. */
  interface Api {
    /**
     * File holding the bearer token for the write endpoints (reconcile, suspend, resume); unset
     * disables them.
     */
    Optional<Path> tokenFile();

    /**
     * File holding the bearer token for reads: when set, {@code /api/status}, {@code /api/plan} and
     * the pages need {@code Authorization: Bearer} with this token (or the write token); the
     * release channels stay public. Unset: reads are open.
     */
    Optional<Path> readTokenFile();
  }

  /** Release-channel hosting settings. */
  interface Channels {
    /** Serve {@code /channels/...} and Teleport's Proxy-style channel paths. */
    @WithDefault("true")
    boolean enabled();

    /**
     * Serve versions with a leading {@code v} ({@code v17.5.2}), as Teleport's version servers do.
     */
    @WithDefault("true")
    boolean versionPrefix();

    /** {@code Cache-Control: max-age} in seconds (the updaters cache for 60 s). */
    @WithDefault("60")
    int maxAgeSeconds();

    /**
     * A folder laid out as {@code lockstep export-channels} writes it ({@code <channel>/version},
     * {@code <channel>/critical}), served from start-up until the first revision is published: a
     * warm start before Git is reachable, and the benchmark's fixture. Unset: 503 until then.
     */
    Optional<Path> preloadDir();

    /**
     * TLS implementation of the HTTPS listener: {@code auto} uses OpenSSL (BoringSSL, bundled for
     * Linux x86-64 and arm64) when its native library loads, else the JDK's; {@code openssl}
     * refuses to start without it; {@code jdk} always uses the JDK's. OpenSSL serves 1.3 to 1.7
     * times the HTTPS requests of JDK 17's engine on the same cores (bench/README.md).
     */
    @WithDefault("auto")
    TlsEngine.Setting tlsEngine();
  }

  /** Leader election settings. */
  interface LeaderElection {
    /** Elect a leader with a Kubernetes Lease; only the leader reconciles and writes. */
    @WithDefault("false")
    boolean enabled();

    /** Name of the Lease. */
    @WithDefault("lockstep")
    String leaseName();

    /** Namespace of the Lease (default: the pod's namespace). */
    Optional<String> namespace();

    /** Lease duration. */
    @WithDefault("PT15S")
    Duration leaseDuration();

    /** How long the leader keeps trying to renew before giving up. */
    @WithDefault("PT10S")
    Duration renewDeadline();

    /** Retry period of the elector. */
    @WithDefault("PT2S")
    Duration retryPeriod();
  }

  /**
   * Scheduled bump settings: every {@code interval} (or on {@code cron}) the leader proposes, per
   * cluster, the newest Teleport version it can safely run, as {@code lockstep bump --deliver
   * branch|pr} does, pushing through the {@code lockstep.git.*} credentials.
   */
  interface Bump {
    /** Run bumps on a schedule (only the leader runs them). */
    @WithDefault("false")
    boolean enabled();

    /**
     * Period between runs (the first runs one period after start-up); ignored with {@code cron}.
     */
    @WithDefault("PT6H")
    Duration interval();

    /** Quartz cron expression instead of {@code interval}, e.g. {@code 0 0 7 ? * MON-FRI}. */
    Optional<String> cron();

    /** Longest a run may take; a longer one is stopped before its next write and counted failed. */
    @WithDefault("PT10M")
    Duration timeout();

    /** The clusters to bump, comma-separated (default: every cluster of the repository). */
    Optional<List<String>> clusters();

    /** {@code branch} (push {@code lockstep/bump/<cluster>/<version>}) or {@code pull-request}. */
    @WithDefault("pull-request")
    BumpService.Delivery delivery();

    /** Where pull requests are opened: {@code github}, {@code gitlab} or {@code gitea}. */
    @WithDefault("github")
    Platform platform();

    /**
     * The platform's API (default: https://api.github.com, https://gitlab.com/api/v4; required for
     * Gitea, e.g. https://gitea.example.com/api/v1).
     */
    Optional<URI> apiUrl();

    /** The repository on the platform, {@code owner/name} (default: from {@code git.url}). */
    Optional<String> repository();

    /** File holding the platform token; required for {@code pull-request} delivery. */
    Optional<Path> tokenFile();

    /**
     * The branch proposals are made against (default: {@code git.ref}); pushes go to the same
     * repository with the same credentials as the status.
     */
    Optional<String> baseBranch();

    /** A JSON file of GitHub's releases shape to read instead of the API (air-gapped sites). */
    Optional<Path> releasesFile();

    /** GitHub API Teleport's releases are read from. */
    @WithDefault("https://api.github.com")
    URI releasesApi();

    /** File holding a GitHub token for reading the releases (higher rate limits). */
    Optional<Path> releasesTokenFile();

    /** Version server asked for {@code follow: cloud-stable}. */
    @WithDefault("https://updates.releases.teleport.dev")
    URI versionServer();
  }

  /**
   * Notification settings (docs/notifications.md): the queue and retries every sink shares, and the
   * sinks by name. A sink's secrets (token, webhook URL, signing key) come from files only.
   */
  interface Notify {
    /** Events waiting per sink; a full queue drops its oldest event. */
    @WithDefault("100")
    int queueCapacity();

    /** Tries of one event (429, 5xx, no answer); refusals are not retried. */
    @WithDefault("5")
    int attempts();

    /** Wait before the second try, doubled before each later one. */
    @WithDefault("PT1S")
    Duration backoff();

    /** The longest wait between tries. */
    @WithDefault("PT1M")
    Duration maxBackoff();

    /** Timeout of one request to a sink. */
    @WithDefault("PT10S")
    Duration timeout();

    /** The sinks, by name (lower-case letters and digits, e.g. {@code team}). */
    Map<String, NotifySink> sinks();
  }

  /** One notification sink, {@code lockstep.notify.sinks.<name>.*}. */
  interface NotifySink {
    /**
     * {@code slack} (bot token, one thread per rollout), {@code slack-webhook}, {@code teams},
     * {@code webhook} (JSON signed with HMAC-SHA256), {@code commit-status} or {@code
     * plan-comment}.
     */
    NotifySettings.Type type();

    /** The events it receives, comma-separated, e.g. {@code applied,halted}; unset: every event. */
    Optional<List<String>> events();

    /** slack: the channel to post to, e.g. {@code #rollouts}. */
    Optional<String> channel();

    /**
     * slack: Slack's Web API (default https://slack.com/api); commit-status and plan-comment: the
     * platform's API (default: the platform's public API; required for Gitea).
     */
    Optional<URI> api();

    /** webhook: where events are POSTed. */
    Optional<URI> url();

    /** slack: file holding the bot token; commit-status and plan-comment: the platform token. */
    Optional<Path> tokenFile();

    /** slack-webhook and teams: file holding the webhook URL (whoever has it can post). */
    Optional<Path> urlFile();

    /** webhook: file holding the HMAC-SHA256 signing key. */
    Optional<Path> secretFile();

    /** commit-status and plan-comment: {@code github}, {@code gitlab} or {@code gitea}. */
    @WithDefault("github")
    Platform platform();

    /**
     * commit-status and plan-comment: the repository, {@code owner/name} (default: from {@code
     * git.url}).
     */
    Optional<String> repository();

    /** commit-status: statuses are named {@code <context>/<cluster>}. */
    @WithDefault("lockstep")
    String context();

    /** commit-status: the link each status carries, e.g. the dashboard. */
    Optional<URI> targetUrl();
  }
}
