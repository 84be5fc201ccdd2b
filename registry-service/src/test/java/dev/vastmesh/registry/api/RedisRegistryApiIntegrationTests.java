package dev.vastmesh.registry.api;

import dev.vastmesh.testsupport.RedisTestSupport;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Every registry API test again, with the state in a real Redis. */
class RedisRegistryApiIntegrationTests extends RegistryApiIntegrationTests {

  @DynamicPropertySource
  static void redis(DynamicPropertyRegistry registry) {
    registry.add("vastmesh.registry.state", () -> "redis");
    registry.add("spring.data.redis.host", RedisTestSupport::host);
    registry.add("spring.data.redis.port", RedisTestSupport::port);
    String prefix = RedisTestSupport.uniquePrefix();
    registry.add("vastmesh.registry.redis.key-prefix", () -> prefix);
    registry.add("vastmesh.registry.events.stream", () -> prefix + "events");
  }
}
