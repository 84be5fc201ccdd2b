package dev.vastmesh.gateway.api;

import dev.vastmesh.testsupport.RedisTestSupport;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every pipeline test again with the replay cache and the rate-limit buckets in a real Redis
 * (hand-off stays HTTP here, so the same fake router observes it; the stream hand-off is tested
 * in {@code TwoGatewaysOnRedisIntegrationTests}).
 */
class RedisWebhookGatewayIntegrationTests extends WebhookGatewayIntegrationTests {

  @DynamicPropertySource
  static void redis(DynamicPropertyRegistry registry) {
    registry.add("vastmesh.gateway.state", () -> "redis");
    registry.add("vastmesh.gateway.handoff", () -> "http");
    registry.add("vastmesh.gateway.redis.key-prefix", RedisTestSupport::uniquePrefix);
    registry.add("spring.data.redis.host", RedisTestSupport::host);
    registry.add("spring.data.redis.port", RedisTestSupport::port);
  }
}
