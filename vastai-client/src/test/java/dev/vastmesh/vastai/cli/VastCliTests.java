package dev.vastmesh.vastai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The real CLI entry point against a local server speaking Vast's contract: output, result file, exit codes. */
class VastCliTests extends CliTestSupport<FakeVast> {

  @TempDir
  Path dir;

  VastCliTests() {
    super(new FakeVast());
  }

  int run(String... args) {
    return runWithKey(FakeVast.KEY, args);
  }

  String[] deploy(String... extra) {
    List<String> args = new ArrayList<>(List.of("deploy", "--query", "gpu_name=RTX_4090", "--max-price", "0.5",
        "--image", "vllm/vllm-openai:latest", "--disk", "40", "--env", "-p 3000:3000=1", "--poll", "PT0.02S",
        "--no-progress-timeout", "PT0.4S", "--offer-timeout", "PT10S", "--result", dir.resolve("result.json").toString()));
    args.addAll(List.of(extra));
    return args.toArray(String[]::new);
  }

  JsonNode result() throws IOException {
    return JsonMapper.builder().build().readTree(Files.readString(dir.resolve("result.json")));
  }

  @Test
  void deployRentsTheCheapestAcceptableOfferAndWritesTheResult() throws Exception {
    vast.offersJson = FakeVast.offers(0.3, 0.9);
    vast.statesByOffer.put(1L, List.of("loading|pulling image", "loading|pulling 60%", "running|ok"));

    int code = run(deploy());

    assertThat(code).isZero();
    JsonNode result = result();
    assertThat(result.get("status").asString()).isEqualTo("ready");
    assertThat(result.get("offer_id").asLong()).isEqualTo(1L);
    assertThat(result.get("public_ip").asString()).isEqualTo("203.0.113.4");
    assertThat(result.get("ports").get("3000/tcp").asString()).isEqualTo("41234");
    assertThat(err.toString()).contains("loading / pulling image").contains("loading / pulling 60%").contains("running / ok");
    assertThat(vast.created.getFirst()).contains("\"image\":\"vllm/vllm-openai:latest\"").contains("\"-p 3000:3000\":\"1\"");
    assertThat(out.toString() + err).doesNotContain(FakeVast.KEY);
  }

  @Test
  void deployReportsSignedCanonicalEventsToTheGateway() throws Exception {
    String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    List<mockwebserver3.RecordedRequest> received = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (MockWebServer gateway = new MockWebServer()) {
      gateway.setDispatcher(new mockwebserver3.Dispatcher() {
        @Override
        public mockwebserver3.MockResponse dispatch(mockwebserver3.RecordedRequest request) {
          received.add(request);
          return FakeVast.json(202, "{\"status\":\"accepted\"}");
        }
      });
      gateway.start();
      vast.offersJson = FakeVast.offers(0.3);
      Map<String, String> env = Map.of("VASTAI_API_KEY", FakeVast.KEY, "VASTMESH_WEBHOOK_SECRET", secret);

      int code = run(env, deploy("--events-url", gateway.url("/api/v1/webhooks/ci").toString(), "--idempotency-key", "pipeline-9",
          "--environment", "prod"));

      assertThat(code).isZero();
      assertThat(received).extracting(r -> dev.vastmesh.events.EventCodec.standard().parse(r.getBody().toByteArray()).type().wireName())
          .containsExactly("vastai.deployment.started", "vastai.instance.created", "vastai.deployment.completed");
      com.standardwebhooks.Webhook verifier = new com.standardwebhooks.Webhook(secret);
      for (mockwebserver3.RecordedRequest request : received) {
        Map<String, List<String>> headers = new java.util.HashMap<>();
        request.getHeaders().names().forEach(n -> headers.put(n.toLowerCase(java.util.Locale.ROOT), request.getHeaders().values(n)));
        verifier.verify(request.getBody().utf8(), headers);
        var event = dev.vastmesh.events.EventCodec.standard().parse(request.getBody().toByteArray());
        assertThat(event.triggerId()).isEqualTo("pipeline-9");
        assertThat(event.environment()).isEqualTo("prod");
        assertThat(request.getHeaders().get("webhook-id")).isEqualTo(event.id());
      }
      assertThat(vast.created.getFirst()).as("the environment is in the label, so charges can be told by it")
          .contains("\"label\":\"vastmesh-deploy:pipeline-9;env=prod\"");
      assertThat(out.toString() + err).doesNotContain(secret);
    }
  }

  @Test
  void aTakenOfferFailsOverToTheNext() throws Exception {
    vast.offersJson = FakeVast.offers(0.2, 0.3);
    vast.createStatus.put(1L, 410);

    assertThat(run(deploy())).isZero();
    assertThat(result().get("offer_id").asLong()).isEqualTo(2L);
    assertThat(err.toString()).contains("offer 1 is gone");
  }

  @Test
  void aStuckInstanceIsDestroyedAndTheNextOfferTried() throws Exception {
    vast.offersJson = FakeVast.offers(0.2, 0.3);
    vast.statesByOffer.put(1L, List.of("loading|pulling image"));

    assertThat(run(deploy())).isZero();
    assertThat(vast.destroyed).containsExactly(1001L);
    assertThat(result().get("offer_id").asLong()).isEqualTo(2L);
    assertThat(err.toString()).contains("made no progress");
  }

  @Test
  void anExitedInstanceIsDestroyedAndWhenEveryOfferFailsTheCodeSaysSo() throws Exception {
    vast.offersJson = FakeVast.offers(0.2, 0.3);
    vast.statesByOffer.put(1L, List.of("loading|x", "exited|container died"));
    vast.createStatus.put(2L, 410);

    assertThat(run(deploy())).isEqualTo(VastCli.ALL_OFFERS_FAILED);
    assertThat(vast.destroyed).containsExactly(1001L);
    assertThat(result().get("status").asString()).isEqualTo("failed");
    assertThat(result().get("attempts")).hasSize(2);
  }

  @Test
  void noOfferUnderTheMaximumPrice() throws Exception {
    vast.offersJson = FakeVast.offers(0.9, 1.2);

    assertThat(run(deploy())).isEqualTo(VastCli.NO_OFFER);
    assertThat(result().get("status").asString()).isEqualTo("no_offer");
    assertThat(vast.created).isEmpty();
  }

  @Test
  void anOnDemandRentalWhenABidWasGivenIsNotAccepted() throws Exception {
    vast.offersJson = FakeVast.offers(0.2, 0.3);
    vast.bidByOffer.put(2L, true);

    assertThat(run(deploy("--bid", "0.25"))).isZero();
    assertThat(vast.destroyed).containsExactly(1001L);
    assertThat(result().get("offer_id").asLong()).isEqualTo(2L);
    assertThat(vast.created.getFirst()).contains("\"price\":0.25");
  }

  @Test
  void deployWritesTheReadyInstanceAsADotenvReport() throws Exception {
    vast.offersJson = FakeVast.offers(0.3);
    Path dotenv = dir.resolve("deploy.env");

    assertThat(run(deploy("--dotenv", dotenv.toString()))).isZero();

    assertThat(Files.readAllLines(dotenv)).containsExactly("VASTAI_INSTANCE_ID=1001", "VASTAI_OFFER_ID=1",
        "VASTAI_PUBLIC_IP=203.0.113.4", "VASTAI_ADOPTED=false", "VASTAI_PORT_3000_TCP=41234");
  }

  @Test
  void envFromGivesTheInstanceAVariableOfThisProcessWithoutItOnTheCommandLine() {
    vast.offersJson = FakeVast.offers(0.3);

    assertThat(run(Map.of("VASTAI_API_KEY", FakeVast.KEY, "VASTMESH_WORKER_REGISTRY_TOKEN", "vmreg_secret"),
        deploy("--env-from", "VASTMESH_WORKER_REGISTRY_TOKEN"))).isZero();

    assertThat(vast.created.getFirst()).contains("\"VASTMESH_WORKER_REGISTRY_TOKEN\":\"vmreg_secret\"");
    assertThat(out.toString() + err).doesNotContain("vmreg_secret");
    assertThat(run(deploy("--env-from", "NOT_SET_HERE"))).isEqualTo(2);
    assertThat(err.toString()).contains("NOT_SET_HERE is not set");
  }

  @Test
  void noDotenvIsWrittenWhenNoOfferIsUnderThePrice() throws Exception {
    vast.offersJson = FakeVast.offers(0.9);
    Path dotenv = dir.resolve("deploy.env");

    assertThat(run(deploy("--dotenv", dotenv.toString()))).isEqualTo(VastCli.NO_OFFER);

    assertThat(dotenv).doesNotExist();
    assertThat(result().get("status").asString()).isEqualTo("no_offer");
  }

  @Test
  void destroyIfExistsIsSuccessForAnInstanceVastNoLongerHasAndDestroysOneItHas() {
    vast.gone.add(1005L);

    assertThat(run("destroy", "instance", "1005", "--if-exists")).isZero();
    assertThat(out.toString()).contains("\"already_gone\" : true");
    assertThat(vast.requests).doesNotContain("DELETE /api/v0/instances/1005/");

    out.getBuffer().setLength(0);
    assertThat(run("destroy", "instance", "1006", "--if-exists")).isZero();
    assertThat(out.toString()).doesNotContain("already_gone");
    assertThat(vast.destroyed).containsExactly(1006L);
  }

  @Test
  void destroyWithoutIfExistsIsAnErrorForAnInstanceVastNoLongerHas() {
    vast.gone.add(1005L);

    assertThat(run("destroy", "instance", "1005")).isEqualTo(VastCli.API_ERROR);
    assertThat(err.toString()).contains("404");
  }

  @Test
  void destroyIfExistsIsAnErrorWhenVastCannotBeRead() {
    assertThat(run(Map.of("VASTAI_API_KEY", "wrong-key"), "destroy", "instance", "1005", "--if-exists")).isEqualTo(VastCli.API_ERROR);
    assertThat(out.toString()).doesNotContain("success");
  }

  @Test
  void theSameIdempotencyKeyAdoptsTheExistingInstance() throws Exception {
    vast.instancesJson = "{\"success\":true,\"next_token\":null,\"instances\":[{\"id\":777,\"label\":\"vastmesh-deploy:pipeline-42\","
        + "\"actual_status\":\"running\"}]}";

    assertThat(run(deploy("--idempotency-key", "pipeline-42"))).isZero();
    assertThat(result().get("instance_id").asLong()).isEqualTo(777L);
    assertThat(result().get("adopted").asBoolean()).isTrue();
    assertThat(vast.created).isEmpty();
  }

  @Test
  void aBadKeyIsAClearErrorWithItsOwnExitCode() {
    vast.offersJson = FakeVast.offers(0.2);

    int code = run(Map.of("VASTAI_API_KEY", "wrong-key"), deploy());

    assertThat(code).isEqualTo(VastCli.API_ERROR);
    assertThat(err.toString()).contains("Invalid API key")
        .contains("VASTAI_API_KEY, VAST_API_KEY or --api-key-file").doesNotContain("wrong-key");
  }

  @Test
  void aMissingKeyIsAUsageError() {
    assertThat(run(Map.of(), "show", "instances")).isEqualTo(2);
    assertThat(err.toString()).contains("no API key");
  }

  @Test
  void theKeyCanComeFromAFile() throws IOException {
    Path key = dir.resolve("key");
    Files.writeString(key, FakeVast.KEY + "\n");

    assertThat(run(Map.of(), "--api-key-file", key.toString(), "show", "instances")).isZero();
  }

  @Test
  void searchOffersPrintsATableOrJson() {
    vast.offersJson = FakeVast.offers(0.34);

    assertThat(run("search", "offers", "gpu_name=RTX_4090 num_gpus>=1", "-o", "dph+")).isZero();
    assertThat(out.toString()).contains("ID").contains("RTX 4090").contains("0.3400").contains("US");
    out.getBuffer().setLength(0);
    assertThat(run("search", "offers", "gpu_name=RTX_4090", "--json")).isZero();
    assertThat(out.toString()).contains("\"dph_total\" : 0.34");
    assertThat(run("search", "offers", "num_gpus>>2")).isEqualTo(2);
    assertThat(err.toString()).contains("unknown operator '>>'");
  }

  @Test
  void instanceCommands() {
    assertThat(run("create", "instance", "5", "--image", "img", "--disk", "16", "--env", "A=1", "--price", "0.2")).isZero();
    assertThat(out.toString()).contains("\"new_contract\" : 1001");
    assertThat(run("show", "instance", "1001")).isZero();
    assertThat(run("show", "instances")).isZero();
    assertThat(run("stop", "instance", "1001")).isZero();
    assertThat(run("destroy", "instance", "1001")).isZero();
    assertThat(vast.requests).contains("PUT /api/v0/instances/1001/", "DELETE /api/v0/instances/1001/");
  }

  @Test
  void destroyStartAndStopEachDoTheirOwnActionOnTheInstanceNamed() {
    assertThat(run("start", "instance", "1001")).isZero();
    assertThat(out.toString()).contains("\"id\" : 1001").contains("\"success\" : true");
    assertThat(run("stop", "instance", "1002")).isZero();
    assertThat(run("destroy", "instance", "1003")).isZero();

    assertThat(vast.requestsWithBodies).anySatisfy(r -> assertThat(r).startsWith("PUT /api/v0/instances/1001/").contains("running"));
    assertThat(vast.requestsWithBodies).anySatisfy(r -> assertThat(r).startsWith("PUT /api/v0/instances/1002/").contains("stopped"));
    assertThat(vast.destroyed).containsExactly(1003L);
    assertThat(run("stop", "instance")).isEqualTo(2);
  }
}
