package dev.vastmesh.vastai.cli.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastmesh.storage.testing.LocalApiDouble;
import dev.vastmesh.storage.testing.LocalS3;
import dev.vastmesh.vastai.cli.VastCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vastai storage ...} through the real entry point against a real S3 server (s3proxy) on loopback, the private plane. */
class StorageCliTests {

  @TempDir
  Path dir;
  LocalS3 s3;
  StringWriter out;
  StringWriter err;
  final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void start() {
    s3 = LocalS3.start(dir.resolve("store"));
    s3.createBucket("bluefly-models");
    env.put("MINIO_ACCESS_KEY", LocalS3.ACCESS_KEY);
    env.put("MINIO_SECRET_KEY", LocalS3.SECRET_KEY);
    env.put("STORAGE_PUBLIC_ENDPOINT", "https://storage.example.com");
    env.put("STORAGE_PRIVATE_ENDPOINT", s3.endpoint().toString());
  }

  @AfterEach
  void stop() {
    s3.close();
  }

  int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    return VastCli.run(args, env, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void copiesUpListsAndCopiesBackWithProgressOnStderr() throws IOException {
    Path model = write(dir.resolve("work/model.safetensors"), 11 * 1024 * 1024 + 7);
    assertThat(run("storage", "cp", model.toString(), "s3://bluefly-models/models/minilm/", "--part-size", "5",
        "--multipart-threshold", "10")).isZero();
    assertThat(err.toString()).contains("100%").contains("uploaded 1 file(s), 11.0 MiB");

    assertThat(run("storage", "ls", "s3://bluefly-models/")).isZero();
    assertThat(out.toString()).contains("PRE models/");
    assertThat(run("storage", "ls", "-r", "s3://bluefly-models/models/")).isZero();
    assertThat(out.toString()).containsPattern("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d +11534343 models/minilm/model.safetensors");

    Path back = Files.createDirectories(dir.resolve("back"));
    assertThat(run("storage", "cp", "s3://bluefly-models/models/minilm/model.safetensors", back.toString(), "--no-progress")).isZero();
    assertThat(back.resolve("model.safetensors")).hasSameBinaryContentAs(model);
    assertThat(err.toString()).doesNotContain("[#").contains("downloaded 1 file(s)");
  }

  @Test
  void copiesDirectoriesRecursively() throws IOException {
    write(dir.resolve("ckpt/step-1/weights.bin"), 5000);
    write(dir.resolve("ckpt/step-1/optimizer.bin"), 3000);
    assertThat(run("storage", "cp", dir.resolve("ckpt").toString(), "s3://bluefly-models/checkpoints/run-1/")).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("error: " + dir.resolve("ckpt") + " is a directory: add --recursive\n");
    assertThat(run("storage", "cp", "-r", dir.resolve("ckpt").toString(), "s3://bluefly-models/checkpoints/run-1/")).isZero();
    assertThat(run("storage", "cp", "-r", "s3://bluefly-models/checkpoints/run-1/", dir.resolve("restore").toString())).isZero();
    assertThat(dir.resolve("restore/step-1/weights.bin")).hasSameBinaryContentAs(dir.resolve("ckpt/step-1/weights.bin"));
    assertThat(err.toString()).contains("downloaded 2 file(s)");
  }

  @Test
  void syncsWithADryRunFirstThenOnlyWhatChangedAndDeletesOnRequest() throws IOException {
    write(dir.resolve("data/a.jsonl"), 100);
    write(dir.resolve("data/b.jsonl"), 200);
    String data = dir.resolve("data").toString();
    assertThat(run("storage", "sync", data, "s3://bluefly-models/training-data/", "--dry-run")).isZero();
    assertThat(out.toString()).contains("(dry run) upload " + dir.resolve("data/a.jsonl") + " -> s3://bluefly-models/training-data/a.jsonl (new)")
        .contains("(dry run) 2 action(s), 300 B to transfer, 0 file(s) unchanged");
    assertThat(run("storage", "ls", "-r", "s3://bluefly-models/training-data/")).isZero();
    assertThat(out.toString()).isEmpty();

    assertThat(run("storage", "sync", data, "s3://bluefly-models/training-data/")).isZero();
    assertThat(err.toString()).contains("uploaded (0 unchanged) 2 file(s)");
    Files.delete(dir.resolve("data/b.jsonl"));
    assertThat(run("storage", "sync", data, "s3://bluefly-models/training-data/", "--dry-run", "--delete")).isZero();
    assertThat(out.toString()).isEqualTo("(dry run) delete s3://bluefly-models/training-data/b.jsonl (not in the source)\n"
        + "(dry run) 1 action(s), 0 B to transfer, 1 file(s) unchanged\n");
    assertThat(run("storage", "sync", data, "s3://bluefly-models/training-data/", "--delete")).isZero();

    assertThat(run("storage", "sync", "s3://bluefly-models/training-data/", dir.resolve("mirror").toString())).isZero();
    assertThat(dir.resolve("mirror/a.jsonl")).hasSameBinaryContentAs(dir.resolve("data/a.jsonl"));
    assertThat(dir.resolve("mirror/b.jsonl")).doesNotExist();
  }

  @Test
  void presignsAGetAndAPutForAPlainHttpClient() throws Exception {
    // Presigned URLs are for instances: the public plane. Here the "public" store is on loopback, so
    // the rule needs it named as private and --plane private asked for explicitly.
    HttpClient http = HttpClient.newHttpClient();
    assertThat(run("storage", "presign", "s3://bluefly-models/artifacts/run-1/metrics.json", "--put", "--plane", "private", "--expires", "10m")).isZero();
    URI put = URI.create(out.toString().strip());
    assertThat(put.getQuery()).contains("X-Amz-Expires=600");
    assertThat(http.send(HttpRequest.newBuilder(put).PUT(HttpRequest.BodyPublishers.ofString("{\"acc\":0.9}")).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
    assertThat(run("storage", "presign", "s3://bluefly-models/artifacts/run-1/metrics.json", "--plane", "private")).isZero();
    URI get = URI.create(out.toString().strip());
    assertThat(get.getQuery()).contains("X-Amz-Expires=900");
    assertThat(http.send(HttpRequest.newBuilder(get).build(), HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("{\"acc\":0.9}");

    assertThat(run("storage", "presign", "s3://bluefly-models/artifacts/run-1/metrics.json")).isZero();
    assertThat(out.toString()).startsWith("https://storage.example.com/bluefly-models/artifacts/run-1/metrics.json?");
    assertThat(run("storage", "presign", "s3://bluefly-models/x", "--expires", "13h")).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("error: --expires must be more than 0 and at most 12h, not 13h\n");
  }

  @Test
  void badCredentialsAndAMissingBucketArePreciseErrorsWithoutAStackTrace() {
    env.put("MINIO_SECRET_KEY", "wrong-secret");
    assertThat(run("storage", "ls", "s3://bluefly-models/")).isEqualTo(StorageVerb.STORAGE_ERROR);
    assertThat(err.toString()).startsWith("error: listing s3://bluefly-models/: " + s3.endpoint()
        + " refused the credentials (SignatureDoesNotMatch): check MINIO_ACCESS_KEY and MINIO_SECRET_KEY").doesNotContain("wrong-secret")
        .doesNotContain("\tat ").hasLineCount(1);

    env.put("MINIO_SECRET_KEY", LocalS3.SECRET_KEY);
    assertThat(run("storage", "ls", "s3://no-such-bucket/models/")).isEqualTo(StorageVerb.STORAGE_ERROR);
    assertThat(err.toString()).isEqualTo("error: bucket no-such-bucket does not exist at " + s3.endpoint() + "\n");

    env.remove("MINIO_SECRET_KEY");
    assertThat(run("storage", "ls", "s3://bluefly-models/")).isEqualTo(2);
    assertThat(err.toString()).startsWith("error: MINIO_SECRET_KEY is not set");
  }

  @Test
  void planeViolationsAreRefusedBeforeAnythingIsSent() {
    env.put("STORAGE_PUBLIC_ENDPOINT", "http://100.88.14.7:9000");
    assertThat(run("storage", "ls", "s3://bluefly-models/")).isEqualTo(2);
    assertThat(err.toString()).startsWith("error: --public-endpoint/STORAGE_PUBLIC_ENDPOINT is http://100.88.14.7:9000, a Tailscale address");

    env.put("STORAGE_PUBLIC_ENDPOINT", "https://storage.example.com");
    env.putAll(Map.of("CONTAINER_ID", "4242", "VAST_CONTAINERLABEL", "C.4242"));
    assertThat(run("storage", "ls", "s3://bluefly-models/", "--plane", "private")).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("error: the private plane is not allowed on a Vast instance: instances reach the store only through "
        + "the public endpoint (--public-endpoint/STORAGE_PUBLIC_ENDPOINT)\n");
    assertThat(run("storage", "check-planes")).isZero();
    assertThat(out.toString()).contains("running on: a Vast instance (public plane only)");
  }

  @Test
  void checkPlanesReadsTheCloudflaredFileAndFindsTheNasOnTheTailnet() throws Exception {
    env.remove("STORAGE_PRIVATE_ENDPOINT");
    try (LocalApiDouble tailscaled = new LocalApiDouble(dir.resolve("ts.sock"), "/tailscale/status-running.json")) {
      assertThat(run("storage", "check-planes", "--tailscale-peer", "tag:nas", "--tailscale-socket", tailscaled.socket().toString(),
          "--cloudflared", resource("good.yml").toString())).isZero();
      assertThat(out.toString()).contains("private plane: http://nas.tailnet-4f2a.ts.net:9000 ok")
          .contains("cloudflared " + resource("good.yml") + ": ok (storage.example.com served");

      assertThat(run("storage", "check-planes", "--tailscale-peer", "tag:nas", "--tailscale-socket", tailscaled.socket().toString(),
          "--cloudflared", resource("into-tailnet.yml").toString())).isEqualTo(1);
      assertThat(err.toString()).contains("error: rule 1 (storage.example.com) sends public traffic to the private endpoint's host nas.tailnet-4f2a.ts.net")
          .contains("error: rule 2 (metrics.example.com) sends public traffic to 100.88.14.7, a Tailscale address");
    }
  }

  static Path resource(String name) throws Exception {
    return Path.of(StorageCliTests.class.getResource("/cloudflared/" + name).toURI());
  }

  static Path write(Path file, int size) throws IOException {
    Files.createDirectories(file.getParent());
    byte[] data = new byte[size];
    new Random(size).nextBytes(data);
    return Files.write(file, data);
  }
}
