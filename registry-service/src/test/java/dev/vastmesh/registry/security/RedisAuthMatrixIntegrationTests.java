package dev.vastmesh.registry.security;

import dev.vastmesh.registry.support.RedisMode;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The auth matrix again, with the state in a real Redis. */
class RedisAuthMatrixIntegrationTests extends AuthMatrixIntegrationTests {

  @DynamicPropertySource
  static void redis(DynamicPropertyRegistry registry) {
    RedisMode.apply(registry);
  }
}
