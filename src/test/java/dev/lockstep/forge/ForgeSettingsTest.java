package dev.lockstep.forge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.source.Secret;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ForgeSettingsTest {

  @Test
  void printsTheTokensReferenceNeverItsValueNorTheEnvironment() {
    ForgeSettings s =
        ForgeSettings.of(
            Platform.GITLAB,
            URI.create("https://gitlab.example.com/api/v4/"),
            "acme/fleet",
            Optional.of(Secret.env("GITLAB_TOKEN")),
            Map.of("GITLAB_TOKEN", "glpat-verysecret"));

    assertThat(s.toString())
        .isEqualTo(
            "ForgeSettings[platform=gitlab, api=https://gitlab.example.com/api/v4,"
                + " repository=acme/fleet, token=env:GITLAB_TOKEN, timeout=PT30S]")
        .doesNotContain("glpat-verysecret");
    assertThat(
            ForgeSettings.of(
                    Platform.GITEA,
                    URI.create("http://127.0.0.1:3000/api/v1"),
                    "a/b",
                    Optional.of(Secret.file(Path.of("/run/secrets/gitea"))),
                    Map.of())
                .toString())
        .contains("token=file:/run/secrets/gitea");
  }

  @Test
  void unknownPlatformsAndNonHttpAddressesAreRefused() {
    assertThatThrownBy(() -> Platform.parse("bitbucket"))
        .hasMessage("unknown platform \"bitbucket\" (expected github, gitlab, gitea)");
    assertThatThrownBy(
            () ->
                ForgeSettings.of(
                    Platform.GITHUB, URI.create("ftp://x/api"), "a/b", Optional.empty(), Map.of()))
        .hasMessageContaining("must be an http(s) URL");
    assertThatThrownBy(
            () ->
                Forge.of(
                    ForgeSettings.of(
                        Platform.GITHUB,
                        URI.create("https://api.github.com"),
                        "justaname",
                        Optional.empty(),
                        Map.of())))
        .hasMessage("the GitHub repository must be owner/name, not \"justaname\"");
  }
}
