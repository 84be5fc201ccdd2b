package dev.vastmesh.registry.store;

import dev.vastmesh.registry.config.RegistryProperties;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import dev.vastmesh.support.config.ConditionalOnState;
import dev.vastmesh.support.config.StateMode;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Picks the store: {@code vastmesh.registry.state=memory} (default) or {@code redis}. */
@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

  @Bean
  @ConditionalOnState(prefix = RegistryProperties.PREFIX, value = StateMode.MEMORY)
  InstanceStore inMemoryInstanceStore() {
    return new InMemoryInstanceStore();
  }

  @Bean
  @ConditionalOnState(prefix = RegistryProperties.PREFIX, value = StateMode.REDIS)
  RedisInstanceStore redisInstanceStore(StringRedisTemplate redis, RegistryProperties properties, MeterRegistry meters,
      DataRedisProperties redisProperties) {
    // A blocking read waits at most half the command timeout (and at most 1 s).
    long timeoutMillis = redisProperties.getTimeout() == null ? 60_000 : redisProperties.getTimeout().toMillis();
    Duration tailBlock = Duration.ofMillis(Math.max(1, Math.min(1000, timeoutMillis / 2)));
    // Storage format is private to the store: plain camelCase JSON, independent of the API's naming.
    RedisInstanceStore store = new RedisInstanceStore(redis, JsonMapper.builder().build(), properties.redis(), tailBlock);
    FunctionCounter.builder("vastmesh.registry.store.resets", store, RedisInstanceStore::resets)
        .description("Times this replica found Redis reset (restarted empty, revision went backwards) and reloaded its view")
        .register(meters);
    return store;
  }
}
