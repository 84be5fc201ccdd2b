package dev.vastmesh.router.security;

import dev.vastmesh.router.support.RouterClient;
import dev.vastmesh.testsupport.AuthCase;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every mutating endpoint of the router with every credential that must not pass, and the
 * precise refusal. The router has no read scope: its least token, {@code ingest}, is the one that
 * must not reach the admin endpoints. Instance tokens are the registry's and mean nothing here.
 * Paths are the contract's templates; {@code {id}} is a dead letter that does not exist, so a
 * credential that passed would show as a 404, not as the refusal.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "vastmesh.router.tokens[0].name=gateway", "vastmesh.router.tokens[0].value=ingest-token", "vastmesh.router.tokens[0].scopes=ingest",
    "vastmesh.router.tokens[1].name=ops", "vastmesh.router.tokens[1].value=admin-token", "vastmesh.router.tokens[1].scopes=admin"})
class AuthMatrixIntegrationTests {

  static final String DEAD_LETTERS = "/api/v1/dead-letters";
  /** A token in the shape the router generates, never configured. */
  static final String FORGED = "vmr_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

  @LocalServerPort
  int port;

  static Stream<AuthCase> matrix() {
    List<String[]> endpoints = List.of(new String[] {"POST", "/api/v1/events"},
        new String[] {"POST", DEAD_LETTERS + "/replay"}, new String[] {"POST", DEAD_LETTERS + "/{id}/replay"},
        new String[] {"DELETE", DEAD_LETTERS + "/{id}"}, new String[] {"DELETE", DEAD_LETTERS});
    List<AuthCase> cells = new ArrayList<>();
    for (String[] endpoint : endpoints) {
      String method = endpoint[0];
      String path = endpoint[1];
      cells.add(new AuthCase(method, path, "no token", null, 401, "unauthenticated"));
      cells.add(new AuthCase(method, path, "wrong token", "not-a-configured-token", 401, "unauthenticated"));
      cells.add(new AuthCase(method, path, "forged router-shaped token", FORGED, 401, "unauthenticated"));
      cells.add(new AuthCase(method, path, "a registry instance token", "vmi_1_forged", 401, "unauthenticated"));
      if (path.startsWith(DEAD_LETTERS)) {
        cells.add(new AuthCase(method, path, "ingest scope", "ingest-token", 403, "forbidden"));
      }
    }
    return cells.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("matrix")
  void aMutatingEndpointRefusesTheCredential(AuthCase cell) {
    RouterClient api = new RouterClient(port);
    String body = cell.path().equals("/api/v1/events") ? "{}" : null;

    cell.assertRefused(api.send(cell.method(), cell.path(), "", cell.token(), body, body == null ? null : "application/cloudevents+json",
        "some-id"));
  }
}
