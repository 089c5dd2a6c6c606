package dev.lockstep.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the OCI image tarball that {@code ./mvnw -Pimage verify} builds
 * (src/main/image/build-image.sh): the layout is intact (every blob matches its digest), the config
 * runs the `lockstep` launcher as a non-root user with ports 8080 and 9000 exposed, and, where the
 * test may chroot (root), the image's own file system really runs the launcher with its bundled
 * Java runtime as user 10001, and works as a CI step: {@code lockstep} by name through the image's
 * PATH, in its working directory, which that user may write.
 */
class ImageIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Path tarball;

  @TempDir static Path work;

  private static Path layout;
  private static JsonNode manifest;
  private static JsonNode config;

  @BeforeAll
  static void unpack() throws Exception {
    String property = System.getProperty("lockstep.image.tar", "");
    assumeTrue(
        !property.isBlank(),
        "no image to check: build it with ./mvnw -Pimage verify (sets lockstep.image.tar)");
    tarball = Path.of(property);
    assertThat(tarball)
        .as("the image profile builds %s in the package phase", tarball)
        .isRegularFile();
    layout = Files.createDirectories(work.resolve("layout"));
    run(List.of("tar", "-xf", tarball.toString(), "-C", layout.toString()));

    assertThat(
            JSON.readTree(layout.resolve("oci-layout").toFile())
                .path("imageLayoutVersion")
                .asText())
        .isEqualTo("1.0.0");
    JsonNode index = JSON.readTree(layout.resolve("index.json").toFile());
    assertThat(index.path("manifests")).hasSize(1);
    JsonNode descriptor = index.path("manifests").get(0);
    assertThat(descriptor.path("mediaType").asText())
        .isEqualTo("application/vnd.oci.image.manifest.v1+json");
    manifest = JSON.readTree(blob(descriptor).toFile());
    config = JSON.readTree(blob(manifest.path("config")).toFile());
  }

  @Test
  void runsTheLauncherAsANonRootUserOnPorts8080And9000() {
    JsonNode c = config.path("config");
    assertThat(config.path("os").asText()).isEqualTo("linux");
    String user = c.path("User").asText();
    assertThat(user).as("numeric, so runAsNonRoot can verify it").matches("[0-9]+:[0-9]+");
    assertThat(Integer.parseInt(user.split(":")[0])).as("uid").isNotZero();
    assertThat(c.path("Entrypoint").toString()).isEqualTo("[\"/app/lockstep\"]");
    assertThat(c.path("Cmd").toString()).isEqualTo("[\"serve\"]");
    assertThat(c.path("ExposedPorts").fieldNames())
        .toIterable()
        .containsExactly("8080/tcp", "9000/tcp");
    assertThat(c.path("Env").toString())
        .contains("/opt/java/bin:", "LOCKSTEP_DATA_DIR=/var/lib/lockstep");
  }

  @Test
  void layersMatchTheirDigestsAndDiffIds() throws Exception {
    JsonNode layers = manifest.path("layers");
    JsonNode diffIds = config.path("rootfs").path("diff_ids");
    assertThat(layers).hasSize(diffIds.size()).isNotEmpty();
    for (int i = 0; i < layers.size(); i++) {
      assertThat(layers.get(i).path("mediaType").asText())
          .isEqualTo("application/vnd.oci.image.layer.v1.tar+gzip");
      Path gz = blob(layers.get(i));
      try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
        assertThat("sha256:" + sha256(in))
            .as("diff_id of layer %d", i)
            .isEqualTo(diffIds.get(i).asText());
      }
    }
  }

  @Test
  void theImageHoldsTheCheckoutsLauncherAndApplication() throws Exception {
    Path root = rootFileSystem();
    assertThat(root.resolve("app/lockstep")).hasSameBinaryContentAs(Path.of("lockstep"));
    assertThat(Files.getPosixFilePermissions(root.resolve("app/lockstep")))
        .contains(PosixFilePermission.OTHERS_EXECUTE);
    assertThat(root.resolve("app/target/quarkus-app/quarkus-run.jar")).isRegularFile();
    assertThat(root.resolve("opt/java/bin/java")).isRegularFile();
    assertThat(root.resolve("opt/java/lib/security/cacerts")).isRegularFile();
    assertThat(root.resolve("etc/passwd"))
        .content(StandardCharsets.UTF_8)
        .contains("lockstep:x:" + config.path("config").path("User").asText().split(":")[0] + ":");
  }

  @Test
  void theLauncherRunsInTheImagesFileSystemAsItsUser() throws Exception {
    assertThat(runInImage(rootFileSystemOrSkip(), "/app/lockstep", "--help").output())
        .contains("Usage: lockstep");
  }

  /** The image's root file system, unpacked; skips the test unless it can chroot (root). */
  private static Path rootFileSystemOrSkip() throws Exception {
    boolean root =
        "root".equals(System.getProperty("user.name"))
            && Files.isExecutable(Path.of("/usr/sbin/chroot"));
    assumeTrue(
        root, "running the image's file system needs chroot as root; only the config was checked");
    return rootFileSystem();
  }

  /**
   * Runs a command in the image's file system as a container runtime would: as the image's user, in
   * its working directory, with only the image's environment (so a bare {@code lockstep} is found
   * through the image's own PATH).
   */
  private static Result runInImage(Path rootfs, String... command) throws Exception {
    Result result = runInImageAllowingFailure(rootfs, command);
    assertThat(result.code()).as("%s:\n%s", List.of(command), result.output()).isZero();
    return result;
  }

  private static Result runInImageAllowingFailure(Path rootfs, String... command) throws Exception {
    JsonNode c = config.path("config");
    // No container runtime here: chroot stands in for one. Without /proc the loader cannot expand
    // java's $ORIGIN run path, which a runtime's /proc would, hence LD_LIBRARY_PATH.
    List<String> argv =
        new ArrayList<>(
            List.of(
                "/usr/sbin/chroot",
                "--userspec=" + c.path("User").asText(),
                rootfs.toString(),
                "/usr/bin/env",
                "-i",
                "--chdir=" + c.path("WorkingDir").asText("/")));
    c.path("Env").forEach(e -> argv.add(e.asText()));
    argv.add("LD_LIBRARY_PATH=/opt/java/lib");
    argv.addAll(List.of(command));
    return runAllowingFailure(argv);
  }

  @Test
  void aCiStepRunsLockstepByNameAsItsUserAndWritesIntoTheWorkingDirectory() throws Exception {
    Path rootfs = rootFileSystemOrSkip();
    // stands in for the checkout a CI system mounts into the container
    Path sample = rootfs.resolve("mnt/sample");
    if (!Files.isDirectory(sample)) {
      Files.createDirectories(sample.getParent());
      run(
          List.of(
              "cp", "-r", Path.of("sample-repo").toAbsolutePath().toString(), sample.toString()));
    }

    assertThat(runInImage(rootfs, "lockstep", "version").output()).contains("lockstep ");
    Result validate =
        runInImageAllowingFailure(
            rootfs, "lockstep", "validate", "/mnt/sample", "--format", "junit", "-o", "junit.xml");
    assertThat(validate.code()).as(validate.output()).isZero();

    String workdir = config.path("config").path("WorkingDir").asText();
    Path report = rootfs.resolve(workdir.substring(1)).resolve("junit.xml");
    assertThat(report).content(StandardCharsets.UTF_8).contains("<testsuite");
    assertThat(Files.getAttribute(report, "unix:uid"))
        .as("written by the image's user, not root")
        .isEqualTo(Integer.parseInt(config.path("config").path("User").asText().split(":")[0]));
  }

  @Test
  void theBundledOpenSslLoadsInTheImageAsItsUser() throws Exception {
    Path rootfs = rootFileSystemOrSkip();
    // the HTTPS listener's engine (lockstep.channels.tls-engine=auto) unpacks BoringSSL to /tmp and
    // needs its libraries in the image; a probe class stands in for the service
    Path probe =
        Path.of(OpenSslProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .resolve("dev/lockstep/image/OpenSslProbe.class");
    Path target =
        Files.createDirectories(rootfs.resolve("probe/dev/lockstep/image"))
            .resolve("OpenSslProbe.class");
    Files.copy(probe, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Result result =
        runInImage(
            rootfs,
            "/opt/java/bin/java",
            "-cp",
            "/probe:/app/target/quarkus-app/lib/main/*",
            "dev.lockstep.image.OpenSslProbe");
    assertThat(result.output()).contains("openssl=true version=BoringSSL");
  }

  private static Path rootFs;

  private static synchronized Path rootFileSystem() throws Exception {
    if (rootFs == null) {
      Path dir = Files.createDirectories(work.resolve("rootfs"));
      for (JsonNode layer : manifest.path("layers")) {
        run(List.of("tar", "-xzf", blob(layer).toString(), "-C", dir.toString()));
      }
      rootFs = dir;
    }
    return rootFs;
  }

  /** A blob named by its descriptor, after checking its size and digest. */
  private static Path blob(JsonNode descriptor) throws IOException, NoSuchAlgorithmException {
    String digest = descriptor.path("digest").asText();
    assertThat(digest).startsWith("sha256:");
    Path file = layout.resolve("blobs/sha256").resolve(digest.substring("sha256:".length()));
    assertThat(file).isRegularFile();
    assertThat(Files.size(file))
        .as("size of %s", digest)
        .isEqualTo(descriptor.path("size").asLong());
    try (InputStream in = Files.newInputStream(file)) {
      assertThat("sha256:" + sha256(in)).isEqualTo(digest);
    }
    return file;
  }

  private static String sha256(InputStream in) throws IOException, NoSuchAlgorithmException {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    byte[] buffer = new byte[1 << 16];
    for (int n; (n = in.read(buffer)) > 0; ) {
      sha.update(buffer, 0, n);
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  record Result(int code, String output) {}

  private static Result run(List<String> command) throws IOException, InterruptedException {
    Result result = runAllowingFailure(command);
    assertThat(result.code()).as("%s:\n%s", command, result.output()).isZero();
    return result;
  }

  private static Result runAllowingFailure(List<String> command)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(work, "run", ".out");
    Process process =
        new ProcessBuilder(new ArrayList<>(command))
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("did not finish in 2 minutes: " + command);
    }
    return new Result(process.exitValue(), Files.readString(out));
  }
}
