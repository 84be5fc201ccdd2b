package dev.vastmesh.router.api;

import dev.vastmesh.testsupport.RedisTestSupport;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Every router test again in the Redis mode: ingest appends to the stream, a consumer group delivers. */
class RedisRouterIntegrationTests extends RouterIntegrationTests {

  @DynamicPropertySource
  static void redis(DynamicPropertyRegistry registry) {
    String prefix = RedisTestSupport.uniquePrefix();
    registry.add("vastmesh.router.state", () -> "redis");
    registry.add("vastmesh.router.redis.stream", () -> prefix + "events");
    registry.add("vastmesh.router.redis.key-prefix", () -> prefix);
    registry.add("spring.data.redis.host", RedisTestSupport::host);
    registry.add("spring.data.redis.port", RedisTestSupport::port);
  }
}
