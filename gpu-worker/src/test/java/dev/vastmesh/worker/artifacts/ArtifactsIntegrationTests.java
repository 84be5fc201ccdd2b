package dev.vastmesh.worker.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vastmesh.storage.S3Location;
import dev.vastmesh.storage.StorageClient;
import dev.vastmesh.storage.StorageSettings;
import dev.vastmesh.storage.TransferProgress;
import dev.vastmesh.storage.fetch.ResumableDownload;
import dev.vastmesh.storage.testing.LocalS3;
import dev.vastmesh.worker.WorkerApplication;
import dev.vastmesh.worker.lifecycle.WorkerState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The worker fetching its model before it waits for the model server, and pushing a job's
 * results at shutdown, against a real S3 server (s3proxy) on loopback.
 */
class ArtifactsIntegrationTests {

  @TempDir
  Path dir;
  LocalS3 s3;
  StorageClient client;
  byte[] weights;
  final List<ConfigurableApplicationContext> workers = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    s3 = LocalS3.start(dir.resolve("store"));
    s3.createBucket("bluefly-models");
    client = StorageClient.open(s3.endpoint(), StorageSettings.defaults(Map.of())
        .withKeys(new StorageSettings.Keys(LocalS3.ACCESS_KEY, LocalS3.SECRET_KEY)));
    weights = new byte[1_500_000];
    new Random(3).nextBytes(weights);
    client.upload(Files.write(dir.resolve("weights.bin"), weights), S3Location.parse("s3://bluefly-models/models/minilm/weights.bin"),
        TransferProgress.NONE);
    client.upload(Files.writeString(dir.resolve("ckpt.json"), "{\"step\":1000}"),
        S3Location.parse("s3://bluefly-models/checkpoints/run-1/ckpt.json"), TransferProgress.NONE);
  }

  @AfterEach
  void stop() {
    workers.forEach(ConfigurableApplicationContext::close);
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
    client.close();
    s3.close();
  }

  ConfigurableApplicationContext worker(Path log, String... artifacts) {
    List<String> args = new ArrayList<>(List.of("--server.port=0", "--vastmesh.worker.vast.unsecured=true", "--vastmesh.worker.startup.model-log=" + log,
        "--vastmesh.worker.startup.log-poll=20ms", "--vastmesh.worker.startup.on-load=Application startup complete",
        "--vastmesh.worker.startup.on-info=" + ModelLogLines.PREFIX, "--vastmesh.worker.artifacts.backoff=10ms"));
    for (String a : artifacts) {
      args.add("--vastmesh.worker.artifacts." + a);
    }
    ConfigurableApplicationContext context = new SpringApplicationBuilder(WorkerApplication.class).run(args.toArray(String[]::new));
    workers.add(context);
    return context;
  }

  @Test
  void fetchesAPresignedUrlAndAnS3SourceThenWaitsForTheModel() throws Exception {
    // An s3:// source needs keys: here the AWS chain's system properties (a local runner).
    System.setProperty("aws.accessKeyId", LocalS3.ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", LocalS3.SECRET_KEY);
    Path log = dir.resolve("model.log");
    String url = client.presignGet(S3Location.parse("s3://bluefly-models/models/minilm/weights.bin"), Duration.ofMinutes(10)).toString();
    WorkerState state = worker(log,
        "fetch[0].url=" + url, "fetch[0].target=" + dir.resolve("models"), "fetch[0].sha256=" + ResumableDownload.sha256Hex(weights),
        "fetch[1].source=s3://bluefly-models/checkpoints/run-1/ckpt.json", "fetch[1].plane=private", "fetch[1].target=" + dir.resolve("ckpt"),
        "store.private-endpoint=" + s3.endpoint()).getBean(WorkerState.class);

    await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(log) && Files.readString(log).contains(ModelLogLines.READY));
    assertThat(dir.resolve("models/weights.bin")).hasBinaryContent(weights);
    assertThat(dir.resolve("ckpt/ckpt.json")).hasContent("{\"step\":1000}");
    assertThat(Files.readString(log)).contains("[vastmesh-artifacts] fetching " + s3.endpoint() + "/bluefly-models/models/minilm/weights.bin into")
        .contains("(1500000 bytes, sha-256 " + ResumableDownload.sha256Hex(weights) + " as expected, 1 request(s))")
        .doesNotContain("X-Amz-Signature");
    assertThat(state.phase()).isEqualTo(WorkerState.Phase.LOADING);

    // The model server started once the artifacts were there, and loaded.
    Files.writeString(log, "INFO:     Application startup complete.\n", StandardOpenOption.APPEND);
    await().atMost(Duration.ofSeconds(30)).until(() -> state.phase() == WorkerState.Phase.READY);
  }

  @Test
  void aFailedFetchErrorsTheWorkerWithAPreciseMessage() throws Exception {
    Path log = dir.resolve("model.log");
    String url = client.presignGet(S3Location.parse("s3://bluefly-models/models/minilm/weights.bin"), Duration.ofMinutes(10)).toString();
    WorkerState state = worker(log, "fetch[0].url=" + url, "fetch[0].target=" + dir.resolve("models"),
        "fetch[0].sha256=" + "ab".repeat(32)).getBean(WorkerState.class);

    await().atMost(Duration.ofSeconds(30)).until(() -> state.phase() == WorkerState.Phase.ERRORED);
    assertThat(state.errorMessage()).isEqualTo("artifact fetch[0] failed: sha-256 of " + s3.endpoint()
        + "/bluefly-models/models/minilm/weights.bin is " + ResumableDownload.sha256Hex(weights) + ", expected " + "ab".repeat(32));
    assertThat(Files.readString(log)).contains("[vastmesh-artifacts] fetch failed: artifact fetch[0] failed: sha-256").doesNotContain("ready");
    assertThat(dir.resolve("models/weights.bin")).doesNotExist();
  }

  @Test
  void pushesTheResultsDirectoryWhenTheWorkerShutsDown() throws Exception {
    System.setProperty("aws.accessKeyId", LocalS3.ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", LocalS3.SECRET_KEY);
    Path results = Files.createDirectories(dir.resolve("results"));
    Path log = dir.resolve("model.log");
    String put = client.presignPut(S3Location.parse("s3://bluefly-models/artifacts/run-1/metrics.json"), Duration.ofMinutes(10)).toString();
    ConfigurableApplicationContext worker = worker(log, "push.directory=" + results, "push.urls[metrics.json]=" + put,
        "push.destination=s3://bluefly-models/artifacts/run-1/rest/", "push.plane=private", "store.private-endpoint=" + s3.endpoint());
    Files.writeString(results.resolve("metrics.json"), "{\"loss\":0.42}");
    Files.createDirectories(results.resolve("plots"));
    Files.writeString(results.resolve("plots/loss.csv"), "step,loss\n1,0.42\n");
    assertThat(client.head(S3Location.parse("s3://bluefly-models/artifacts/run-1/metrics.json"))).isEmpty();

    worker.close();

    assertThat(client.head(S3Location.parse("s3://bluefly-models/artifacts/run-1/metrics.json"))).hasValueSatisfying(o -> assertThat(o.size()).isEqualTo(13));
    assertThat(client.head(S3Location.parse("s3://bluefly-models/artifacts/run-1/rest/plots/loss.csv"))).isPresent();
    assertThat(Files.readString(log)).contains("[vastmesh-artifacts] pushed metrics.json to " + s3.endpoint()
        + "/bluefly-models/artifacts/run-1/metrics.json").contains("pushed plots/loss.csv to s3://bluefly-models/artifacts/run-1/rest/plots/loss.csv");
  }
}
