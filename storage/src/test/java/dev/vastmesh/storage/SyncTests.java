package dev.vastmesh.storage;

import static dev.vastmesh.storage.StorageClientTests.settings;
import static dev.vastmesh.storage.StorageClientTests.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vastmesh.storage.testing.LocalS3;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sync both ways against a real S3 server: what it plans, what it leaves alone, deletes, and a resumed run. */
class SyncTests {

  static final S3Location TARGET = S3Location.parse("s3://bluefly-models/training-data/set1/");

  @TempDir
  Path dir;
  LocalS3 s3;
  StorageClient client;
  Path source;

  @BeforeEach
  void start() throws IOException {
    s3 = LocalS3.start(dir.resolve("store"));
    s3.createBucket("bluefly-models");
    client = StorageClient.open(s3.endpoint(), settings(LocalS3.ACCESS_KEY, LocalS3.SECRET_KEY));
    source = dir.resolve("local");
    write(source.resolve("a.bin"), 1000);
    write(source.resolve("b.bin"), 2000);
    write(source.resolve("nested/c.bin"), 3000);
  }

  @AfterEach
  void stop() {
    client.close();
    s3.close();
  }

  @Test
  void uploadsWhatIsNewOrChangedAndThenNothing() throws IOException {
    Sync.Plan first = Sync.upload(client, source, TARGET, false);
    assertThat(first.actions()).extracting(Sync.Action::relative).containsExactly("a.bin", "b.bin", "nested/c.bin");
    assertThat(first.bytes()).isEqualTo(6000);
    Sync.execute(client, first, TransferProgress.NONE, 4);

    assertThat(Sync.upload(client, source, TARGET, false).actions()).isEmpty();
    assertThat(Sync.upload(client, source, TARGET, false).unchanged()).isEqualTo(3);

    write(source.resolve("b.bin"), 2500);
    assertThat(Sync.upload(client, source, TARGET, false).actions()).singleElement()
        .satisfies(a -> assertThat(a.describe()).endsWith("(size 2000 -> 2500)"));
    Files.setLastModifiedTime(source.resolve("a.bin"), FileTime.from(Instant.now().plusSeconds(3600)));
    assertThat(Sync.upload(client, source, TARGET, false).actions()).extracting(Sync.Action::describe)
        .anySatisfy(d -> assertThat(d).contains("a.bin").endsWith("(newer)"));
  }

  @Test
  void deleteRemovesWhatOnlyTheDestinationHas() throws IOException {
    Sync.execute(client, Sync.upload(client, source, TARGET, false), TransferProgress.NONE, 4);
    Files.delete(source.resolve("b.bin"));
    assertThat(Sync.upload(client, source, TARGET, false).actions()).isEmpty();
    Sync.Plan withDelete = Sync.upload(client, source, TARGET, true);
    assertThat(withDelete.actions()).extracting(Sync.Action::describe)
        .containsExactly("delete s3://bluefly-models/training-data/set1/b.bin (not in the source)");
    Sync.execute(client, withDelete, TransferProgress.NONE, 4);
    assertThat(client.list(TARGET, true)).extracting(ObjectInfo::key)
        .containsExactlyInAnyOrder("training-data/set1/a.bin", "training-data/set1/nested/c.bin");
  }

  @Test
  void downloadsAndTakesTheObjectsTimeSoTheNextRunHasNothingToDo() throws IOException {
    Sync.execute(client, Sync.upload(client, source, TARGET, false), TransferProgress.NONE, 4);
    Path copy = dir.resolve("copy");
    Sync.execute(client, Sync.download(client, TARGET, copy, false), TransferProgress.NONE, 4);
    assertThat(copy.resolve("nested/c.bin")).hasSameBinaryContentAs(source.resolve("nested/c.bin"));
    assertThat(Sync.download(client, TARGET, copy, false).actions()).isEmpty();

    write(copy.resolve("extra.bin"), 10);
    assertThat(Sync.download(client, TARGET, copy, true).actions()).extracting(Sync.Action::describe)
        .containsExactly("delete " + copy.resolve("extra.bin") + " (not in the source)");
  }

  @Test
  void aSyncInterruptedByTheServerGoingAwayResumesWithWhatIsMissing() throws IOException {
    for (int i = 0; i < 6; i++) {
      write(source.resolve("big/part-" + i + ".bin"), 6 * 1024 * 1024 + i);
    }
    AtomicBoolean stopped = new AtomicBoolean();
    TransferProgress stopAfterFirst = new TransferProgress() {
      @Override
      public void finished(String name) {
        if (stopped.compareAndSet(false, true)) {
          s3.close();
        }
      }
    };
    Sync.Plan plan = Sync.upload(client, source, TARGET, false);
    assertThat(plan.actions()).hasSize(9);
    assertThatThrownBy(() -> Sync.execute(client, plan, stopAfterFirst, 1))
        .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isIn(StorageException.Kind.UNREACHABLE, StorageException.Kind.FAILED));

    // The same store, served again (on another port): the files that made it are not sent again.
    client.close();
    s3 = LocalS3.start(dir.resolve("store"));
    client = StorageClient.open(s3.endpoint(), settings(LocalS3.ACCESS_KEY, LocalS3.SECRET_KEY));
    Sync.Plan rest = Sync.upload(client, source, TARGET, false);
    assertThat(rest.unchanged()).isGreaterThanOrEqualTo(1);
    assertThat(rest.actions()).hasSizeLessThan(9).isNotEmpty();
    Sync.execute(client, rest, TransferProgress.NONE, 4);
    assertThat(Sync.upload(client, source, TARGET, false).actions()).isEmpty();

    Path copy = dir.resolve("copy");
    Sync.execute(client, Sync.download(client, TARGET, copy, false), TransferProgress.NONE, 4);
    for (int i = 0; i < 6; i++) {
      assertThat(copy.resolve("big/part-" + i + ".bin")).hasSameBinaryContentAs(source.resolve("big/part-" + i + ".bin"));
    }
  }

  @Test
  void aMissingSourceDirectoryOrBucketIsNamed() {
    assertThatThrownBy(() -> Sync.upload(client, dir.resolve("nope"), TARGET, false)).hasMessage("no such directory: " + dir.resolve("nope"));
    assertThatThrownBy(() -> Sync.upload(client, source, S3Location.parse("s3://nope/x/"), false))
        .hasMessage("bucket nope does not exist at " + s3.endpoint());
  }
}
