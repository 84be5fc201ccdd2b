package dev.vastmesh.registry.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastmesh.registry.config.RegistryProperties;
import dev.vastmesh.registry.support.RedisMode;
import dev.vastmesh.support.security.Tokens;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Every enrollment test again, with the tokens in a real Redis. */
class RedisEnrollmentApiIntegrationTests extends EnrollmentApiIntegrationTests {

  @Autowired
  StringRedisTemplate redis;
  @Autowired
  RegistryProperties properties;

  @DynamicPropertySource
  static void redis(DynamicPropertyRegistry registry) {
    RedisMode.apply(registry);
  }

  @Test
  void redisHoldsTheHashNeverTheToken() {
    String token = mint("{}");

    Set<String> keys = redis.keys(properties.redis().keyPrefix() + "enrollment:*");
    assertThat(keys).contains(properties.redis().keyPrefix() + "enrollment:" + Tokens.sha256(token));
    for (String key : keys) {
      assertThat(key).doesNotContain(token);
      assertThat(redis.opsForHash().values(key)).allSatisfy(value -> assertThat((String) value).doesNotContain(token));
    }
  }
}
