package dev.vastmesh.registry.support;

import dev.vastmesh.testsupport.RedisTestSupport;
import dev.vastmesh.registry.config.RegistryProperties;
import java.time.Duration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Connections to the test Redis for store-level tests (no Spring context). */
public final class RedisStores {

  private RedisStores() {
  }

  public static LettuceConnectionFactory connectionFactory() {
    LettuceConnectionFactory factory = new LettuceConnectionFactory(
        new RedisStandaloneConfiguration(RedisTestSupport.host(), RedisTestSupport.port()));
    factory.afterPropertiesSet();
    factory.start();
    return factory;
  }

  public static StringRedisTemplate template(LettuceConnectionFactory factory) {
    StringRedisTemplate template = new StringRedisTemplate(factory);
    template.afterPropertiesSet();
    return template;
  }

  public static RegistryProperties.Redis config(String prefix) {
    return new RegistryProperties.Redis(prefix, 100_000, Duration.ofSeconds(2));
  }
}
