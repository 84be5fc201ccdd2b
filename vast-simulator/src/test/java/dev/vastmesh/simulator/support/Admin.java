package dev.vastmesh.simulator.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastmesh.testsupport.OpenApiContract;
import dev.vastmesh.testsupport.ServiceClient;
import org.jspecify.annotations.Nullable;

/** The admin API, every answer checked against openapi/vast-simulator.openapi.yml. */
public final class Admin {

  public static final OpenApiContract CONTRACT = OpenApiContract.of("vast-simulator.openapi.yml");

  private final ServiceClient http;

  public Admin(int port) {
    this.http = new ServiceClient(port, CONTRACT);
  }

  public ServiceClient.Response send(String method, String template, @Nullable String token, @Nullable String json, Object... args) {
    ServiceClient.Response response = http.send(method, template, "", token, json, json == null ? null : "application/json", args);
    CONTRACT.check(method, template, response.status(), response.header("Content-Type"), response.body());
    return response;
  }

  /** Arms a fault given as JSON; fails the test unless it is armed. */
  public long arm(String fault) {
    ServiceClient.Response response = send("POST", "/admin/v1/faults", Sim.ADMIN, fault);
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    return response.json().get("id").longValue();
  }

  public void clear() {
    assertThat(send("DELETE", "/admin/v1/faults", Sim.ADMIN, null).status()).isEqualTo(204);
  }

  public ServiceClient http() {
    return http;
  }
}
