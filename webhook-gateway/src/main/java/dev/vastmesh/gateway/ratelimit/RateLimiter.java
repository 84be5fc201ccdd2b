package dev.vastmesh.gateway.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-key token buckets (bucket4j): in process, or in Redis so that a limit holds across every
 * gateway. Each bucket holds {@code perMinute} tokens and refills them greedily over a minute.
 */
public final class RateLimiter {

  /** The answer for one request. */
  public sealed interface Decision {
    long limit();
  }

  /** @param resetSeconds until the bucket is full again */
  public record Allowed(long limit, long remaining, long resetSeconds) implements Decision {
  }

  /** @param retryAfterSeconds until one token is available again (at least 1) */
  public record Limited(long limit, long retryAfterSeconds) implements Decision {
  }

  private final ProxyManager<String> buckets;
  private final Map<Long, BucketConfiguration> configurations = new ConcurrentHashMap<>();

  public RateLimiter(ProxyManager<String> buckets) {
    this.buckets = buckets;
  }

  public Decision tryConsume(String key, long perMinute) {
    BucketConfiguration configuration = configurations.computeIfAbsent(perMinute, n -> BucketConfiguration.builder()
        .addLimit(limit -> limit.capacity(n).refillGreedy(n, Duration.ofMinutes(1)))
        .build());
    ConsumptionProbe probe = buckets.builder().build(key, () -> configuration).tryConsumeAndReturnRemaining(1);
    if (probe.isConsumed()) {
      long missing = perMinute - probe.getRemainingTokens();
      long resetSeconds = (long) Math.ceil(missing * 60.0 / perMinute);
      return new Allowed(perMinute, probe.getRemainingTokens(), resetSeconds);
    }
    long retryAfter = Math.max(1, (long) Math.ceil(probe.getNanosToWaitForRefill() / 1_000_000_000.0));
    return new Limited(perMinute, retryAfter);
  }
}
