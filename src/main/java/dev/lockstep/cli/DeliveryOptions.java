package dev.lockstep.cli;

import dev.lockstep.forge.ForgeSettings;
import dev.lockstep.forge.Platform;
import dev.lockstep.source.GitAuth;
import dev.lockstep.source.GitSettings;
import dev.lockstep.source.Secret;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Where {@code lockstep bump --deliver branch|pr} pushes and opens pull requests: the Git remote,
 * its credentials, and the platform's API. Tokens are named by file or environment variable, never
 * given on the command line. A picocli mixin.
 */
public final class DeliveryOptions {
  private static final Pattern REPO_PATH =
      Pattern.compile("^(?:[a-z][a-z0-9+.-]*://[^/]+/|[^@/]+@[^:]+:)(.+?)(?:\\.git)?/?$");

  @Option(
      names = "--git-url",
      paramLabel = "URL",
      description =
          "The repository to push to (default: the origin remote of the repository holding PATH).")
  String gitUrl;

  @Option(
      names = "--base-branch",
      paramLabel = "BRANCH",
      defaultValue = "main",
      description = "The branch proposals are made against (default: ${DEFAULT-VALUE}).")
  String baseBranch;

  @Option(
      names = "--git-user",
      paramLabel = "NAME",
      description =
          "HTTPS user for Git (default: x-access-token on GitHub, oauth2 on GitLab, lockstep"
              + " otherwise); the password is the Git token.")
  String gitUser;

  @Option(
      names = "--git-token-file",
      paramLabel = "FILE",
      description = "File holding the HTTPS Git token (default: the platform token).")
  Path gitTokenFile;

  @Option(
      names = "--git-token-env",
      paramLabel = "VAR",
      description =
          "Environment variable holding the HTTPS Git token (default: the platform token).")
  String gitTokenEnv;

  @Option(
      names = "--ssh-key",
      paramLabel = "FILE",
      description = "SSH private key for an ssh:// or git@ URL (needs --known-hosts).")
  Path sshKey;

  @Option(
      names = "--known-hosts",
      paramLabel = "FILE",
      description = "known_hosts listing the SSH server's key (never trusted on first use).")
  Path knownHosts;

  @Option(
      names = "--commit-author",
      paramLabel = "NAME <EMAIL>",
      defaultValue = "Lockstep <lockstep@localhost>",
      description = "Author and committer of bump commits (default: ${DEFAULT-VALUE}).")
  String commitAuthor;

  @Option(
      names = "--platform",
      paramLabel = "PLATFORM",
      description = "github, gitlab or gitea (required with --deliver pr).")
  String platform;

  @Option(
      names = "--repository",
      paramLabel = "OWNER/NAME",
      description =
          "The repository on the platform (GitLab: group/project or id; default: from the Git URL).")
  String repository;

  @Option(
      names = "--api-url",
      paramLabel = "URL",
      description =
          "The platform's API (default: https://api.github.com, https://gitlab.com/api/v4;"
              + " required for Gitea, e.g. https://gitea.example.com/api/v1).")
  URI apiUrl;

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      description = "File holding the platform token (e.g. a mounted secret).")
  Path tokenFile;

  @Option(
      names = "--token-env",
      paramLabel = "VAR",
      description = "Environment variable holding the platform token (e.g. GITHUB_TOKEN).")
  String tokenEnv;

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

  /** The platform's settings for pull-request delivery. */
  ForgeSettings forge(CommandSpec spec, String url, Map<String, String> env) {
    Platform p = platform(spec);
    URI api =
        apiUrl != null
            ? apiUrl
            : p.defaultApi()
                .orElseThrow(
                    () ->
                        new ParameterException(
                            spec.commandLine(),
                            "--platform gitea needs --api-url, e.g."
                                + " https://gitea.example.com/api/v1"));
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

  private static Optional<Secret> token(CommandSpec spec, String option, Path file, String env) {
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
   * {@code acme/fleet} of {@code https://github.com/acme/fleet.git} or {@code git@host:acme/fleet}.
   */
  static String repositoryOf(CommandSpec spec, String url) {
    Matcher m = REPO_PATH.matcher(url.replaceAll("^[a-z]+://[^@/]*@", "https://"));
    if (!m.matches()) {
      throw new ParameterException(
          spec.commandLine(), "cannot tell the repository from " + url + "; pass --repository");
    }
    return m.group(1);
  }
}
