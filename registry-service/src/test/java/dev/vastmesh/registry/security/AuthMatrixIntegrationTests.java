package dev.vastmesh.registry.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastmesh.registry.instance.InstanceEntry;
import dev.vastmesh.registry.store.InstanceStore;
import dev.vastmesh.registry.support.ForgedTokenRace;
import dev.vastmesh.registry.support.RegistryClient;
import dev.vastmesh.registry.support.RegistryTestConfiguration;
import dev.vastmesh.testsupport.AuthCase;
import dev.vastmesh.testsupport.ServiceClient.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * Every mutating endpoint of the registry with every credential that must not pass: the precise
 * refusal, and nothing changed. The same answers for an instance that exists (1) and one that
 * does not (999), so no cell tells which ids are registered. A token shaped like an instance
 * token ({@code vmi_<id>_...}) that the registry never issued proves nothing, not even against an
 * instance registering while it is tried. {@code RedisAuthMatrixIntegrationTests} runs it all on
 * Redis.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "vastmesh.registry.security.tokens[0].name=ci", "vastmesh.registry.security.tokens[0].value=register-token",
    "vastmesh.registry.security.tokens[0].scopes=register",
    "vastmesh.registry.security.tokens[1].name=prometheus", "vastmesh.registry.security.tokens[1].value=read-token",
    "vastmesh.registry.security.tokens[1].scopes=read",
    "vastmesh.registry.security.tokens[2].name=enroller", "vastmesh.registry.security.tokens[2].value=enroll-token",
    "vastmesh.registry.security.tokens[2].scopes=enroll",
    "vastmesh.registry.expiry.sweep-interval=1h"})
@Import(RegistryTestConfiguration.class)
class AuthMatrixIntegrationTests {

  static final String BASE = "/api/v1/vastai/registry";
  static final long REGISTERED = 1;
  static final long OTHER = 2;
  static final long MISSING = 999;
  /** Runs of the race; each has several forged deregistrations in flight as the instance registers. */
  static final int RUNS = 400;
  static final String INSTANCE = BASE + "/{instanceId}";
  static final String HEARTBEAT = INSTANCE + "/heartbeat";
  static final String MINT = BASE + "/enrollment-tokens";
  static final String REGISTRAR = "register-token";

  /** What the caller holds. */
  enum Credential {
    NO_TOKEN, WRONG_TOKEN, READ_SCOPE, REGISTER_SCOPE, ENROLL_SCOPE, OTHER_INSTANCE, FORGED, ENROLLMENT, FORGED_ENROLLMENT
  }

  @LocalServerPort
  int port;
  @Autowired
  InstanceStore store;

  RegistryClient api;
  String otherInstanceToken;
  String enrollmentToken;
  long registeredRevision;

  @BeforeEach
  void registerTwo() {
    api = new RegistryClient(port);
    store.all().forEach(instance -> store.remove(instance.instanceId()));
    api.post(BASE + "/register", "register-token", "{\"instance_id\": " + REGISTERED + "}");
    otherInstanceToken = api.post(BASE + "/register", "register-token", "{\"instance_id\": " + OTHER + "}")
        .json().get("instance_token").asString();
    registeredRevision = store.get(REGISTERED).orElseThrow().revision();
    enrollmentToken = api.post(MINT, "enroll-token", "{}").json().get("enrollment_token").asString();
  }

  static Stream<Arguments> matrix() {
    List<Arguments> rows = new ArrayList<>();
    rows.add(row("POST", BASE + "/register", REGISTERED, Credential.NO_TOKEN, 401, "unauthenticated"));
    rows.add(row("POST", BASE + "/register", REGISTERED, Credential.WRONG_TOKEN, 401, "unauthenticated"));
    rows.add(row("POST", BASE + "/register", REGISTERED, Credential.READ_SCOPE, 403, "forbidden"));
    rows.add(row("POST", BASE + "/register", REGISTERED, Credential.OTHER_INSTANCE, 403, "forbidden"));
    rows.add(row("POST", BASE + "/register", REGISTERED, Credential.FORGED, 401, "unauthenticated"));
    rows.add(row("POST", BASE + "/register", REGISTERED, Credential.ENROLL_SCOPE, 403, "forbidden"));
    rows.add(row("POST", BASE + "/register", MISSING, Credential.FORGED_ENROLLMENT, 401, "unauthenticated"));
    rows.add(row("POST", MINT, REGISTERED, Credential.NO_TOKEN, 401, "unauthenticated"));
    rows.add(row("POST", MINT, REGISTERED, Credential.WRONG_TOKEN, 401, "unauthenticated"));
    rows.add(row("POST", MINT, REGISTERED, Credential.READ_SCOPE, 403, "forbidden"));
    rows.add(row("POST", MINT, REGISTERED, Credential.REGISTER_SCOPE, 403, "forbidden"));
    rows.add(row("POST", MINT, REGISTERED, Credential.OTHER_INSTANCE, 403, "forbidden"));
    rows.add(row("POST", MINT, REGISTERED, Credential.FORGED, 401, "unauthenticated"));
    rows.add(row("POST", MINT, REGISTERED, Credential.ENROLLMENT, 403, "forbidden"));
    rows.add(row("POST", MINT, REGISTERED, Credential.FORGED_ENROLLMENT, 401, "unauthenticated"));
    for (long id : new long[] {REGISTERED, MISSING}) {
      for (String[] endpoint : new String[][] {{"DELETE", INSTANCE}, {"POST", HEARTBEAT}}) {
        rows.add(row(endpoint[0], endpoint[1], id, Credential.NO_TOKEN, 401, "unauthenticated"));
        rows.add(row(endpoint[0], endpoint[1], id, Credential.WRONG_TOKEN, 401, "unauthenticated"));
        rows.add(row(endpoint[0], endpoint[1], id, Credential.READ_SCOPE, 403, "forbidden"));
        rows.add(row(endpoint[0], endpoint[1], id, Credential.REGISTER_SCOPE, 403, "forbidden"));
        rows.add(row(endpoint[0], endpoint[1], id, Credential.OTHER_INSTANCE, 403, "forbidden"));
        rows.add(row(endpoint[0], endpoint[1], id, Credential.FORGED, 401, "unauthenticated"));
        rows.add(row(endpoint[0], endpoint[1], id, Credential.ENROLL_SCOPE, 403, "forbidden"));
        rows.add(row(endpoint[0], endpoint[1], id, Credential.ENROLLMENT, 403, "forbidden"));
        rows.add(row(endpoint[0], endpoint[1], id, Credential.FORGED_ENROLLMENT, 401, "unauthenticated"));
      }
    }
    return rows.stream();
  }

  private static Arguments row(String method, String path, long id, Credential credential, int status, String kind) {
    return Arguments.of(method, path, id, credential, status, kind);
  }

  @ParameterizedTest(name = "{0} {1} ({2}) with {3} -> {4} {5}")
  @MethodSource("matrix")
  void aMutatingEndpointRefusesTheCredentialAndChangesNothing(String method, String template, long id, Credential credential,
      int status, String kind) {
    AuthCase cell = new AuthCase(method, template.replace("{instanceId}", Long.toString(id)), credential.name(),
        token(credential, id), status, kind);
    String body = switch (method) {
      case "DELETE" -> null;
      default -> template.endsWith("/register") ? "{\"instance_id\": " + id + "}" : "{}";
    };

    cell.assertRefused(api.send(method, template, "", cell.token(), body, body == null ? null : "application/json", id));

    assertThat(store.get(REGISTERED)).map(InstanceEntry::revision).contains(registeredRevision);
    assertThat(store.get(MISSING)).isEmpty();
  }

  @Test
  void aForgedTokenNeverDeregistersAnInstanceRegisteringMeanwhile() {
    int deleted = new ForgedTokenRace(api, REGISTRAR, api).deletedRuns(7_000_000L, RUNS, id -> store.get(id).isPresent());

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

  private @Nullable String token(Credential credential, long id) {
    return switch (credential) {
      case NO_TOKEN -> null;
      case WRONG_TOKEN -> "vmt_not-a-configured-token";
      case READ_SCOPE -> "read-token";
      case REGISTER_SCOPE -> "register-token";
      case OTHER_INSTANCE -> otherInstanceToken;
      case FORGED -> "vmi_" + id + "_forged";
      case ENROLL_SCOPE -> "enroll-token";
      case ENROLLMENT -> enrollmentToken;
      case FORGED_ENROLLMENT -> "vme_forged";
    };
  }
}
