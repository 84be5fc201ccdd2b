package dev.vastmesh.registry.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastmesh.registry.enrollment.EnrollmentStore;
import dev.vastmesh.registry.store.InstanceStore;
import dev.vastmesh.registry.support.RegistryClient;
import dev.vastmesh.registry.support.RegistryTestConfiguration;
import dev.vastmesh.support.security.Tokens;
import dev.vastmesh.testsupport.MutableClock;
import dev.vastmesh.testsupport.ServiceClient.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * One-time enrollment tokens end to end: minted with the enroll scope, spent by exactly one
 * registration. {@code RedisEnrollmentApiIntegrationTests} runs every test here on Redis.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "vastmesh.registry.security.tokens[0].name=admin", "vastmesh.registry.security.tokens[0].value=admin-token",
    "vastmesh.registry.security.tokens[0].scopes=admin",
    "vastmesh.registry.security.tokens[1].name=ci", "vastmesh.registry.security.tokens[1].value=enroll-token",
    "vastmesh.registry.security.tokens[1].scopes=enroll",
    "vastmesh.registry.security.tokens[2].name=registrar", "vastmesh.registry.security.tokens[2].value=register-token",
    "vastmesh.registry.security.tokens[2].scopes=register",
    "vastmesh.registry.security.tokens[3].name=ops", "vastmesh.registry.security.tokens[3].value=write-token",
    "vastmesh.registry.security.tokens[3].scopes=write",
    "vastmesh.registry.expiry.sweep-interval=1h",
    "vastmesh.registry.enrollment.max-ttl=2h"})
@Import(RegistryTestConfiguration.class)
@ExtendWith(OutputCaptureExtension.class)
class EnrollmentApiIntegrationTests {

  static final String BASE = "/api/v1/vastai/registry";
  static final String MINT = BASE + "/enrollment-tokens";
  static final String REGISTER = BASE + "/register";
  static final String ENROLL = "enroll-token";
  static final String PROBLEMS = "https://vastmesh.dev/problems/";

  @LocalServerPort
  int port;
  @Autowired
  MutableClock clock;
  @Autowired
  InstanceStore store;
  @Autowired
  EnrollmentStore enrollments;

  RegistryClient api;

  @BeforeEach
  void cleanRegistry() {
    api = new RegistryClient(port);
    clock.set(RegistryTestConfiguration.T0);
    store.all().forEach(instance -> store.remove(instance.instanceId()));
  }

  String mint(String body) {
    Response minted = api.post(MINT, ENROLL, body);
    assertThat(minted.status()).as(minted.body()).isEqualTo(201);
    return minted.json().get("enrollment_token").asString();
  }

  static String registration(long id) {
    return "{\"instance_id\": " + id + "}";
  }

  @Test
  void aMintedTokenRegistersOneInstanceWhichThenHeartbeatsWithItsOwnToken() {
    Response minted = api.post(MINT, ENROLL, "{\"instance_id\": 101, \"label\": \"vastmesh-deploy:p1;env=prod\"}");
    assertThat(minted.status()).isEqualTo(201);
    assertThat(minted.header("Cache-Control")).contains("no-store");
    String token = minted.json().get("enrollment_token").asString();
    assertThat(token).startsWith("vme_");
    assertThat(minted.json().get("expires_at").asString()).isEqualTo("2026-01-04T13:00:00Z");
    assertThat(minted.json().get("instance_id").asLong()).isEqualTo(101);
    assertThat(minted.json().get("label").asString()).isEqualTo("vastmesh-deploy:p1;env=prod");

    Response registered = api.post(REGISTER, token, registration(101));

    assertThat(registered.status()).isEqualTo(201);
    String instanceToken = registered.json().get("instance_token").asString();
    assertThat(instanceToken).startsWith("vmi_101_");
    assertThat(api.post(BASE + "/{instanceId}/heartbeat", instanceToken, "{}", 101).status()).isEqualTo(200);
  }

  @Test
  void aReplayIsRefusedWith409AndChangesNothing() {
    String token = mint("{}");
    assertThat(api.post(REGISTER, token, registration(102)).status()).isEqualTo(201);
    long revision = store.get(102).orElseThrow().revision();

    Response replay = api.post(REGISTER, token, registration(102));
    Response elsewhere = api.post(REGISTER, token, registration(103));

    assertThat(replay.status()).isEqualTo(409);
    assertThat(replay.json().get("type").asString()).isEqualTo(PROBLEMS + "enrollment-token-used");
    assertThat(elsewhere.status()).isEqualTo(409);
    assertThat(store.get(102).orElseThrow().revision()).isEqualTo(revision);
    assertThat(store.get(103)).isEmpty();
  }

  @Test
  void anExpiredTokenIsRefusedWith401() {
    String token = mint("{\"ttl_seconds\": 60}");
    clock.advance(Duration.ofSeconds(60));

    Response late = api.post(REGISTER, token, registration(104));

    assertThat(late.status()).isEqualTo(401);
    assertThat(late.json().get("type").asString()).isEqualTo(PROBLEMS + "unauthenticated");
    assertThat(late.json().get("detail").asString()).contains("expired");
    assertThat(late.header("WWW-Authenticate")).startsWith("Bearer realm=\"vastmesh-registry\"");
    assertThat(store.get(104)).isEmpty();
  }

  @Test
  void aTokenBoundToAnotherInstanceIsRefusedAndNotSpent() {
    String token = mint("{\"instance_id\": 105}");

    Response wrong = api.post(REGISTER, token, registration(106));

    assertThat(wrong.status()).isEqualTo(403);
    assertThat(wrong.json().get("type").asString()).isEqualTo(PROBLEMS + "forbidden");
    assertThat(wrong.body()).doesNotContain("105");
    assertThat(store.get(106)).isEmpty();
    assertThat(api.post(REGISTER, token, registration(105)).status()).isEqualTo(201);
  }

  @Test
  void anInvalidRegistrationSpendsNothing() {
    String token = mint("{}");

    assertThat(api.post(REGISTER, token, "{\"instance_id\": 107, \"ttl_seconds\": 999999}").status()).isEqualTo(400);
    assertThat(api.post(REGISTER, token, "{\"instance_id\": -1}").status()).isEqualTo(400);

    assertThat(api.post(REGISTER, token, registration(107)).status()).isEqualTo(201);
  }

  @Test
  void ofRegistrationsRacingOnOneTokenExactlyOneSucceeds() throws Exception {
    int racers = 6;
    ExecutorService pool = Executors.newFixedThreadPool(racers);
    try {
      for (int run = 0; run < 20; run++) {
        String token = mint("{}");
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Response>> calls = new ArrayList<>();
        long firstId = 2_000 + run * racers;
        for (int i = 0; i < racers; i++) {
          long id = firstId + i;
          calls.add(CompletableFuture.supplyAsync(() -> {
            try {
              start.await();
            } catch (InterruptedException e) {
              throw new IllegalStateException(e);
            }
            return api.post(REGISTER, token, registration(id));
          }, pool));
        }
        start.countDown();
        List<Integer> statuses = calls.stream().map(CompletableFuture::join).map(Response::status).toList();
        assertThat(statuses).as("run %d", run).containsOnly(201, 409);
        assertThat(statuses.stream().filter(status -> status == 201).count()).as("run %d: %s", run, statuses).isEqualTo(1);
        long registered = java.util.stream.LongStream.range(firstId, firstId + racers).filter(id -> store.get(id).isPresent()).count();
        assertThat(registered).as("run %d: instances registered", run).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void mintingNeedsTheEnrollScopeWhichWriteAndAdminImply() {
    assertThat(api.post(MINT, "register-token", "{}").status()).isEqualTo(403);
    assertThat(api.post(MINT, "write-token", "{}").status()).isEqualTo(201);
    assertThat(api.post(MINT, "admin-token", "{}").status()).isEqualTo(201);
    assertThat(api.post(MINT, null, "{}").status()).isEqualTo(401);
  }

  @Test
  void anEnrollScopeTokenCannotRegisterDirectly() {
    Response direct = api.post(REGISTER, ENROLL, registration(108));

    assertThat(direct.status()).isEqualTo(403);
    assertThat(store.get(108)).isEmpty();
  }

  @Test
  void aMintAskingForMoreThanTheMaximumLifeIsInvalid() {
    Response tooLong = api.post(MINT, ENROLL, "{\"ttl_seconds\": 7201}");

    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.json().at("/errors/0/pointer").asString()).isEqualTo("/ttl_seconds");
  }

  @Test
  void anEnrollmentTokenCanOnlyRegister() {
    String token = mint("{}");
    assertThat(api.post(REGISTER, "register-token", registration(109)).status()).isEqualTo(201);

    assertThat(api.get(BASE, "", token).status()).isEqualTo(403);
    assertThat(api.post(BASE + "/{instanceId}/heartbeat", token, "{}", 109).status()).isEqualTo(403);
    assertThat(api.delete(BASE + "/{instanceId}", token, 109).status()).isEqualTo(403);
    assertThat(api.post(MINT, token, "{}").status()).isEqualTo(403);
    assertThat(api.post(REGISTER, token, registration(110)).status()).as("still unspent").isEqualTo(201);
  }

  @Test
  void anUnknownEnrollmentTokenIsRefusedWith401() {
    Response forged = api.post(REGISTER, "vme_forged", registration(111));

    assertThat(forged.status()).isEqualTo(401);
    assertThat(forged.json().get("detail").asString()).contains("not valid");
    assertThat(store.get(111)).isEmpty();
  }

  @Test
  void theTokenIsStoredOnlyAsItsHash() {
    String token = mint("{}");

    assertThat(enrollments.find(Tokens.sha256(token))).isPresent();
    assertThat(enrollments.find(token)).isEmpty();
  }

  @Test
  void theTokenNeverAppearsInLogsProblemsOrTheActuator(CapturedOutput output) {
    String token = mint("{\"instance_id\": 112, \"ttl_seconds\": 60}");
    List<Response> answers = new ArrayList<>();
    answers.add(api.post(REGISTER, token, registration(113)));
    answers.add(api.post(REGISTER, token, registration(112)));
    answers.add(api.post(REGISTER, token, registration(112)));
    clock.advance(Duration.ofSeconds(61));
    String late = mint("{\"ttl_seconds\": 1}");
    clock.advance(Duration.ofSeconds(2));
    answers.add(api.post(REGISTER, late, registration(114)));
    answers.add(api.get(BASE, "", token));

    assertThat(answers).extracting(Response::status).containsExactly(403, 201, 409, 401, 403);
    for (Response answer : answers) {
      assertThat(answer.body()).doesNotContain(token).doesNotContain(late).doesNotContain(Tokens.sha256(token));
    }
    String metrics = api.get("/actuator/prometheus", "", null).body();
    String health = api.get("/actuator/health", "", "admin-token").body();
    for (String exposed : List.of(metrics, health, output.getAll())) {
      assertThat(exposed).doesNotContain(token).doesNotContain(late).doesNotContain(Tokens.sha256(token));
    }
    assertThat(metrics).contains("# HELP vastmesh_registry_enrollments_total")
        .containsPattern("vastmesh_registry_enrollments_total\\{outcome=\"consumed\"} [1-9]")
        .containsPattern("vastmesh_registry_enrollments_total\\{outcome=\"used\"} [1-9]")
        .containsPattern("vastmesh_registry_enrollments_total\\{outcome=\"expired\"} [1-9]")
        .containsPattern("vastmesh_registry_enrollments_total\\{outcome=\"mismatched\"} [1-9]");
  }
}
