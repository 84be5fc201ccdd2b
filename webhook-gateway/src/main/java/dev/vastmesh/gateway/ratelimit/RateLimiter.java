package dev.vastmesh.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Per-key token buckets (bucket4j): in process, or in Redis so that a limit holds across every
 * gateway. Each bucket holds {@code perMinute} tokens and refills them greedily over a minute.
 */
public final class RateLimiter {

  /** Every bucket refills its whole capacity over this period. */
  public static final Duration REFILL_PERIOD = Duration.ofMinutes(1);

  /** Where the bucket of a key lives. */
  @FunctionalInterface
  private interface Buckets {
    Bucket of(String key, BucketConfiguration configuration);
  }

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

  private final Buckets buckets;
  private final LongSupplier held;
  private final Map<Long, BucketConfiguration> configurations = new ConcurrentHashMap<>();

  /** @param held how many buckets this process holds (none of its own when they live elsewhere) */
  private RateLimiter(Buckets buckets, LongSupplier held) {
    this.buckets = buckets;
    this.held = held;
  }

  /**
   * Buckets in this process, at most {@code maximumKeys} of them. A bucket left alone for the
   * refill period is full again, so forgetting it then changes no answer. Each is a lock-free
   * bucket found by a cache read: the remote-style proxy manager wrote to its cache on every
   * request, which cost more than the bucket itself. The cache's upkeep (recording reads for
   * expiry and size) runs on the calling thread: handed to the common pool, as by default, it
   * woke a pool thread every few reads, which cost a webhook more than the bucket did.
   */
  public static RateLimiter inMemory(long maximumKeys) {
    Cache<String, Bucket> local = Caffeine.newBuilder().maximumSize(maximumKeys).expireAfterAccess(REFILL_PERIOD)
        .executor(Runnable::run).build();
    return new RateLimiter((key, configuration) -> local.get(key, k -> {
      var builder = Bucket.builder();
      for (Bandwidth bandwidth : configuration.getBandwidths()) {
        builder.addLimit(bandwidth);
      }
      return builder.build();
    }), local::estimatedSize);
  }

  /** Buckets kept by a bucket4j proxy manager, e.g. in Redis, so a limit holds across replicas. */
  public static RateLimiter shared(ProxyManager<String> proxies) {
    return new RateLimiter((key, configuration) -> proxies.builder().build(key, () -> configuration), () -> 0);
  }

  /** How many buckets this process holds: bounded in memory, none when they are shared. */
  public long bucketsHeld() {
    return held.getAsLong();
  }

  public Decision tryConsume(String key, long perMinute) {
    BucketConfiguration configuration = configurations.computeIfAbsent(perMinute, n -> BucketConfiguration.builder()
        .addLimit(limit -> limit.capacity(n).refillGreedy(n, REFILL_PERIOD))
        .build());
    ConsumptionProbe probe = buckets.of(key, configuration).tryConsumeAndReturnRemaining(1);
    if (probe.isConsumed()) {
      long missing = perMinute - probe.getRemainingTokens();
      long resetSeconds = (long) Math.ceil(missing * 60.0 / perMinute);
      return new Allowed(perMinute, probe.getRemainingTokens(), resetSeconds);
    }
    long retryAfter = Math.max(1, (long) Math.ceil(probe.getNanosToWaitForRefill() / 1_000_000_000.0));
    return new Limited(perMinute, retryAfter);
  }
}
