package dev.vastmesh.worker.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelLogTailerTests {

  @TempDir
  Path dir;
  final List<String> lines = new CopyOnWriteArrayList<>();

  @Test
  void readsFromTheStartWaitsForAFileThatDoesNotExistYetAndJoinsPartialLines() throws Exception {
    Path log = dir.resolve("model.log");
    try (ModelLogTailer tailer = ModelLogTailer.follow(log, Duration.ofMillis(10), lines::add)) {
      // The tailer polls at once on its own thread and finds no file; the file appears later.
      Files.writeString(log, "one\r\ntw");
      awaitLines(1);
      Files.writeString(log, "o\nthree\n", StandardOpenOption.APPEND);
      awaitLines(3);
    }
    assertThat(lines).containsExactly("one", "two", "three");
  }

  @Test
  void followsARenameRotationIntoTheNewFile() throws Exception {
    Path log = dir.resolve("model.log");
    Files.writeString(log, "old 1\n");
    try (ModelLogTailer tailer = ModelLogTailer.follow(log, Duration.ofMillis(10), lines::add)) {
      awaitLines(1);
      Files.writeString(log, "old 2\n", StandardOpenOption.APPEND);
      Files.move(log, dir.resolve("model.log.1"));
      Files.writeString(log, "new 1\n");
      awaitLines(3);
    }
    assertThat(lines).containsExactly("old 1", "old 2", "new 1");
  }

  @Test
  void followsACopyTruncateRotation() throws Exception {
    Path log = dir.resolve("model.log");
    Files.writeString(log, "a long line before the truncation\n");
    try (ModelLogTailer tailer = ModelLogTailer.follow(log, Duration.ofMillis(10), lines::add)) {
      awaitLines(1);
      Files.writeString(log, "after\n", StandardOpenOption.TRUNCATE_EXISTING);
      awaitLines(2);
    }
    assertThat(lines).containsExactly("a long line before the truncation", "after");
  }

  @Test
  void logActionsMatchOnLoadThenOnErrorThenOnInfo() {
    LogActions actions = new LogActions(List.of("startup complete"), List.of("RuntimeError", "CUDA out of memory"), List.of("Downloading"));

    assertThat(actions.match("INFO startup complete")).containsInstanceOf(LogActions.Loaded.class);
    assertThat(actions.match("RuntimeError: CUDA out of memory")).hasValueSatisfying(m -> {
      assertThat(m).isInstanceOf(LogActions.Failed.class);
      assertThat(m.matched()).isEqualTo("RuntimeError");
    });
    assertThat(actions.match("RuntimeError after startup complete")).containsInstanceOf(LogActions.Loaded.class);
    assertThat(actions.match("Downloading shard 3")).containsInstanceOf(LogActions.Info.class);
    assertThat(actions.match("nothing to see")).isEmpty();
  }

  private void awaitLines(int n) {
    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
        .untilAsserted(() -> assertThat(lines).hasSizeGreaterThanOrEqualTo(n));
  }
}
