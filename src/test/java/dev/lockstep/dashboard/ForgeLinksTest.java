package dev.lockstep.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which remotes get web links, and how each forge spells a commit and a file line. */
class ForgeLinksTest {

  record Row(String remote, String commit, String file) {}

  static Stream<Arguments> remotes() {
    return Stream.of(
        row(
            "github https",
            "https://github.com/acme/fleet.git",
            "https://github.com/acme/fleet/commit/1a2b3c4d",
            "https://github.com/acme/fleet/blob/1a2b3c4d/clusters/prod/a%20b.yaml#L7"),
        row(
            "github scp with user",
            "git@github.com:acme/fleet.git",
            "https://github.com/acme/fleet/commit/1a2b3c4d",
            "https://github.com/acme/fleet/blob/1a2b3c4d/clusters/prod/a%20b.yaml#L7"),
        row(
            "gitlab subgroup over ssh, credentials dropped",
            "ssh://git@gitlab.example.org/infra/teleport/fleet.git",
            "https://gitlab.example.org/infra/teleport/fleet/-/commit/1a2b3c4d",
            "https://gitlab.example.org/infra/teleport/fleet/-/blob/1a2b3c4d/clusters/prod/a%20b.yaml#L7"),
        row(
            "gitlab.com with a token in the URL",
            "https://oauth2:s3cret@gitlab.com/acme/fleet",
            "https://gitlab.com/acme/fleet/-/commit/1a2b3c4d",
            "https://gitlab.com/acme/fleet/-/blob/1a2b3c4d/clusters/prod/a%20b.yaml#L7"),
        row(
            "gitea",
            "https://gitea.example.org/acme/fleet.git",
            "https://gitea.example.org/acme/fleet/commit/1a2b3c4d",
            "https://gitea.example.org/acme/fleet/src/commit/1a2b3c4d/clusters/prod/a%20b.yaml#L7"),
        row("unknown host", "https://git.example.org/acme/fleet.git", null, null),
        row("local path", "/var/lib/lockstep/sample-repo", null, null),
        row("file URL", "file:///srv/fleet.git", null, null),
        row("no repository path", "https://github.com/acme", null, null));
  }

  static Arguments row(String name, String remote, String commit, String file) {
    return Arguments.of(Named.of(name, new Row(remote, commit, file)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("remotes")
  void linksFollowTheForgeShape(Row row) {
    Optional<ForgeLinks> links = ForgeLinks.of(row.remote());
    if (row.commit() == null) {
      assertThat(links).isEmpty();
      return;
    }
    assertThat(links.flatMap(l -> l.commit("1a2b3c4d"))).hasValue(row.commit());
    assertThat(links.flatMap(l -> l.file("1a2b3c4d", "clusters/prod/a b.yaml", 7)))
        .hasValue(row.file());
    assertThat(links.flatMap(l -> l.commit("main"))).isEmpty();
    assertThat(links.get().web()).doesNotContain("s3cret").doesNotContain("git@");
  }
}
