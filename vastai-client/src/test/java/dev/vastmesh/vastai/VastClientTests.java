package dev.vastmesh.vastai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vastmesh.vastai.internal.EndpointRateLimiter;
import dev.vastmesh.vastai.model.CreateInstance;
import dev.vastmesh.vastai.model.Instance;
import dev.vastmesh.vastai.model.Offer;
import dev.vastmesh.vastai.search.OfferSearch;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every operation against a local server speaking Vast's documented contract, failure modes included. */
class VastClientTests {

  static final String KEY = "vast-secret-key-123";
  static final JsonMapper JSON = JsonMapper.builder().build();

  MockWebServer server;
  VastClient vast;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
    vast = VastClient.builder(KEY).baseUrl(server.url("/").toString())
        .retries(3, Duration.ofMillis(5)).rateLimits(Map.of()).build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  void answer(int code, String body) {
    server.enqueue(new MockResponse.Builder().code(code).body(body).build());
  }

  RecordedRequest next() throws InterruptedException {
    return server.takeRequest(5, TimeUnit.SECONDS);
  }

  static JsonNode json(RecordedRequest request) {
    return JSON.readTree(request.getBody().utf8());
  }

  @Test
  void searchPostsTheQueryBodyWithTheBearerKey() throws Exception {
    answer(200, """
        {"offers":[{"id":7835610,"machine_id":4242,"gpu_name":"RTX 4090","num_gpus":1,"gpu_ram":24564,
          "dph_total":0.34,"reliability2":0.991,"geolocation":"US","inet_down":900.5,"cuda_max_good":12.4,
          "something_new":{"nested":true}}]}""");
    OfferSearch search = OfferSearch.parse("gpu_name=RTX_4090").orderBy("dph+");

    List<Offer> offers = vast.searchOffers(search);

    RecordedRequest request = next();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v0/bundles/");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
    assertThat(request.getBody().utf8()).isEqualTo(search.toJson());
    assertThat(offers).singleElement().satisfies(offer -> {
      assertThat(offer.id()).isEqualTo(7835610L);
      assertThat(offer.gpuName()).isEqualTo("RTX 4090");
      assertThat(offer.gpuRam()).isEqualTo(24564.0);
      assertThat(offer.dphTotal()).isEqualTo(0.34);
    });
  }

  @Test
  void rateLimitedAndUnavailableAnswersAreRetried() throws Exception {
    answer(429, "API requests too frequent endpoint threshold=1.0");
    answer(502, "bad gateway");
    answer(200, "{\"offers\":[]}");

    assertThat(vast.searchOffers(OfferSearch.parse(""))).isEmpty();
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void persistent429IsARateLimitedError() {
    for (int i = 0; i < 3; i++) {
      answer(429, "{\"detail\": \"API requests too frequent endpoint threshold=1.0\"}");
    }

    assertThatThrownBy(() -> vast.searchOffers(OfferSearch.parse("")))
        .isInstanceOf(VastException.RateLimited.class)
        .hasMessageContaining("API requests too frequent");
  }

  @Test
  void createPutsTheCliBodyAndReturnsTheNewContract() throws Exception {
    answer(200, "{\"success\":true,\"new_contract\":29484611}");
    CreateInstance request = CreateInstance.of("vllm/vllm-openai:latest", 40)
        .withEnv(Map.of("MODEL_NAME", "Qwen/Qwen3-8B", "-p 3000:3000", "1")).withOnstart("bash /start.sh").withLabel("w1").withBid(0.2);

    long id = vast.createInstance(7835610L, request);

    assertThat(id).isEqualTo(29484611L);
    RecordedRequest put = next();
    assertThat(put.getMethod()).isEqualTo("PUT");
    assertThat(put.getUrl().encodedPath()).isEqualTo("/api/v0/asks/7835610/");
    JsonNode body = json(put);
    assertThat(body.get("client_id").asString()).isEqualTo("me");
    assertThat(body.get("image").asString()).isEqualTo("vllm/vllm-openai:latest");
    assertThat(body.get("disk").asDouble()).isEqualTo(40.0);
    assertThat(body.get("env").get("-p 3000:3000").asString()).isEqualTo("1");
    assertThat(body.get("price").asDouble()).isEqualTo(0.2);
    assertThat(body.get("runtype").asString()).isEqualTo("ssh_direc ssh_proxy");
    assertThat(body.get("label").asString()).isEqualTo("w1");
  }

  @Test
  void onDemandCreateSendsANullPrice() throws Exception {
    answer(200, "{\"success\":true,\"new_contract\":1}");

    vast.createInstance(5, CreateInstance.of("img", 10));

    assertThat(json(next()).get("price").isNull()).isTrue();
  }

  @Test
  void aTakenOfferIsOfferUnavailable() {
    answer(410, "{\"success\":false,\"error\":\"no_such_ask\",\"msg\":\"Instance type no longer available\",\"ask_id\":7835610}");

    assertThatThrownBy(() -> vast.createInstance(7835610L, CreateInstance.of("img", 10)))
        .isInstanceOfSatisfying(VastException.OfferUnavailable.class, e -> {
          assertThat(e.offerId()).isEqualTo(7835610L);
          assertThat(e.status()).isEqualTo(410);
        });
  }

  @Test
  void listReadsEveryPage() throws Exception {
    answer(200, "{\"success\":true,\"instances_found\":2,\"next_token\":\"tok-2\",\"instances\":[{\"id\":1,\"actual_status\":\"running\"}]}");
    answer(200, "{\"success\":true,\"instances_found\":2,\"next_token\":null,\"instances\":[{\"id\":2,\"actual_status\":\"loading\","
        + "\"ports\":{\"3000/tcp\":[{\"HostIp\":\"0.0.0.0\",\"HostPort\":\"41234\"}]}}]}");

    List<Instance> instances = vast.listInstances();

    assertThat(instances).extracting(Instance::id).containsExactly(1L, 2L);
    RecordedRequest first = next();
    assertThat(first.getUrl().encodedPath()).isEqualTo("/api/v1/instances/");
    assertThat(first.getUrl().queryParameter("select_filters")).isEqualTo("{}");
    assertThat(first.getUrl().queryParameter("order_by")).isEqualTo("[{\"col\":\"id\",\"dir\":\"asc\"}]");
    assertThat(first.getUrl().queryParameter("limit")).isEqualTo("25");
    assertThat(first.getUrl().queryParameter("after_token")).isNull();
    assertThat(next().getUrl().queryParameter("after_token")).isEqualTo("tok-2");
  }

  @Test
  void anEmptyOrWronglyShapedListIsAnErrorNeverZeroInstances() {
    answer(200, "");
    assertThatThrownBy(vast::listInstances).isInstanceOf(VastException.MalformedResponse.class).hasMessageContaining("empty");
    answer(200, "<html>maintenance</html>");
    assertThatThrownBy(vast::listInstances).isInstanceOf(VastException.MalformedResponse.class).hasMessageContaining("not JSON");
    answer(200, "{\"success\":true}");
    assertThatThrownBy(vast::listInstances).isInstanceOf(VastException.MalformedResponse.class).hasMessageContaining("no 'instances'");
    answer(200, "[]");
    assertThatThrownBy(vast::listInstances).isInstanceOf(VastException.MalformedResponse.class);
  }

  @Test
  void showInstanceReadsOneOrNone() throws Exception {
    answer(200, "{\"instances\":{\"id\":29484611,\"actual_status\":\"running\",\"cur_state\":\"stopped\",\"intended_status\":\"stopped\","
        + "\"next_state\":\"stopped\",\"public_ipaddr\":\"203.0.113.4\",\"ports\":{\"3000/tcp\":[{\"HostIp\":\"0.0.0.0\",\"HostPort\":\"41234\"}]}}}");
    answer(200, "{\"instances\":null}");
    answer(404, "{\"msg\":\"no such instance\"}");

    Instance instance = vast.showInstance(29484611L).orElseThrow();
    assertThat(instance.publicIpaddr()).isEqualTo("203.0.113.4");
    assertThat(instance.outbid()).isTrue();
    assertThat(next().getUrl().queryParameter("owner")).isEqualTo("me");
    assertThat(vast.showInstance(1)).isEmpty();
    assertThatThrownBy(() -> vast.showInstance(2)).isInstanceOf(VastException.NotFound.class);
  }

  @Test
  void destroyStartStopLabelAndReboot() throws Exception {
    for (int i = 0; i < 5; i++) {
      answer(200, "{\"success\":true}");
    }
    vast.destroyInstance(9);
    vast.startInstance(9);
    vast.stopInstance(9);
    vast.labelInstance(9, "ci-123");
    vast.rebootInstance(9);

    RecordedRequest destroy = next();
    assertThat(destroy.getMethod()).isEqualTo("DELETE");
    assertThat(destroy.getUrl().encodedPath()).isEqualTo("/api/v0/instances/9/");
    assertThat(destroy.getBody().utf8()).isEqualTo("{}");
    assertThat(json(next()).get("state").asString()).isEqualTo("running");
    assertThat(json(next()).get("state").asString()).isEqualTo("stopped");
    assertThat(json(next()).get("label").asString()).isEqualTo("ci-123");
    assertThat(next().getUrl().encodedPath()).isEqualTo("/api/v0/instances/reboot/9/");
  }

  @Test
  void anUnsuccessfulAnswerIsAnError() {
    answer(200, "{\"success\":false,\"msg\":\"instance is already gone\"}");

    assertThatThrownBy(() -> vast.destroyInstance(9)).isInstanceOf(VastException.Api.class).hasMessageContaining("instance is already gone");
  }

  @Test
  void aBadKeyIsAClearAuthenticationErrorThatNeverShowsTheKey() {
    answer(401, "{\"detail\":\"Invalid API key\"}");

    assertThatThrownBy(vast::balance)
        .isInstanceOfSatisfying(VastException.Authentication.class, e -> assertThat(e.status()).isEqualTo(401))
        .hasMessageContaining("Invalid API key").hasMessageContaining("VASTAI_API_KEY, VAST_API_KEY or --api-key-file")
        .hasMessageNotContaining(KEY);
    assertThat(vast.toString()).doesNotContain(KEY);
  }

  @Test
  void invoicesAndChargesForAPeriodReadEveryPage() throws Exception {
    answer(200, "{\"success\":true,\"count\":2,\"next_token\":\"p2\",\"results\":[{\"start\":1767225600,\"end\":1767312000,"
        + "\"type\":\"charge\",\"description\":\"instance 1\",\"amount\":8.16}]}");
    answer(200, "{\"success\":true,\"count\":2,\"next_token\":null,\"results\":[{\"amount\":1.5}]}");
    answer(200, "{\"success\":true,\"results\":[{\"amount\":0.34,\"items\":[{\"type\":\"gpu\",\"amount\":0.3}]}]}");
    java.time.Instant from = java.time.Instant.parse("2026-01-01T00:00:00Z");
    java.time.Instant to = java.time.Instant.parse("2026-01-31T00:00:00Z");

    assertThat(vast.invoices(from, to)).extracting(l -> l.amount()).containsExactly(8.16, 1.5);
    RecordedRequest first = next();
    assertThat(first.getUrl().encodedPath()).isEqualTo("/api/v1/invoices/");
    assertThat(first.getUrl().queryParameter("select_filters")).isEqualTo("{\"when\":{\"gte\":1767225600,\"lte\":1769817600}}");
    assertThat(next().getUrl().queryParameter("after_token")).isEqualTo("p2");

    assertThat(vast.charges(from, to)).singleElement().satisfies(l -> assertThat(l.items()).hasSize(1));
    assertThat(next().getUrl().queryParameter("select_filters"))
        .isEqualTo("{\"day\":{\"gte\":1767225600,\"lte\":1769817600},\"type\":{\"in\":[\"instance\"]}}");
  }

  @Test
  void aKeyThatIsNoAccountsIsAnAuthenticationErrorThoughVastSays404() {
    answer(404, "{\"success\":false,\"error\":\"auth_error\",\"msg\":\"Invalid user key\"}");

    assertThatThrownBy(() -> vast.showInstance(1)).isInstanceOf(VastException.Authentication.class)
        .hasMessageContaining("Invalid user key").hasMessageContaining("VASTAI_API_KEY, VAST_API_KEY or --api-key-file")
        .hasMessageNotContaining(KEY);
  }

  @Test
  void invoicesAnsweringSuccessFalseAreAnErrorNotAnEmptyList() {
    answer(200, "{\"success\":false,\"error\":\"Invalid date range\",\"count\":0,\"total\":0,\"results\":[],\"next_token\":null}");
    java.time.Instant at = java.time.Instant.parse("2026-01-01T00:00:00Z");

    assertThatThrownBy(() -> vast.invoices(at, at.plusSeconds(60))).isInstanceOf(VastException.Api.class)
        .hasMessageContaining("Invalid date range");
  }

  @Test
  void chargesAndInvoicesAreSpacedByTheirOwnLimits() {
    assertThat(EndpointRateLimiter.classify(new okhttp3.Request.Builder().url("https://console.vast.ai/api/v0/charges/?limit=1").build()))
        .isEqualTo(EndpointRateLimiter.Endpoint.CHARGES);
    assertThat(EndpointRateLimiter.classify(new okhttp3.Request.Builder().url("https://console.vast.ai/api/v1/invoices/").build()))
        .isEqualTo(EndpointRateLimiter.Endpoint.INVOICES);
    assertThat(EndpointRateLimiter.documented()).containsEntry(EndpointRateLimiter.Endpoint.CHARGES, Duration.ofSeconds(1))
        .containsEntry(EndpointRateLimiter.Endpoint.INVOICES, Duration.ofSeconds(3));
  }

  @Test
  void balanceIsRead() {
    answer(200, "{\"id\":42,\"email\":\"ops@example.com\",\"balance\":12.5,\"credit\":3.0}");

    assertThat(vast.balance().balance()).isEqualTo(12.5);
  }

  @Test
  void anUnreachableApiIsATransportErrorAfterRetries() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    VastClient unreachable = VastClient.builder(KEY).baseUrl("http://127.0.0.1:" + port).retries(3, Duration.ofMillis(5))
        .rateLimits(Map.of()).build();

    assertThatThrownBy(unreachable::balance).isInstanceOf(VastException.Transport.class).hasMessageNotContaining(KEY);
  }

  @Test
  void callsToOneEndpointAreSpacedByItsLimit() {
    VastClient spaced = VastClient.builder(KEY).baseUrl(server.url("/").toString()).retries(1, Duration.ofMillis(5))
        .rateLimits(Map.of(EndpointRateLimiter.Endpoint.SHOW, Duration.ofMillis(300))).build();
    for (int i = 0; i < 3; i++) {
      answer(200, "{\"instances\":null}");
    }
    answer(200, "{\"id\":1}");

    long started = System.nanoTime();
    spaced.showInstance(1);
    spaced.showInstance(1);
    spaced.showInstance(1);
    long elapsed = System.nanoTime() - started;
    spaced.balance();

    assertThat(Duration.ofNanos(elapsed)).isGreaterThanOrEqualTo(Duration.ofMillis(580));
    assertThat(Duration.ofNanos(System.nanoTime() - started - elapsed)).as("other endpoints are not held").isLessThan(Duration.ofMillis(250));
  }

  @Test
  void anEmptyKeyIsRefused() {
    assertThatThrownBy(() -> VastClient.builder(" ")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("VASTAI_API_KEY");
  }
}
