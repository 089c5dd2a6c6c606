package dev.lockstep.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Small pure pieces of the source package. */
class SourceUnitsTest {

  static Stream<Arguments> urls() {
    return Stream.of(
        Arguments.of(
            named("https with token", "https://x-access-token:ghp_abc123@github.com/o/r.git"),
            "https://github.com/o/r.git"),
        Arguments.of(
            named("https with user only", "https://bob@git.example.com/r.git"),
            "https://git.example.com/r.git"),
        Arguments.of(
            named("ssh url", "ssh://git@git.example.com:2222/r.git"),
            "ssh://git.example.com:2222/r.git"),
        Arguments.of(
            named("scp style keeps its user (no secret)", "git@github.com:o/r.git"),
            "git@github.com:o/r.git"),
        Arguments.of(named("local path", "/srv/git/r.git"), "/srv/git/r.git"));
  }

  @ParameterizedTest
  @MethodSource("urls")
  void redactsCredentialsFromUrls(String url, String shown) {
    assertThat(Urls.redact(url)).isEqualTo(shown);
  }

  @Test
  void aPortOrPathHoldingFourOhOneIsNotAnAuthenticationFailure() throws Exception {
    Transports t =
        new Transports(GitSettings.of("http://127.0.0.1:40147/git/nope.git", "main", Path.of("c")));
    var notFound =
        new org.eclipse.jgit.errors.NoRemoteRepositoryException(
            new org.eclipse.jgit.transport.URIish("http://127.0.0.1:40147/git/nope.git"),
            "http://127.0.0.1:40147/git/nope.git/info/refs?service=git-upload-pack: not found.");
    assertThat(t.failure("list the refs of", notFound).reason())
        .isEqualTo(SourceException.Reason.REPOSITORY_NOT_FOUND);
    var denied =
        new org.eclipse.jgit.errors.TransportException(
            "http://127.0.0.1:40301/r.git: 403 Forbidden");
    assertThat(t.failure("list the refs of", denied).reason())
        .isEqualTo(SourceException.Reason.AUTHENTICATION);
    assertThat(
            Transports.withoutAddresses(
                "git@host.example:o/r.git at 10.0.0.1:4013 and https://h:401/x"))
        .isEqualTo("<address> at <address> and <address>");
  }

  @Test
  void scrubsSecretsFromFreeText() {
    assertThat(Urls.scrub("https://u:tok123@h/r: auth failed for tok123", List.of("tok123")))
        .isEqualTo("https://h/r: auth failed for ***");
  }

  @Test
  void secretsComeFromFilesOrEnvironmentAndErrorsNameOnlyTheReference(@TempDir Path dir)
      throws Exception {
    Path f = dir.resolve("token");
    Files.writeString(f, "t0ken\n");
    assertThat(Secret.file(f).reveal(Map.of())).isEqualTo("t0ken");
    assertThat(Secret.env("GIT_TOKEN").reveal(Map.of("GIT_TOKEN", "abc"))).isEqualTo("abc");
    assertThat(Secret.env("GIT_TOKEN").toString()).isEqualTo("env:GIT_TOKEN");
    assertThatThrownBy(() -> Secret.env("GIT_TOKEN").reveal(Map.of()))
        .hasMessage("environment variable GIT_TOKEN is empty or unset");
  }

  static Stream<Arguments> statusPaths() {
    return Stream.of(
        Arguments.of(named("own status file", ".lockstep/status/prod.yaml"), true),
        Arguments.of(named("another cluster's status file", ".lockstep/status/edge-1.yaml"), true),
        Arguments.of(named("a resource file", "clusters/prod/autoupdate.yaml"), false),
        Arguments.of(named("nested deeper", ".lockstep/status/a/b.yaml"), false),
        Arguments.of(named("other extension", ".lockstep/status/prod.json"), false));
  }

  @ParameterizedTest
  @MethodSource("statusPaths")
  void recognisesItsOwnStatusFiles(String path, boolean own) {
    assertThat(StatusSettings.onSourceBranch().isStatusPath(path)).isEqualTo(own);
  }

  @Test
  void statusPathsMustBeRelativeAndNameTheCluster() {
    StatusSettings d = StatusSettings.defaults();
    assertThatThrownBy(
            () ->
                new StatusSettings(
                    d.mode(),
                    d.branch(),
                    "../x/{cluster}.yaml",
                    d.authorName(),
                    d.authorEmail(),
                    d.messageTemplate(),
                    d.sshSigningKey(),
                    1,
                    d.backoff()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new StatusSettings(
                    d.mode(),
                    d.branch(),
                    "status.yaml",
                    d.authorName(),
                    d.authorEmail(),
                    d.messageTemplate(),
                    d.sshSigningKey(),
                    1,
                    d.backoff()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(d.path("prod")).isEqualTo("status/prod.yaml");
  }

  @Test
  void splitsASignedCommitIntoPayloadAndSignature() {
    String raw =
        "tree 0123\nparent 4567\nauthor A <a@x> 1 +0000\ncommitter A <a@x> 1 +0000\n"
            + "gpgsig -----BEGIN SSH SIGNATURE-----\n U1NIU0lH\n -----END SSH SIGNATURE-----\n\nmessage\n";
    CommitVerifier.SignedCommit s =
        CommitVerifier.SignedCommit.split(raw.getBytes(StandardCharsets.UTF_8));
    assertThat(new String(s.payload(), StandardCharsets.UTF_8))
        .isEqualTo(
            "tree 0123\nparent 4567\nauthor A <a@x> 1 +0000\ncommitter A <a@x> 1 +0000\n\nmessage\n");
    assertThat(new String(s.signature(), StandardCharsets.UTF_8))
        .isEqualTo("-----BEGIN SSH SIGNATURE-----\nU1NIU0lH\n-----END SSH SIGNATURE-----\n");
    assertThat(
            CommitVerifier.SignedCommit.split("tree 1\n\nm\n".getBytes(StandardCharsets.UTF_8))
                .signature())
        .isNull();
  }

  @Test
  void settingsPrintWithoutSecrets() {
    GitSettings s =
        GitSettings.of("https://u:pw-123456@h/r.git", "main", Path.of("/tmp/c"))
            .withAuth(new GitAuth.Http("u", Secret.env("GIT_TOKEN")))
            .withEnvironment(Map.of("GIT_TOKEN", "tok-abcdef"));
    assertThat(s.toString())
        .contains("https://h/r.git")
        .contains("env:GIT_TOKEN")
        .contains("[GIT_TOKEN]")
        .doesNotContain("tok-abcdef")
        .doesNotContain("pw-123456");
  }

  @Test
  void verifyModeHasNoSilentFallback() {
    assertThat(VerifyMode.fromLabel("head")).isEqualTo(VerifyMode.HEAD);
    assertThatThrownBy(() -> VerifyMode.fromLabel("all"))
        .hasMessageContaining("expected none or head");
  }

  @Test
  void reasonsArePascalCase() {
    assertThat(SourceException.Reason.HOST_KEY.conditionReason()).isEqualTo("HostKey");
    assertThat(SourceException.Reason.REF_NOT_FOUND.conditionReason()).isEqualTo("RefNotFound");
  }
}
