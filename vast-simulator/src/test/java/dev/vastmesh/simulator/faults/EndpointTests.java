package dev.vastmesh.simulator.faults;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which of Vast's rate-limited endpoints a call is. */
class EndpointTests {

  @Test
  void prepayAndDepositHaveTheirOwnLimitsApartFromTheInstanceCalls() {
    assertThat(Endpoint.of("PUT", "/api/v0/instances/prepay/7835601/")).isEqualTo(Endpoint.PREPAY);
    assertThat(Endpoint.PREPAY.threshold()).isEqualTo(2.0);
    assertThat(Endpoint.of("GET", "/api/v0/instances/balance/7835601/")).isEqualTo(Endpoint.DEPOSIT);
    assertThat(Endpoint.DEPOSIT.threshold()).isEqualTo(3.0);
    assertThat(Endpoint.of("PUT", "/api/v0/instances/7835601/")).isEqualTo(Endpoint.MODIFY);
    assertThat(Endpoint.of("GET", "/api/v0/instances/7835601/")).isEqualTo(Endpoint.SHOW);
    assertThat(Endpoint.named("prepay")).isEqualTo(Endpoint.PREPAY);
  }
}
