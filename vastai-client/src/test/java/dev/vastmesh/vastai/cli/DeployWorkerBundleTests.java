package dev.vastmesh.vastai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code vastai deploy --worker-bundle} and {@code --registry-enroll}: what the rented instance is
 * given, and what is refused.
 */
class DeployWorkerBundleTests extends CliTestSupport<FakeVast> {

  private static final String SHA = "ab".repeat(32);

  @TempDir
  Path dir;
  final Map<String, String> extraEnv = new HashMap<>();

  DeployWorkerBundleTests() {
    super(new FakeVast());
  }

  @BeforeEach
  void offers() {
    vast.offersJson = FakeVast.offers(0.3);
  }

  int deploy(String... extra) {
    List<String> args = new ArrayList<>(List.of("deploy", "--query", "gpu_name=RTX_4090", "--max-price", "0.5",
        "--image", "vllm/vllm-openai:latest", "--poll", "PT0.02S", "--result", dir.resolve("result.json").toString()));
    args.addAll(List.of(extra));
    Map<String, String> env = new HashMap<>(extraEnv);
    env.put("VASTAI_API_KEY", FakeVast.KEY);
    return run(env, args.toArray(String[]::new));
  }

  JsonNode created() {
    return JsonMapper.builder().build().readTree(vast.created.getFirst());
  }

  @Test
  void theInstanceGetsTheInstallerAfterItsOwnOnstartAndTheBundleInItsEnvironment() throws Exception {
    int code = deploy("--worker-bundle", "https://nas.example.com/b.tar.gz?X-Amz-Signature=s3cret", "--worker-bundle-sha256",
        SHA.toUpperCase(), "--worker-preset", "vllm", "--onstart", "vllm serve m >/var/log/model.log 2>&1 &",
        "--env", "VASTMESH_WORKER_REGISTRY_TOKEN=register-only");

    assertThat(code).isZero();
    JsonNode body = created();
    assertThat(body.get("env").get("VASTMESH_WORKER_BUNDLE_URL").asString()).isEqualTo("https://nas.example.com/b.tar.gz?X-Amz-Signature=s3cret");
    assertThat(body.get("env").get("VASTMESH_WORKER_BUNDLE_SHA256").asString()).isEqualTo(SHA);
    assertThat(body.get("env").get("VASTMESH_WORKER_PRESET").asString()).isEqualTo("vllm");
    assertThat(body.get("env").get("VASTMESH_WORKER_REGISTRY_TOKEN").asString()).isEqualTo("register-only");
    String onstart = body.get("onstart").asString();
    assertThat(onstart).startsWith("#!/bin/bash\nvllm serve m >/var/log/model.log 2>&1 &\n")
        .contains("SHA-256 mismatch for the worker bundle").doesNotContain(FakeVast.KEY);
    assertThat(onstart.lines().skip(1)).noneMatch(line -> line.stripLeading().startsWith("#"));
    assertThat(out.toString() + err).doesNotContain("s3cret").contains("https://nas.example.com/b.tar.gz?<redacted>");
    // What the instance runs is a valid script.
    Path script = Files.writeString(dir.resolve("onstart"), onstart);
    assertThat(new ProcessBuilder("bash", "-n", script.toString()).inheritIO().start().waitFor()).isZero();
  }

  @Test
  void withoutAChecksumTheBundleIsDownloadedOnceToTakeIt() throws Exception {
    byte[] bundle = "not really a tarball".getBytes(StandardCharsets.UTF_8);
    try (MockWebServer files = new MockWebServer()) {
      files.enqueue(new MockResponse.Builder().code(200).body(new okio.Buffer().write(bundle)).build());
      files.start();

      assertThat(deploy("--worker-bundle", files.url("/bundle.tar.gz").toString())).isZero();

      String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bundle));
      assertThat(created().get("env").get("VASTMESH_WORKER_BUNDLE_SHA256").asString()).isEqualTo(expected);
      assertThat(created().get("env").has("VASTMESH_WORKER_PRESET")).isFalse();
    }
  }

  @Test
  void aBundleThatCannotBeDownloadedRentsNothing() throws Exception {
    try (MockWebServer files = new MockWebServer()) {
      files.enqueue(new MockResponse.Builder().code(404).build());
      files.start();

      assertThat(deploy("--worker-bundle", files.url("/bundle.tar.gz?sig=s3cret").toString())).isEqualTo(VastCli.LOCAL_IO_ERROR);
      assertThat(err.toString()).contains("answered 404").contains("?<redacted>").doesNotContain("s3cret");
      assertThat(vast.created).isEmpty();
    }
  }

  @Test
  void badBundleOptionsAreUsageErrors() {
    assertThat(deploy("--worker-bundle", "https://x.example/b", "--worker-bundle-sha256", "abc")).isEqualTo(2);
    assertThat(err.toString()).contains("--worker-bundle-sha256 must be 64 hex digits");
    assertThat(deploy("--worker-bundle", "ftp://x.example/b", "--worker-bundle-sha256", SHA)).isEqualTo(2);
    assertThat(err.toString()).contains("--worker-bundle must be an http(s) URL");
    assertThat(deploy("--worker-bundle", "https://x.example/b", "--worker-bundle-sha256", SHA, "--worker-preset", "pytorch")).isEqualTo(2);
    assertThat(err.toString()).contains("--worker-preset must be one of [embeddings, none, ollama, tei, tgi, vllm], not pytorch");
    assertThat(deploy("--worker-preset", "vllm")).isEqualTo(2);
    assertThat(err.toString()).contains("--worker-bundle-sha256 and --worker-preset need --worker-bundle");
    assertThat(vast.created).isEmpty();
  }

  @Test
  void theAccountKeyNeverGoesToTheInstance() {
    assertThat(deploy("--worker-bundle", "https://x.example/b", "--worker-bundle-sha256", SHA,
        "--env", "VASTMESH_WORKER_REGISTRY_TOKEN=" + FakeVast.KEY)).isEqualTo(2);
    assertThat(err.toString()).contains("--env VASTMESH_WORKER_REGISTRY_TOKEN holds the account's API key");
    assertThat(deploy("--onstart", "export K=" + FakeVast.KEY)).isEqualTo(2);
    assertThat(err.toString()).contains("--onstart holds the account's API key");
    assertThat(vast.created).isEmpty();
  }

  /** A registry that mints one enrollment token per call, recording what it was asked. */
  MockWebServer registry(int status, String answer) throws IOException {
    MockWebServer registry = new MockWebServer();
    registry.enqueue(new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json").body(answer).build());
    registry.start();
    return registry;
  }

  @Test
  void theInstanceGetsOnlyAOneTimeEnrollmentTokenMintedWithTheCisToken() throws Exception {
    try (MockWebServer registry = registry(201, "{\"enrollment_token\": \"vme_one-time\", \"expires_at\": \"2026-01-04T13:00:00Z\"}")) {
      extraEnv.put("VASTMESH_REGISTRY_ENROLL_TOKEN", "ci-enroll-secret");

      assertThat(deploy("--registry-enroll", registry.url("/").toString(), "--idempotency-key", "p-77", "--environment", "prod",
          "--offer-timeout", "PT30M", "--offers", "2")).isZero();

      var minted = registry.takeRequest();
      assertThat(minted.getTarget()).isEqualTo("/api/v1/vastai/registry/enrollment-tokens");
      assertThat(minted.getHeaders().get("Authorization")).isEqualTo("Bearer ci-enroll-secret");
      JsonNode asked = JsonMapper.builder().build().readTree(minted.getBody().utf8());
      assertThat(asked.get("ttl_seconds").asLong()).as("two offers of 30 min, then an hour for the model").isEqualTo(7200);
      assertThat(asked.get("label").asString()).isEqualTo("vastmesh-deploy:p-77;env=prod");
      JsonNode env = created().get("env");
      assertThat(env.get("VASTMESH_WORKER_REGISTRY_TOKEN").asString()).isEqualTo("vme_one-time");
      assertThat(env.get("VASTMESH_WORKER_REGISTRY_URL").asString()).isEqualTo(registry.url("/").toString().replaceAll("/$", ""));
      assertThat(vast.created.getFirst()).doesNotContain("ci-enroll-secret");
      assertThat(out.toString() + err).doesNotContain("ci-enroll-secret").doesNotContain("vme_one-time");
    }
  }

  @Test
  void aRegistryThatRefusesToMintRentsNothing() throws Exception {
    try (MockWebServer registry = registry(403, "{\"type\": \"https://vastmesh.dev/problems/forbidden\", \"status\": 403, "
        + "\"detail\": \"token 'ci' lacks the enroll scope\"}")) {
      extraEnv.put("VASTMESH_REGISTRY_ENROLL_TOKEN", "ci-register-only");

      assertThat(deploy("--registry-enroll", registry.url("/").toString())).isEqualTo(VastCli.LOCAL_IO_ERROR);

      assertThat(err.toString()).contains("HTTP 403").contains("lacks the enroll scope")
          .contains("VASTMESH_REGISTRY_ENROLL_TOKEN needs the enroll scope").doesNotContain("ci-register-only");
      assertThat(vast.created).isEmpty();
    }
  }

  @Test
  void enrollingRefusesAMissingCiTokenAndAnyOtherWayOfGivingATokenToTheInstance() {
    assertThat(deploy("--registry-enroll", "http://127.0.0.1:9/")).isEqualTo(2);
    assertThat(err.toString()).contains("--registry-enroll needs the CI's registry token (enroll scope) in VASTMESH_REGISTRY_ENROLL_TOKEN");

    extraEnv.put("VASTMESH_REGISTRY_ENROLL_TOKEN", "ci-enroll-secret");
    assertThat(deploy("--registry-enroll", "http://127.0.0.1:9/", "--env", "VASTMESH_WORKER_REGISTRY_TOKEN=x")).isEqualTo(2);
    assertThat(err.toString()).contains("do not set it with --env or --env-from too");
    assertThat(deploy("--registry-enroll", "http://127.0.0.1:9/", "--env", "OTHER=ci-enroll-secret")).isEqualTo(2);
    assertThat(err.toString()).contains("--env OTHER holds the token from VASTMESH_REGISTRY_ENROLL_TOKEN")
        .doesNotContain("=ci-enroll-secret");
    assertThat(vast.created).isEmpty();
  }
}
