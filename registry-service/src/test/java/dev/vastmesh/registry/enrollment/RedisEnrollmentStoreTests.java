package dev.vastmesh.registry.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastmesh.registry.support.RedisStores;
import dev.vastmesh.testsupport.RedisTestSupport;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The behaviour suite against a real Redis, plus what Redis itself must hold. */
class RedisEnrollmentStoreTests extends EnrollmentStoreContractTests {

  private LettuceConnectionFactory connection;
  private StringRedisTemplate redis;
  private String prefix;

  @Override
  EnrollmentStore newStore() {
    prefix = RedisTestSupport.uniquePrefix();
    connection = RedisStores.connectionFactory();
    redis = RedisStores.template(connection);
    return new RedisEnrollmentStore(redis, JsonMapper.builder().build(), prefix);
  }

  @AfterEach
  void deleteKeys() {
    Set<String> keys = redis.keys(prefix + "*");
    if (keys != null && !keys.isEmpty()) {
      redis.delete(keys);
    }
    connection.destroy();
  }

  @Test
  void aRecordIsKeyedByHashAndExpiresAtItsRetention() {
    store.save(enrollment("hash-a", 42L), FORGET);

    String key = prefix + "enrollment:hash-a";
    assertThat(redis.keys(prefix + "*")).containsExactly(key);
    assertThat(redis.getExpire(key)).as("seconds until Redis forgets it").isPositive();
  }
}
