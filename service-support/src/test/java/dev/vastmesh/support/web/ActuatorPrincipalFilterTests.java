package dev.vastmesh.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastmesh.support.security.ServiceTokens;
import dev.vastmesh.support.security.Token;
import dev.vastmesh.support.security.TokenHolders;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ActuatorPrincipalFilterTests {

  enum Scope { READ, ADMIN }

  private final ActuatorPrincipalFilter filter = new ActuatorPrincipalFilter(TokenHolders.of(new ServiceTokens<>(Scope.class,
      List.of(new Token("ops", "ops-secret", List.of("read"))), "test", "vastmesh.test.tokens", "vmx_", Scope.ADMIN)));

  @ParameterizedTest
  @CsvSource(nullValues = "none", value = {
      "/actuator/health, Bearer ops-secret, ops",
      "/actuator/health, Bearer wrong, none",
      "/actuator/health, Basic b3BzOnNlY3JldA==, none",
      "/actuator/health, none, none",
      "/api/v1/things, Bearer ops-secret, none"})
  void aValidTokensHolderIsTheActuatorsPrincipalAndNobodyElse(String path, @Nullable String authorization,
      @Nullable String expected) throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
    if (authorization != null) {
      request.addHeader("Authorization", authorization);
    }
    AtomicReference<@Nullable Principal> seen = new AtomicReference<>();
    MockHttpServletResponse response = new MockHttpServletResponse();
    filter.doFilter(request, response, (req, res) -> seen.set(((HttpServletRequest) req).getUserPrincipal()));
    assertThat(seen.get() == null ? null : seen.get().getName()).isEqualTo(expected);
    assertThat(response.getStatus()).as("never refused here").isEqualTo(200);
  }
}
