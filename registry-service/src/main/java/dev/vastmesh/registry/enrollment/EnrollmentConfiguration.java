package dev.vastmesh.registry.enrollment;

import dev.vastmesh.registry.config.RegistryProperties;
import dev.vastmesh.support.config.ConditionalOnState;
import dev.vastmesh.support.config.StateMode;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The enrollment store follows the registry's: {@code vastmesh.registry.state=memory} or {@code redis}. */
@Configuration(proxyBeanMethods = false)
class EnrollmentConfiguration {

  @Bean
  @ConditionalOnState(prefix = RegistryProperties.PREFIX, value = StateMode.MEMORY)
  EnrollmentStore inMemoryEnrollmentStore() {
    return new InMemoryEnrollmentStore();
  }

  @Bean
  @ConditionalOnState(prefix = RegistryProperties.PREFIX, value = StateMode.REDIS)
  EnrollmentStore redisEnrollmentStore(StringRedisTemplate redis, RegistryProperties properties) {
    return new RedisEnrollmentStore(redis, JsonMapper.builder().build(), properties.redis().keyPrefix());
  }
}
