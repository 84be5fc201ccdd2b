package dev.vastmesh.router.ingest;

import dev.vastmesh.router.config.RouterProperties;
import dev.vastmesh.router.deadletter.DeadLetterStore;
import dev.vastmesh.router.deadletter.InMemoryDeadLetterStore;
import dev.vastmesh.router.deadletter.RedisDeadLetterStore;
import dev.vastmesh.router.delivery.EventDispatcher;
import dev.vastmesh.support.config.ConditionalOnState;
import dev.vastmesh.support.config.StateMode;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The two modes: memory (default) and Redis (stream, consumer group, shared dead letters). */
@Configuration(proxyBeanMethods = false)
class IntakeConfiguration {

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnState(prefix = RouterProperties.PREFIX, value = StateMode.MEMORY)
  static class Embedded {

    @Bean
    DeadLetterStore deadLetterStore() {
      return new InMemoryDeadLetterStore();
    }

    @Bean
    EventIntake eventIntake(EventDispatcher dispatcher) {
      return new InMemoryIntake(dispatcher);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnState(prefix = RouterProperties.PREFIX, value = StateMode.REDIS)
  static class Shared {

    @Bean
    DeadLetterStore deadLetterStore(StringRedisTemplate redis, RouterProperties properties) {
      return new RedisDeadLetterStore(redis, properties.redis().keyPrefix());
    }

    @Bean
    EventIntake eventIntake(StringRedisTemplate redis, RouterProperties properties) {
      return new RedisStreamIntake(redis, properties.redis().stream());
    }

    @Bean
    StreamStatus streamStatus(Clock clock) {
      return new StreamStatus(clock);
    }

    @Bean
    StreamConsumer streamConsumer(StringRedisTemplate redis, EventDispatcher dispatcher, RouterProperties properties,
        MeterRegistry meters, StreamStatus streamStatus, DataRedisProperties redisProperties) {
      Duration timeout = redisProperties.getTimeout() == null ? Duration.ofSeconds(60) : redisProperties.getTimeout();
      return new StreamConsumer(redis, dispatcher, properties.redis(), meters, streamStatus, timeout);
    }

    /** In the readiness group (application.yml): a router that cannot read the stream takes no traffic. */
    @Bean("eventStream")
    EventStreamHealthIndicator eventStreamHealthIndicator(StreamStatus streamStatus, RouterProperties properties) {
      return new EventStreamHealthIndicator(streamStatus, properties.redis());
    }
  }
}
