package dev.vastmesh.testsupport;

import java.util.Set;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * A connection to the test Redis ({@link RedisTestSupport}) for a test of its own key prefix:
 * {@link #forget()} deletes every key under it — what a Redis restarted empty looks like to the
 * code under test — and {@link #close()} does that and disconnects.
 */
public final class TestRedis implements AutoCloseable {

  private final String prefix = RedisTestSupport.uniquePrefix();
  private final LettuceConnectionFactory factory;
  private final StringRedisTemplate template;

  public TestRedis() {
    factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration(RedisTestSupport.host(), RedisTestSupport.port()));
    factory.afterPropertiesSet();
    factory.start();
    template = new StringRedisTemplate(factory);
    template.afterPropertiesSet();
  }

  public String prefix() {
    return prefix;
  }

  public StringRedisTemplate template() {
    return template;
  }

  /** Deletes every key under this test's prefix (and none of another test's). */
  public void forget() {
    Set<String> keys = template.keys(prefix + "*");
    if (keys != null && !keys.isEmpty()) {
      template.delete(keys);
    }
  }

  @Override
  public void close() {
    forget();
    factory.destroy();
  }
}
