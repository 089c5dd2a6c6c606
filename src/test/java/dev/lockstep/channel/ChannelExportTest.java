package dev.lockstep.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.model.Channel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChannelExportTest {

  @TempDir Path dir;

  @Test
  void writesVersionAndCriticalPerChannelWithoutNewlines() throws IOException {
    List<String> written =
        ChannelExport.write(
            List.of(
                new ChannelDocuments("stable/rolling", "v17.2.1", "no"),
                new ChannelDocuments("default", "none", "yes")),
            dir.resolve("out"));
    assertThat(written)
        .containsExactly(
            "default/critical",
            "default/version",
            "stable/rolling/critical",
            "stable/rolling/version");
    assertThat(Files.readString(dir.resolve("out/stable/rolling/version"))).isEqualTo("v17.2.1");
    assertThat(Files.readString(dir.resolve("out/stable/rolling/critical"))).isEqualTo("no");
    assertThat(Files.readString(dir.resolve("out/default/version"))).isEqualTo("none");
    try (var files = Files.list(dir.resolve("out/stable/rolling"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("version", "critical");
    }
  }

  @Test
  void readingBackGivesTheSameDocuments() throws IOException {
    List<ChannelDocuments> docs =
        List.of(
            new ChannelDocuments("default", "none", "yes"),
            new ChannelDocuments("stable/cloud/v16", "v16.4.9", "no"));
    ChannelExport.write(docs, dir);
    Files.writeString(dir.resolve("README"), "not a channel");
    Files.createDirectories(dir.resolve(".git/x"));
    Files.writeString(dir.resolve(".git/x/version"), "v99.0.0");
    List<Channel> read = ChannelExport.read(dir);
    assertThat(read).extracting(Channel::name).containsExactly("default", "stable/cloud/v16");
    assertThat(ChannelDocuments.of(read, true)).isEqualTo(docs);
  }

  @Test
  void aMalformedNameWritesNothingAtAll() {
    assertThatThrownBy(
            () ->
                ChannelExport.write(
                    List.of(
                        new ChannelDocuments("good", "v1.0.0", "no"),
                        new ChannelDocuments("../escape", "v1.0.0", "no")),
                    dir.resolve("out")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("../escape");
    assertThat(dir.resolve("out")).doesNotExist();
    assertThat(dir.resolveSibling("escape")).doesNotExist();
  }

  @Test
  void neverWritesThroughASymbolicLink() throws IOException {
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    Path out = Files.createDirectories(dir.resolve("out"));
    Files.createSymbolicLink(out.resolve("stable"), elsewhere);
    assertThatThrownBy(
            () ->
                ChannelExport.write(
                    List.of(new ChannelDocuments("stable/rolling", "v1.0.0", "no")), out))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("symbolic link");
    try (var files = Files.list(elsewhere)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void anOversizedFileIsRefusedOnRead() throws IOException {
    Files.createDirectories(dir.resolve("big"));
    Files.writeString(dir.resolve("big/version"), "1".repeat(ChannelExport.MAX_FILE_BYTES + 1));
    assertThatThrownBy(() -> ChannelExport.read(dir))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("larger");
  }
}
