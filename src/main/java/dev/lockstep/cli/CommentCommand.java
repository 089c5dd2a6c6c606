package dev.lockstep.cli;

import dev.lockstep.forge.Comment;
import dev.lockstep.forge.Forge;
import dev.lockstep.forge.ForgeException;
import dev.lockstep.forge.ForgeSettings;
import dev.lockstep.forge.Platform;
import dev.lockstep.source.Secret;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code lockstep comment}: keeps one comment on a pull request (merge request on GitLab) up to
 * date with a file's text, found again by a hidden marker ({@link Forge#upsertComment}): created
 * the first time, edited in place afterwards, untouched when the text is the same. CI posts the
 * plan with it. The token is named by environment variable or file, never given on the command
 * line. Exit 0 up to date, 2 usage error or unreadable body, 3 the platform refused or could not be
 * reached.
 */
public final class CommentCommand implements Callable<Integer> {
  /** GitHub caps a comment at 65,536 characters; GitLab and Gitea allow more. */
  static final int MAX_BODY = 65_000;

  String platform;
  String repository;
  long number;
  Path bodyFile;
  String marker;
  URI apiUrl;
  String tokenEnv;
  Path tokenFile;
  CommandSpec spec;

  /** {@code comment}'s picocli model, bound to this command's fields. */
  CommandSpec model() {
    spec =
        CommandModel.command(
            this,
            "comment",
            "Post a file as a pull-request comment, or edit Lockstep's earlier comment in place (found by a hidden marker).");
    spec.addOption(
        CommandModel.option("--platform", v -> platform = v)
            .paramLabel("PLATFORM")
            .required(true)
            .description("github, gitlab or gitea.")
            .build());
    spec.addOption(
        CommandModel.option("--repository", v -> repository = v)
            .paramLabel("OWNER/NAME")
            .required(true)
            .description(
                "The repository (GitHub, Gitea: owner/name, e.g. $GITHUB_REPOSITORY; GitLab: the project id or path, e.g. $CI_PROJECT_ID).")
            .build());
    spec.addOption(
        CommandModel.option("--pull-request", long.class, v -> number = v)
            .paramLabel("NUMBER")
            .required(true)
            .description(
                "The pull request's number (GitLab: the merge request's iid, $CI_MERGE_REQUEST_IID).")
            .build());
    spec.addOption(
        CommandModel.option("--body-file", Path.class, v -> bodyFile = v)
            .paramLabel("FILE")
            .required(true)
            .description(
                "The comment's text (Markdown), e.g. the output of lockstep plan --format markdown.")
            .build());
    spec.addOption(
        CommandModel.option("--marker", v -> marker = v)
            .paramLabel("TEXT")
            .defaultValue("<!-- lockstep:plan -->")
            .description(
                "Hidden text that finds the comment again; one comment per marker (default: ${DEFAULT-VALUE}).")
            .build());
    spec.addOption(
        CommandModel.option("--api-url", URI.class, v -> apiUrl = v)
            .paramLabel("URL")
            .description(
                "The platform's API (default: https://api.github.com, https://gitlab.com/api/v4; required for Gitea; in CI $GITHUB_API_URL or $CI_API_V4_URL).")
            .build());
    spec.addOption(
        CommandModel.option("--token-env", v -> tokenEnv = v)
            .paramLabel("VAR")
            .description("Environment variable holding the platform token (e.g. GITHUB_TOKEN).")
            .build());
    spec.addOption(
        CommandModel.option("--token-file", Path.class, v -> tokenFile = v)
            .paramLabel("FILE")
            .description("File holding the platform token.")
            .build());
    return CommandModel.withStandardHelp(spec);
  }

  /** The process environment, for a token named by variable; tests replace it. */
  Map<String, String> environment = System.getenv();

  @Override
  public Integer call() {
    Platform p;
    try {
      p = Platform.parse(platform);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--platform: " + e.getMessage());
    }
    Optional<Secret> token = DeliveryOptions.token(spec, "--token", tokenFile, tokenEnv);
    if (token.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(),
          "comment needs --token-env VAR or --token-file FILE: the token that may comment");
    }
    if (!marker.startsWith("<!--") || !marker.endsWith("-->")) {
      throw new ParameterException(
          spec.commandLine(),
          "--marker: \""
              + marker
              + "\" is not a hidden HTML comment such as <!-- lockstep:plan -->");
    }
    URI api = DeliveryOptions.api(spec, p, apiUrl);
    String body;
    try {
      body = Files.readString(bodyFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      spec.commandLine()
          .getErr()
          .println("lockstep: --body-file " + bodyFile + ": " + Options.reason(e));
      return ExitCodes.USAGE;
    }
    if (body.length() > MAX_BODY) {
      body =
          body.substring(0, MAX_BODY)
              + "\n\n… cut at "
              + MAX_BODY
              + " characters: the whole text is in the job's log or artifacts.\n";
    }
    ForgeSettings settings;
    try {
      settings = ForgeSettings.of(p, api, repository, token, environment);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--api-url: " + e.getMessage());
    }
    try {
      Comment c = Forge.of(settings).upsertComment(number, marker, body);
      spec.commandLine()
          .getOut()
          .println(
              "Comment "
                  + c.id()
                  + " on "
                  + p.pullRequestNoun()
                  + " "
                  + number
                  + " of "
                  + repository
                  + " is up to date.");
      return ExitCodes.OK;
    } catch (ForgeException e) {
      spec.commandLine()
          .getErr()
          .println(
              "lockstep: cannot comment on "
                  + p.pullRequestNoun()
                  + " "
                  + number
                  + " of "
                  + repository
                  + ": "
                  + e.getMessage());
      return ExitCodes.UNAVAILABLE;
    }
  }
}
