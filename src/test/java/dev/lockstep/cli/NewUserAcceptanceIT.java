package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a new user does first, on a fresh copy of the repository with its real {@code ./lockstep}
 * launcher as a process ({@link Checkout}): inside {@code sample-repo/}, every command on {@code .}
 * succeeds without a warning, and nothing on standard error comes from a library.
 */
class NewUserAcceptanceIT {
  @TempDir static Path dir;
  static Checkout checkout;

  @BeforeAll
  static void freshCopy() throws Exception {
    checkout = Checkout.create(dir);
  }

  static void assertClean(Checkout.Result r, int code) {
    assertThat(r.code()).as(r.all()).isEqualTo(code);
    // no finding at all: compiler-style lines are "file:line:col: warning [rule] ..."
    assertThat(r.all()).doesNotContain("warning [").doesNotContain("error [");
    assertThat(r.err())
        .doesNotContain("LogManager")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
  }

  @Test
  void validateDotInsideTheSampleRepository() throws Exception {
    Checkout.Result r = checkout.lockstep("sample-repo", "validate", ".");
    assertClean(r, 0);
    assertThat(r.out()).isEqualTo("10 files checked (working tree): 0 errors, 0 warnings\n");
  }

  @Test
  void planDot() throws Exception {
    Checkout.Result r = checkout.lockstep("sample-repo", "plan", ".", "--cluster", "prod");
    assertClean(r, 0);
    assertThat(r.out())
        .startsWith("Plan for cluster prod, revision working tree")
        .endsWith("Warnings\n  none\n");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void diffDotThenApplyThenNoChange() throws Exception {
    Path target = Files.createDirectories(dir.resolve("applied"));
    Checkout.Result first =
        checkout.lockstep(
            "sample-repo/clusters/prod",
            "diff",
            ".",
            "--target",
            "file",
            "--dir",
            target.toString());
    assertClean(first, 1);
    assertThat(first.out()).contains("(autoupdate_config.yaml)").contains("to change");

    Checkout.Result apply =
        checkout.lockstep(
            "sample-repo",
            "apply",
            ".",
            "--cluster",
            "prod",
            "--target",
            "file",
            "--dir",
            target.toString());
    assertClean(apply, 0);

    Checkout.Result again =
        checkout.lockstep(
            "sample-repo",
            "diff",
            ".",
            "--cluster",
            "prod",
            "--target",
            "file",
            "--dir",
            target.toString());
    assertClean(again, 0);
    assertThat(again.out()).contains("No changes on the file target.");
  }

  @Test
  void exportChannelsDot() throws Exception {
    Path out = dir.resolve("channels");
    Checkout.Result r =
        checkout.lockstep("sample-repo", "export-channels", ".", "--out", out.toString());
    assertClean(r, 0);
    assertThat(out.resolve("stable/rolling/version")).content().isEqualTo("v17.5.2");
    assertThat(out.resolve("stable/edge/critical")).content().isEqualTo("no");
  }

  @Test
  void helpListsServeAndServeHelpDoesNotBootQuarkus() throws Exception {
    Checkout.Result help = checkout.lockstep("sample-repo", "--help");
    assertThat(help.code()).isZero();
    assertThat(help.out()).containsPattern("\n  serve +Run the reconciler service");
    assertThat(help.err()).isEmpty();

    // the checkout's quarkus-run.jar is not a jar at all: reaching it would fail
    Checkout.Result serveHelp = checkout.lockstep("sample-repo", "serve", "--help");
    assertThat(serveHelp.code()).as(serveHelp.all()).isZero();
    assertThat(serveHelp.out()).startsWith("Usage: lockstep serve").contains("LOCKSTEP_");
    assertThat(serveHelp.err()).isEmpty();
  }

  @Test
  void theMistakesAdminsMakeAreAnsweredInWords() throws Exception {
    Checkout.Result noSuch = checkout.lockstep("sample-repo", "validate", "sample-repo");
    assertThat(noSuch.code()).isEqualTo(2);
    assertThat(noSuch.err()).isEqualTo("lockstep: sample-repo: no such file or directory\n");

    Checkout.Result trailing = checkout.lockstep("", "validate", "sample-repo/clusters/prod/");
    assertClean(trailing, 0);
    assertThat(trailing.out()).startsWith("5 files checked");

    Checkout.Result file =
        checkout.lockstep("sample-repo", "validate", "clusters/prod/autoupdate_version.yaml");
    assertThat(file.code()).as(file.all()).isZero();
    assertThat(file.err()).isEmpty();
  }

  @Test
  void kubernetesWithoutAKubeconfigSaysSoInOneLine() throws Exception {
    Path home = Files.createDirectories(dir.resolve("empty-home"));
    Checkout.Result r =
        checkout.lockstep(
            Map.of("HOME", home.toString(), "KUBECONFIG", ""),
            "sample-repo/clusters/prod",
            "diff",
            ".",
            "--target",
            "kubernetes");
    assertThat(r.code()).as(r.all()).isEqualTo(3);
    assertThat(r.err())
        .startsWith("lockstep: --target kubernetes: no kubeconfig found")
        .contains("set KUBECONFIG")
        .hasLineCount(1);
  }

  @Test
  void kubernetesWithAnUnreachableApiSaysSoInOneLine() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    Path kubeconfig =
        Files.writeString(
            dir.resolve("kubeconfig"),
            """
            apiVersion: v1
            kind: Config
            clusters:
            - name: local
              cluster: {server: "https://127.0.0.1:%d"}
            users:
            - name: ci
              user: {token: not-a-real-token}
            contexts:
            - name: local
              context: {cluster: local, user: ci, namespace: teleport}
            current-context: local
            """
                .formatted(port));
    Map<String, String> env = Map.of("KUBECONFIG", kubeconfig.toString());

    Checkout.Result r =
        checkout.lockstep(env, "sample-repo/clusters/prod", "diff", ".", "--target", "kubernetes");
    assertThat(r.code()).as(r.all()).isEqualTo(3);
    assertThat(r.err())
        .contains("cannot reach the Kubernetes API at https://127.0.0.1:" + port)
        .contains("connection refused")
        .doesNotContain("not-a-real-token")
        .hasLineCount(1);

    Checkout.Result context =
        checkout.lockstep(
            env,
            "sample-repo/clusters/prod",
            "diff",
            ".",
            "--target",
            "kubernetes",
            "--kube-context",
            "prod");
    assertThat(context.code()).isEqualTo(2);
    assertThat(context.err())
        .startsWith("--kube-context: no context \"prod\" in " + kubeconfig + " (contexts: local)");
  }

  @Test
  void gitBaseRevisionsLogNothing() throws Exception {
    Path repo = dir.resolve("git-repo");
    Files.createDirectories(repo);
    PathArgumentsTest.copy(checkout.root.resolve("sample-repo"), repo);
    for (String git :
        new String[] {
          "git init -q -b main", "git add .", "git -c user.name=a -c user.email=a@x commit -qm base"
        }) {
      assertThat(Checkout.exec(repo, Map.of(), java.util.List.of(git.split(" "))).code()).isZero();
    }
    Checkout.Result r =
        checkout.lockstep(
            Map.of(),
            "sample-repo",
            "validate",
            repo.resolve("clusters/prod").toString(),
            "--base",
            "main");
    assertClean(r, 0);
    assertThat(r.err()).isEmpty();
  }
}
