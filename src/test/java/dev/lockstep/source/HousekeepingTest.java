package dev.lockstep.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.internal.storage.file.PackInserter;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.TreeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mirror after a kill: a real process killed with SIGKILL in the middle of JGit's automatic gc
 * leaves gc.pid and gc.log.lock, JGit then refuses every gc and packs pile up; opening the mirror
 * clears them and compacts the store, and gc works again. Plus the ownership rules of gc.pid.
 */
class HousekeepingTest {
  @TempDir Path tmp;

  @Test
  void aGcKilledMidwayLeavesAStoreThatGcAcceptsAgainOnceOpened() throws Exception {
    Path mirror = mirrorWithPacks(60);
    Path marker = tmp.resolve("gc-started");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                GcUntilKilled.class.getName(),
                mirror.toString(),
                marker.toString())
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("child.log").toFile())
            .start();
    try {
      Instant until = Instant.now().plus(Duration.ofSeconds(90));
      while (!Files.exists(marker) && child.isAlive() && Instant.now().isBefore(until)) {
        Thread.sleep(20);
      }
      assertThat(marker)
          .as("the child's gc started: %s", Files.readString(tmp.resolve("child.log")))
          .exists();
    } finally {
      child.destroyForcibly(); // SIGKILL
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    // what the kill left, and JGit's answer to it
    assertThat(mirror.resolve("gc.pid")).exists();
    assertThat(mirror.resolve("gc.log.lock")).exists();
    assertThat(Files.readString(mirror.resolve("gc.pid")))
        .startsWith(child.pid() + " " + InetAddress.getLocalHost().getHostName());
    try (FileRepository repo = new FileRepository(mirror.toFile())) {
      Git.wrap(repo).gc().call();
      assertThat(packs(repo)).as("gc refused: 'gc is already running'").isEqualTo(60);
    }

    try (GitSource source = open(mirror)) {
      Housekeeping.Report report = source.housekeeping();
      assertThat(report.owner()).isEqualTo(Housekeeping.GcOwner.DEAD);
      assertThat(report.removed()).contains("gc.pid", "gc.log.lock");
      assertThat(report.gcRan()).isTrue();
      assertThat(report.packsBefore()).isEqualTo(60);
      assertThat(report.packsAfter()).isLessThanOrEqualTo(2);
      assertThat(report.problem()).isEmpty();
    }
    assertThat(mirror.resolve("gc.pid")).doesNotExist();
    assertThat(mirror.resolve("gc.log.lock")).doesNotExist();

    try (FileRepository repo = new FileRepository(mirror.toFile())) {
      addPacks(repo, 10);
      Git.wrap(repo).gc().call();
      assertThat(packs(repo)).as("gc accepted again").isLessThanOrEqualTo(2);
    }
  }

  @Test
  void aCompactStoreIsLeftAsItIs() throws Exception {
    Path mirror = mirrorWithPacks(3);
    try (GitSource source = open(mirror)) {
      assertThat(source.housekeeping())
          .isEqualTo(
              new Housekeeping.Report(
                  Housekeeping.GcOwner.NONE,
                  java.util.List.of(),
                  3,
                  3,
                  false,
                  java.util.Optional.empty()));
    }
  }

  @Test
  void leftoverLocksAndFetchPackLocksAreCleared() throws Exception {
    Path mirror = mirrorWithPacks(1);
    Files.createDirectories(mirror.resolve("refs/lockstep"));
    for (String lock :
        new String[] {"packed-refs.lock", "config.lock", "refs/lockstep/source.lock"}) {
      Files.writeString(mirror.resolve(lock), "");
    }
    Files.writeString(mirror.resolve("objects/incoming_1234.pack"), "half a pack");
    try (GitSource source = open(mirror)) {
      assertThat(source.housekeeping().removed())
          .containsExactlyInAnyOrder(
              "packed-refs.lock",
              "config.lock",
              "refs/lockstep/source.lock",
              "objects/incoming_1234.pack");
    }
  }

  @Test
  void theGcOfALiveProcessIsLeftAlone() throws Exception {
    Path mirror = mirrorWithPacks(1);
    Process sleeper = new ProcessBuilder("sleep", "60").start();
    try {
      writePid(mirror, sleeper.pid() + " " + InetAddress.getLocalHost().getHostName());
      Files.writeString(mirror.resolve("gc.log.lock"), "");
      try (GitSource source = open(mirror)) {
        assertThat(source.housekeeping().owner()).isEqualTo(Housekeeping.GcOwner.ALIVE);
        assertThat(source.housekeeping().removed()).isEmpty();
      }
      assertThat(mirror.resolve("gc.pid")).exists();
      assertThat(mirror.resolve("gc.log.lock")).exists();
    } finally {
      sleeper.destroy();
    }
  }

  @Test
  void gcPidOwnership() throws Exception {
    Path pid = tmp.resolve("gc.pid");
    String host = InetAddress.getLocalHost().getHostName();
    Instant now = Instant.now();
    assertThat(Housekeeping.owner(pid, now)).as("no file").isEqualTo(Housekeeping.GcOwner.NONE);

    Process finished = new ProcessBuilder("true").start();
    finished.waitFor(10, TimeUnit.SECONDS);
    Files.writeString(pid, finished.pid() + " " + host);
    assertThat(Housekeeping.owner(pid, now))
        .as("a finished process")
        .isEqualTo(Housekeeping.GcOwner.DEAD);

    Files.writeString(pid, ProcessHandle.current().pid() + " " + host);
    assertThat(Housekeeping.owner(pid, now))
        .as("this very process (a restarted container reuses the pid)")
        .isEqualTo(Housekeeping.GcOwner.DEAD);

    Files.writeString(pid, "not a pid");
    assertThat(Housekeeping.owner(pid, now)).as("garbage").isEqualTo(Housekeeping.GcOwner.DEAD);

    Files.writeString(pid, finished.pid() + " another-host.example");
    assertThat(Housekeeping.owner(pid, now))
        .as("another host: cannot tell, leave it to JGit's 12-hour rule")
        .isEqualTo(Housekeeping.GcOwner.ALIVE);

    Process sleeper = new ProcessBuilder("sleep", "60").start();
    try {
      Files.writeString(pid, sleeper.pid() + " " + host);
      assertThat(Housekeeping.owner(pid, now))
          .as("a running process")
          .isEqualTo(Housekeeping.GcOwner.ALIVE);
      Files.setLastModifiedTime(pid, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
      assertThat(Housekeeping.owner(pid, now))
          .as("a running process started after the file was written: the pid was reused")
          .isEqualTo(Housekeeping.GcOwner.DEAD);
    } finally {
      sleeper.destroy();
    }

    Files.writeString(pid, finished.pid() + " " + host);
    try (FileChannel channel = FileChannel.open(pid, StandardOpenOption.WRITE);
        FileLock lock = channel.lock()) {
      assertThat(Housekeeping.owner(pid, now))
          .as("someone holds the OS lock JGit's gc holds while it runs")
          .isEqualTo(Housekeeping.GcOwner.ALIVE);
    }
  }

  private Path mirrorWithPacks(int n) throws IOException {
    Path mirror = tmp.resolve("git-cache");
    try (FileRepository repo = new FileRepository(mirror.toFile())) {
      repo.create(true);
      addPacks(repo, n);
    }
    return mirror;
  }

  private static GitSource open(Path mirror) throws SourceException {
    return new GitSource(GitSettings.of("file:///nonexistent", "main", mirror));
  }

  private static void writePid(Path mirror, String content) throws IOException {
    Files.writeString(mirror.resolve("gc.pid"), content, StandardCharsets.UTF_8);
  }

  private static int packs(FileRepository repo) {
    return Housekeeping.packs(repo);
  }

  /**
   * Adds {@code n} packs, each holding one commit (a blob, a tree) on top of the last, dated two
   * hours ago.
   */
  static void addPacks(FileRepository repo, int n) throws IOException {
    ObjectId parent = repo.resolve(GitSource.MIRROR_REF);
    PersonIdent who = new PersonIdent("test", "test@localhost");
    for (int i = 0; i < n; i++) {
      try (PackInserter ins = repo.getObjectDatabase().newPackInserter()) {
        ObjectId blob =
            ins.insert(
                Constants.OBJ_BLOB,
                ("pack " + i + " " + System.nanoTime()).getBytes(StandardCharsets.UTF_8));
        TreeFormatter tree = new TreeFormatter();
        tree.append("file", FileMode.REGULAR_FILE, blob);
        CommitBuilder commit = new CommitBuilder();
        commit.setTreeId(ins.insert(tree));
        if (parent != null) {
          commit.setParentId(parent);
        }
        commit.setAuthor(who);
        commit.setCommitter(who);
        commit.setMessage("pack " + i);
        parent = ins.insert(commit);
        ins.flush();
      }
    }
    RefUpdate u = repo.updateRef(GitSource.MIRROR_REF);
    u.setNewObjectId(parent);
    u.setForceUpdate(true);
    u.update();
    // packs that piled up over days: JGit's gc deletes replaced packs only once they are older
    // than gc.prunePackExpire (an hour), which protects concurrent readers
    FileTime old = FileTime.from(Instant.now().minus(Duration.ofHours(2)));
    try (var files = Files.list(repo.getObjectsDirectory().toPath().resolve("pack"))) {
      for (Path f : files.toList()) {
        Files.setLastModifiedTime(f, old);
      }
    }
  }
}
