package dev.vastmesh.registry.api;

import dev.vastmesh.registry.support.RedisMode;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Every registry API test again, with the state in a real Redis. */
class RedisRegistryApiIntegrationTests extends RegistryApiIntegrationTests {

  @DynamicPropertySource
  static void redis(DynamicPropertyRegistry registry) {
    RedisMode.apply(registry);
  }
}
