package dev.vastmesh.registry.security;

import dev.vastmesh.registry.support.RedisMode;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The forged-token race and oracle again, with the state in a real Redis. */
class RedisForgedInstanceTokenIntegrationTests extends ForgedInstanceTokenIntegrationTests {

  @DynamicPropertySource
  static void redis(DynamicPropertyRegistry registry) {
    RedisMode.apply(registry);
  }
}
