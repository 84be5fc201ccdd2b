package dev.vastmesh.registry.support;

import dev.vastmesh.testsupport.RedisTestSupport;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The properties that run a whole-context test's registry on the test Redis, under a key prefix of its own. */
public final class RedisMode {

  private RedisMode() {
  }

  public static void apply(DynamicPropertyRegistry registry) {
    registry.add("vastmesh.registry.state", () -> "redis");
    registry.add("spring.data.redis.host", RedisTestSupport::host);
    registry.add("spring.data.redis.port", RedisTestSupport::port);
    String prefix = RedisTestSupport.uniquePrefix();
    registry.add("vastmesh.registry.redis.key-prefix", () -> prefix);
    registry.add("vastmesh.registry.events.stream", () -> prefix + "events");
  }
}
