package dev.vastmesh.registry.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastmesh.registry.store.InstanceStore;
import dev.vastmesh.registry.support.RegistryClient;
import dev.vastmesh.registry.support.RegistryTestConfiguration;
import dev.vastmesh.testsupport.ServiceClient.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * A token shaped like an instance token ({@code vmi_<id>_...}) that the registry never issued
 * proves nothing: it neither acts on the instance it names, not even on one registering while it
 * is tried, nor tells whether that instance exists. {@code RedisForgedInstanceTokenIntegrationTests}
 * runs the same on Redis.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "vastmesh.registry.security.tokens[0].name=ci", "vastmesh.registry.security.tokens[0].value=register-token",
    "vastmesh.registry.security.tokens[0].scopes=register",
    "vastmesh.registry.security.tokens[1].name=prometheus", "vastmesh.registry.security.tokens[1].value=read-token",
    "vastmesh.registry.security.tokens[1].scopes=read",
    "vastmesh.registry.expiry.sweep-interval=1h"})
@Import(RegistryTestConfiguration.class)
class ForgedInstanceTokenIntegrationTests {

  static final String BASE = "/api/v1/vastai/registry";
  static final String INSTANCE = BASE + "/{instanceId}";
  static final String HEARTBEAT = INSTANCE + "/heartbeat";
  static final String REGISTRAR = "register-token";
  /** Runs of the race; each has several forged deregistrations in flight as the instance registers. */
  static final int RUNS = 400;
  static final int ATTACKERS = 3;

  @LocalServerPort
  int port;
  @Autowired
  InstanceStore store;

  RegistryClient api;
  ExecutorService attackers;

  @BeforeEach
  void start() {
    api = new RegistryClient(port);
    attackers = Executors.newFixedThreadPool(ATTACKERS);
    store.all().forEach(instance -> store.remove(instance.instanceId()));
  }

  @AfterEach
  void stop() {
    attackers.shutdownNow();
  }

  @Test
  void aForgedTokenNeverDeregistersAnInstanceRegisteringMeanwhile() {
    int deleted = 0;
    for (int run = 0; run < RUNS; run++) {
      long id = 7_000_000L + run;
      String forged = "vmi_" + id + "_forged";
      AtomicBoolean registered = new AtomicBoolean();
      List<CompletableFuture<Void>> attacks = new ArrayList<>();
      for (int i = 0; i < ATTACKERS; i++) {
        attacks.add(CompletableFuture.runAsync(() -> {
          while (!registered.get()) {
            api.delete(INSTANCE, forged, id);
          }
        }, attackers));
      }
      assertThat(api.post(BASE + "/register", REGISTRAR, "{\"instance_id\": " + id + "}").status()).isEqualTo(201);
      registered.set(true);
      attacks.forEach(CompletableFuture::join);
      if (store.get(id).isEmpty()) {
        deleted++;
      }
    }
    assertThat(deleted).as("runs of %d in which the forged token deregistered the instance", RUNS).isZero();
  }

  @Test
  void aForgedTokenAnswersAlikeForAnExistingAndAMissingInstance() {
    long existing = 7_100_001L;
    long missing = 7_100_002L;
    assertThat(api.post(BASE + "/register", REGISTRAR, "{\"instance_id\": " + existing + "}").status()).isEqualTo(201);

    for (String method : List.of("DELETE", "POST")) {
      String path = method.equals("DELETE") ? INSTANCE : HEARTBEAT;
      Response onExisting = api.send(method, path, "", "vmi_" + existing + "_forged", null, null, existing);
      Response onMissing = api.send(method, path, "", "vmi_" + missing + "_forged", null, null, missing);

      assertThat(onExisting.status()).as(method).isEqualTo(401);
      assertThat(onMissing.status()).as(method).isEqualTo(401);
      assertThat(onExisting.body().replace(Long.toString(existing), "ID"))
          .as(method).isEqualTo(onMissing.body().replace(Long.toString(missing), "ID"));
      assertThat(onExisting.json().get("type").asString()).isEqualTo("https://vastmesh.dev/problems/unauthenticated");
    }
    assertThat(store.get(existing)).isPresent();
  }
}
