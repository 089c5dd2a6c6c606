package dev.lockstep.cli;

import dev.lockstep.forge.ForgeSettings;
import dev.lockstep.forge.Platform;
import dev.lockstep.parse.LocalPath;
import dev.lockstep.source.GitAuth;
import dev.lockstep.source.GitSettings;
import dev.lockstep.source.LocalRevisions;
import dev.lockstep.source.Secret;
import dev.lockstep.source.SourceException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Where {@code lockstep bump --deliver branch|pr} pushes and opens pull requests: the Git remote,
 * its credentials, and the platform's API. Tokens are named by file or environment variable, never
 * given on the command line. {@code bump} and {@code resume} add them to their model ({@link
 * #addTo}).
 */
public final class DeliveryOptions {
  String gitUrl;
  String baseBranch;
  String gitUser;
  Path gitTokenFile;
  String gitTokenEnv;
  Path sshKey;
  Path knownHosts;
  String commitAuthor;
  String platform;
  String repository;
  URI apiUrl;
  Path tokenFile;
  String tokenEnv;

  /** Adds this group's options to {@code spec}, bound to this group. */
  void addTo(CommandSpec spec) {
    spec.addOption(
        CommandModel.option("--git-url", v -> gitUrl = v)
            .paramLabel("URL")
            .description(
                "The repository to push to (default: the origin remote of the repository holding PATH).")
            .build());
    spec.addOption(
        CommandModel.option("--base-branch", v -> baseBranch = v)
            .paramLabel("BRANCH")
            .defaultValue("main")
            .description("The branch proposals are made against (default: ${DEFAULT-VALUE}).")
            .build());
    spec.addOption(
        CommandModel.option("--git-user", v -> gitUser = v)
            .paramLabel("NAME")
            .description(
                "HTTPS user for Git (default: x-access-token on GitHub, oauth2 on GitLab, lockstep"
                    + " otherwise); the password is the Git token.")
            .build());
    spec.addOption(
        CommandModel.option("--git-token-file", Path.class, v -> gitTokenFile = v)
            .paramLabel("FILE")
            .description("File holding the HTTPS Git token (default: the platform token).")
            .build());
    spec.addOption(
        CommandModel.option("--git-token-env", v -> gitTokenEnv = v)
            .paramLabel("VAR")
            .description(
                "Environment variable holding the HTTPS Git token (default: the platform token).")
            .build());
    spec.addOption(
        CommandModel.option("--ssh-key", Path.class, v -> sshKey = v)
            .paramLabel("FILE")
            .description("SSH private key for an ssh:// or git@ URL (needs --known-hosts).")
            .build());
    spec.addOption(
        CommandModel.option("--known-hosts", Path.class, v -> knownHosts = v)
            .paramLabel("FILE")
            .description("known_hosts listing the SSH server's key (never trusted on first use).")
            .build());
    spec.addOption(
        CommandModel.option("--commit-author", v -> commitAuthor = v)
            .paramLabel("NAME <EMAIL>")
            .defaultValue("Lockstep <lockstep@localhost>")
            .description("Author and committer of bump commits (default: ${DEFAULT-VALUE}).")
            .build());
    spec.addOption(
        CommandModel.option("--platform", v -> platform = v)
            .paramLabel("PLATFORM")
            .description("github, gitlab or gitea (required with --deliver pr).")
            .build());
    spec.addOption(
        CommandModel.option("--repository", v -> repository = v)
            .paramLabel("OWNER/NAME")
            .description(
                "The repository on the platform (GitLab: group/project or id; default: from the Git URL).")
            .build());
    spec.addOption(
        CommandModel.option("--api-url", URI.class, v -> apiUrl = v)
            .paramLabel("URL")
            .description(
                "The platform's API (default: https://api.github.com, https://gitlab.com/api/v4;"
                    + " required for Gitea, e.g. https://gitea.example.com/api/v1).")
            .build());
    spec.addOption(
        CommandModel.option("--token-file", Path.class, v -> tokenFile = v)
            .paramLabel("FILE")
            .description("File holding the platform token (e.g. a mounted secret).")
            .build());
    spec.addOption(
        CommandModel.option("--token-env", v -> tokenEnv = v)
            .paramLabel("VAR")
            .description("Environment variable holding the platform token (e.g. GITHUB_TOKEN).")
            .build());
  }

  /** The platform, required for pull-request delivery. */
  Platform platform(CommandSpec spec) {
    if (platform == null) {
      throw new ParameterException(
          spec.commandLine(), "--deliver pr needs --platform github, gitlab or gitea");
    }
    try {
      return Platform.parse(platform);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--platform: " + e.getMessage());
    }
  }

  /** {@code given} (--api-url), else the platform's public API; Gitea has none (exit 2). */
  static URI api(CommandSpec spec, Platform p, URI given) {
    if (given != null) {
      return given;
    }
    return p.defaultApi()
        .orElseThrow(
            () ->
                new ParameterException(
                    spec.commandLine(),
                    "--platform "
                        + p.label()
                        + " needs --api-url, e.g. https://gitea.example.com/api/v1"));
  }

  /** The platform's settings for pull-request delivery. */
  ForgeSettings forge(CommandSpec spec, String url, Map<String, String> env) {
    Platform p = platform(spec);
    URI api = api(spec, p, apiUrl);
    String repo = repository != null ? repository : repositoryOf(spec, url);
    try {
      return ForgeSettings.of(p, api, repo, token(spec, "--token", tokenFile, tokenEnv), env);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--api-url: " + e.getMessage());
    }
  }

  /** The Git settings for pushing branches of {@code url}. */
  GitSettings git(CommandSpec spec, String url, Path cache, Map<String, String> env) {
    GitSettings settings = GitSettings.of(url, baseBranch, cache).withEnvironment(env);
    boolean ssh = url.startsWith("ssh://") || url.matches("^[^/:@]+@[^:]+:.*");
    if (ssh) {
      if (sshKey == null || knownHosts == null) {
        throw new ParameterException(
            spec.commandLine(), "an SSH Git URL needs --ssh-key FILE and --known-hosts FILE");
      }
      return settings.withAuth(new GitAuth.Ssh(sshKey, Optional.empty(), knownHosts));
    }
    Optional<Secret> token =
        token(spec, "--git-token", gitTokenFile, gitTokenEnv)
            .or(() -> token(spec, "--token", tokenFile, tokenEnv));
    if (token.isEmpty() || !url.startsWith("http")) {
      return settings;
    }
    String user = gitUser;
    if (user == null) {
      user =
          platform == null
              ? "lockstep"
              : switch (platform(spec)) {
                case GITHUB -> "x-access-token";
                case GITLAB -> "oauth2";
                case GITEA -> "lockstep";
              };
    }
    return settings.withAuth(new GitAuth.Http(user, token.get()));
  }

  /** {@code Name <email>} of {@code --commit-author}. */
  String[] author(CommandSpec spec) {
    Matcher m = Pattern.compile("\\s*(.+?)\\s*<([^>]+)>\\s*").matcher(commitAuthor);
    if (!m.matches()) {
      throw new ParameterException(
          spec.commandLine(),
          "--commit-author: \"" + commitAuthor + "\" is not of the form Name <email>");
    }
    return new String[] {m.group(1), m.group(2)};
  }

  static Optional<Secret> token(CommandSpec spec, String option, Path file, String env) {
    if (file != null && env != null) {
      throw new ParameterException(
          spec.commandLine(), option + "-file and " + option + "-env exclude each other");
    }
    if (file != null) {
      return Optional.of(Secret.file(file));
    }
    return env == null ? Optional.empty() : Optional.of(Secret.env(env));
  }

  /**
   * The repository to push to and PATH's folder inside it ("" at its root, else ending in /):
   * {@code --git-url}, else the origin remote of the Git repository holding PATH.
   *
   * @throws ParameterException (exit 2) when neither names a repository
   */
  Remote remote(CommandSpec spec, LocalPath typedPath) throws IOException {
    String url = gitUrl;
    String folder = "";
    try (LocalRevisions local = LocalRevisions.open(typedPath.location())) {
      Path root = local.workTree().toRealPath();
      String relative =
          root.relativize(typedPath.location().toRealPath()).toString().replace('\\', '/');
      folder = relative.isEmpty() ? "" : relative + "/";
      if (url == null) {
        url = local.remoteUrl("origin").orElse(null);
      }
    } catch (SourceException e) {
      if (url == null) {
        throw new ParameterException(
            spec.commandLine(), typedPath + " is not in a Git repository: pass --git-url");
      }
    }
    if (url == null) {
      throw new ParameterException(
          spec.commandLine(),
          "the repository holding " + typedPath + " has no origin: pass --git-url");
    }
    return new Remote(url, folder);
  }

  /**
   * A repository to push to.
   *
   * @param url its URL
   * @param folder PATH's folder inside it: "" at its root, else ending in /
   */
  record Remote(String url, String folder) {}

  /**
   * {@code acme/fleet} of {@code https://github.com/acme/fleet.git} or {@code git@host:acme/fleet}.
   */
  static String repositoryOf(CommandSpec spec, String url) {
    return ForgeSettings.repositoryOf(url)
        .orElseThrow(
            () ->
                new ParameterException(
                    spec.commandLine(),
                    "cannot tell the repository from " + url + "; pass --repository"));
  }
}
