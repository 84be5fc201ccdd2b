package dev.vastmesh.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vastmesh.testsupport.ServiceClient.Response;
import java.time.Duration;
import java.util.function.Supplier;

/** What a service's actuator must say while a dependency is down, and once it is back. */
public final class Probes {

  private Probes() {
  }

  /**
   * Makes the call and checks it was refused the way a sender can act on — 503 with
   * {@code Retry-After: 5} — within {@code within}, not after a client's minute-long timeout.
   */
  public static Response assertUnavailableWithin(Duration within, Supplier<Response> call) {
    long started = System.nanoTime();
    Response refused = call.get();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).as("bounded by the command timeout").isLessThan(within);
    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.header("Retry-After")).isEqualTo("5");
    return refused;
  }

  /** Health answers (503, DOWN — never a 500), readiness fails, liveness holds. */
  public static void assertDown(ServiceClient service) {
    Response health = service.get("/actuator/health", "", null);
    assertThat(health.status()).as("health answers, DOWN").isEqualTo(503);
    assertThat(health.json().get("status").asString()).isEqualTo("DOWN");
    assertThat(service.get("/actuator/health/readiness", "", null).status()).as("not ready").isEqualTo(503);
    assertThat(service.get("/actuator/health/liveness", "", null).status()).as("alive all the same").isEqualTo(200);
  }

  /** Waits until readiness is back, by itself. */
  public static void awaitReady(ServiceClient service, Duration within) {
    await().atMost(within).ignoreExceptions().until(() -> service.get("/actuator/health/readiness", "", null).status() == 200);
  }
}
