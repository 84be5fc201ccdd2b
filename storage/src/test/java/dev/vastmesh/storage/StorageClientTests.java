package dev.vastmesh.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vastmesh.storage.testing.LocalS3;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against a real S3 server (s3proxy): listing, transfers in one part and in many, presigned URLs, errors. */
class StorageClientTests {

  @TempDir
  Path dir;
  LocalS3 s3;
  StorageClient client;

  @BeforeEach
  void start() {
    s3 = LocalS3.start(dir.resolve("store"));
    s3.createBucket("bluefly-models");
    client = StorageClient.open(s3.endpoint(), settings(LocalS3.ACCESS_KEY, LocalS3.SECRET_KEY));
  }

  @AfterEach
  void stop() {
    client.close();
    s3.close();
  }

  static StorageSettings settings(String access, String secret) {
    return StorageSettings.defaults(Map.of()).withKeys(new StorageSettings.Keys(access, secret)).withParts(5 * StorageSettings.MIB, 5 * StorageSettings.MIB);
  }

  @Test
  void uploadsListsAndDownloadsASmallFile() throws IOException {
    Path file = write(dir.resolve("config.json"), 1000);
    client.upload(file, S3Location.parse("s3://bluefly-models/models/config.json"), TransferProgress.NONE);

    List<ObjectInfo> top = client.list(S3Location.parse("s3://bluefly-models/"), false);
    assertThat(top).extracting(ObjectInfo::key, ObjectInfo::directory).containsExactly(org.assertj.core.groups.Tuple.tuple("models/", true));
    assertThat(client.list(S3Location.parse("s3://bluefly-models/models/"), false)).singleElement()
        .satisfies(o -> assertThat(o.size()).isEqualTo(1000));

    Path back = dir.resolve("back/config.json");
    client.download(S3Location.parse("s3://bluefly-models/models/config.json"), back, TransferProgress.NONE);
    assertThat(back).hasSameBinaryContentAs(file);
  }

  @Test
  void aFileAboveTheThresholdGoesUpInPartsAndComesBackWhole() throws Exception {
    Path file = write(dir.resolve("checkpoint.bin"), 17 * 1024 * 1024 + 123);
    Map<String, AtomicLong> bytes = new ConcurrentHashMap<>();
    TransferProgress counting = new TransferProgress() {
      @Override
      public void advanced(String name, long n) {
        bytes.computeIfAbsent(name, k -> new AtomicLong()).addAndGet(n);
      }
    };
    S3Location target = S3Location.parse("s3://bluefly-models/checkpoints/step-1000.bin");
    client.upload(file, target, counting);

    // A multipart upload's ETag is "<md5 of the part md5s>-<part count>": 4 parts of 5 MiB.
    String etag = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(client.presignGet(target, Duration.ofMinutes(1)).toString()))
        .build(), HttpResponse.BodyHandlers.discarding()).headers().firstValue("ETag").orElseThrow();
    assertThat(etag).endsWith("-4\"");
    assertThat(bytes.get("checkpoints/step-1000.bin")).hasValue(Files.size(file));

    Path back = dir.resolve("back.bin");
    client.download(target, back, TransferProgress.NONE);
    assertThat(back).hasSameBinaryContentAs(file);
  }

  @Test
  void directoriesGoUpAndDownWithTheirRelativePaths() throws IOException {
    write(dir.resolve("data/a.txt"), 10);
    write(dir.resolve("data/sub/b.txt"), 20);
    client.uploadDirectory(dir.resolve("data"), S3Location.parse("s3://bluefly-models/training-data/set1/"), TransferProgress.NONE);
    assertThat(client.list(S3Location.parse("s3://bluefly-models/training-data/set1/"), true)).extracting(ObjectInfo::key)
        .containsExactlyInAnyOrder("training-data/set1/a.txt", "training-data/set1/sub/b.txt");

    client.downloadDirectory(S3Location.parse("s3://bluefly-models/training-data/set1/"), dir.resolve("copy"), TransferProgress.NONE);
    assertThat(dir.resolve("copy/sub/b.txt")).hasSameBinaryContentAs(dir.resolve("data/sub/b.txt"));
    assertThat(dir.resolve("copy/a.txt")).hasSameBinaryContentAs(dir.resolve("data/a.txt"));
  }

  @Test
  void presignedGetAndPutWorkForAPlainHttpClientWithoutCredentials() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    S3Location target = S3Location.parse("s3://bluefly-models/artifacts/run-7/result.json");
    URI put = client.presignPut(target, Duration.ofMinutes(15)).toURI();
    assertThat(put.getQuery()).contains("X-Amz-Expires=900").doesNotContain(LocalS3.SECRET_KEY);
    HttpResponse<String> stored = http.send(HttpRequest.newBuilder(put).PUT(HttpRequest.BodyPublishers.ofString("{\"loss\":0.1}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(stored.statusCode()).isEqualTo(200);

    URI get = client.presignGet(target, Duration.ofMinutes(15)).toURI();
    HttpResponse<String> read = http.send(HttpRequest.newBuilder(get).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.body()).isEqualTo("{\"loss\":0.1}");

    // The URL is for that object only: another key is refused.
    URI other = URI.create(get.toString().replace("result.json", "other.json"));
    assertThat(http.send(HttpRequest.newBuilder(other).build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(403);
  }

  @Test
  void wrongCredentialsAreAPreciseAccessError() {
    try (StorageClient wrong = StorageClient.open(s3.endpoint(), settings(LocalS3.ACCESS_KEY, "not-the-secret"))) {
      assertThatThrownBy(() -> wrong.list(S3Location.parse("s3://bluefly-models/"), true))
          .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.ACCESS_DENIED))
          .hasMessageContaining("refused the credentials (SignatureDoesNotMatch)")
          .hasMessageContaining("MINIO_SECRET_KEY")
          .hasMessageNotContaining("not-the-secret");
    }
  }

  @Test
  void aMissingBucketIsNamed() throws IOException {
    Path file = write(dir.resolve("x.bin"), 10);
    assertThatThrownBy(() -> client.list(S3Location.parse("s3://no-such-bucket/models/"), true))
        .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.NO_SUCH_BUCKET))
        .hasMessage("bucket no-such-bucket does not exist at " + s3.endpoint());
    assertThatThrownBy(() -> client.upload(file, S3Location.parse("s3://no-such-bucket/x.bin"), TransferProgress.NONE))
        .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.NO_SUCH_BUCKET));
    assertThat(client.head(S3Location.parse("s3://bluefly-models/none"))).isEmpty();
    assertThatThrownBy(() -> client.head(S3Location.parse("s3://no-such-bucket/none")))
        .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.NO_SUCH_BUCKET));
  }

  static Path write(Path file, int size) throws IOException {
    Files.createDirectories(file.getParent());
    byte[] data = new byte[size];
    new Random(size).nextBytes(data);
    return Files.write(file, data);
  }
}
