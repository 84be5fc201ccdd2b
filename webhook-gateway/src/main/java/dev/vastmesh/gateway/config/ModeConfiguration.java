package dev.vastmesh.gateway.config;

import dev.vastmesh.gateway.handoff.EventHandoff;
import dev.vastmesh.gateway.handoff.HttpRouterHandoff;
import dev.vastmesh.gateway.handoff.RedisStreamHandoff;
import dev.vastmesh.gateway.ratelimit.FloodLimiter;
import dev.vastmesh.gateway.ratelimit.RateLimiter;
import dev.vastmesh.gateway.replay.InMemoryReplayGuard;
import dev.vastmesh.gateway.replay.RedisReplayGuard;
import dev.vastmesh.gateway.replay.ReplayGuard;
import dev.vastmesh.support.config.ConditionalOnState;
import dev.vastmesh.support.config.StateMode;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The two modes. Embedded ({@code memory}, default): an in-process replay cache, bucket4j buckets in
 * process, HTTP hand-off to the router. Redis: replay cache, buckets and (by default) hand-off
 * to a stream in Redis, so several gateways share replays and limits.
 */
@Configuration(proxyBeanMethods = false)
class ModeConfiguration {

  // Buckets in Redis expire once they would be full again: an idle trigger id costs nothing.
  private static final ExpirationAfterWriteStrategy BUCKET_EXPIRY =
      ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(RateLimiter.REFILL_PERIOD);

  /**
   * The pre-verification flood limit is per replica in every mode: it is a coarse shield against
   * a flood of bad signatures, and keeping it local saves two Redis round trips per request.
   */
  @Bean
  FloodLimiter floodLimiter(MeterRegistry meters) {
    return new FloodLimiter(bucketsGauged(RateLimiter.inMemory(100_000), "flood", meters));
  }

  /** In-memory buckets are bounded; the gauge shows how close a replica runs to its bound. */
  static RateLimiter bucketsGauged(RateLimiter limiter, String limit, MeterRegistry meters) {
    Gauge.builder("vastmesh.gateway.ratelimit.buckets", limiter, RateLimiter::bucketsHeld).tag("limit", limit)
        .description("Rate-limit buckets held in this process").register(meters);
    return limiter;
  }

  @Bean
  EventHandoff eventHandoff(GatewayProperties properties, ObjectProvider<StringRedisTemplate> redis, MeterRegistry meters) {
    boolean stream = properties.handoff() == GatewayProperties.Handoff.REDIS_STREAM
        || properties.handoff() == GatewayProperties.Handoff.AUTO && properties.state() == StateMode.REDIS;
    if (stream) {
      return new RedisStreamHandoff(redis.getObject(), properties.redis().stream());
    }
    HttpRouterHandoff http = new HttpRouterHandoff(properties.router());
    Gauge.builder("vastmesh.gateway.handoff.queued", http, HttpRouterHandoff::waiting)
        .description("Accepted events waiting to be sent to the event router").register(meters);
    return http;
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnState(prefix = GatewayProperties.PREFIX, value = StateMode.MEMORY)
  static class Embedded {

    @Bean
    ReplayGuard replayGuard(Clock clock, GatewayProperties properties) {
      return new InMemoryReplayGuard(clock, 1_000_000, ReplayGuard.pendingLease(properties.router().timeout()));
    }

    @Bean
    RateLimiter rateLimiter(MeterRegistry meters) {
      return bucketsGauged(RateLimiter.inMemory(1_000_000), "trigger", meters);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnState(prefix = GatewayProperties.PREFIX, value = StateMode.REDIS)
  static class Shared {

    /** In the readiness group (application.yml): a gateway whose Redis does not answer takes no traffic. */
    @Bean("redisStore")
    RedisStoreHealthIndicator redisStoreHealthIndicator(StringRedisTemplate redis) {
      return new RedisStoreHealthIndicator(redis);
    }

    @Bean
    ReplayGuard replayGuard(StringRedisTemplate redis, GatewayProperties properties) {
      return new RedisReplayGuard(redis, properties.redis().keyPrefix(), ReplayGuard.pendingLease(properties.router().timeout()));
    }

    @Bean(destroyMethod = "shutdown")
    RedisClient bucketRedisClient(DataRedisProperties redis) {
      // The same short timeouts as Spring's connection: a hung Redis answers 503 within seconds.
      RedisURI.Builder builder = RedisURI.builder().withHost(redis.getHost()).withPort(redis.getPort());
      if (redis.getTimeout() != null) {
        builder.withTimeout(redis.getTimeout());
      }
      RedisURI uri = builder.build();
      if (redis.getPassword() != null) {
        uri.setPassword(redis.getPassword().toCharArray());
      }
      RedisClient client = RedisClient.create(uri);
      if (redis.getConnectTimeout() != null) {
        client.setOptions(ClientOptions.builder()
            .socketOptions(SocketOptions.builder().connectTimeout(redis.getConnectTimeout()).build()).build());
      }
      return client;
    }

    @Bean(destroyMethod = "close")
    StatefulRedisConnection<String, byte[]> bucketConnection(RedisClient bucketRedisClient) {
      return bucketRedisClient.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
    }

    @Bean
    RateLimiter rateLimiter(StatefulRedisConnection<String, byte[]> bucketConnection, GatewayProperties properties) {
      String prefix = properties.redis().keyPrefix() + "bucket:";
      return RateLimiter.shared(Bucket4jLettuce.casBasedBuilder(bucketConnection).expirationAfterWrite(BUCKET_EXPIRY).build()
          .withMapper((String key) -> prefix + key));
    }
  }

}
