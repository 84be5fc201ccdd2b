package dev.vastmesh.gateway.replay;

import java.time.Duration;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.core.RedisCallback;

/**
 * The replay cache in Redis, shared by every gateway: {@code SET key pending NX EX window}
 * answers OK for a new id and nil for one any replica has seen; a processed id holds
 * {@code done:<event id>}.
 *
 * <p>The reservation expires after the pending lease, not the window. A command can reach Redis
 * after its client gave up on it (Redis frozen, then resumed): that reservation has no owner
 * left to release it, and with the window's expiry it would answer "in progress" to every retry
 * of the sender for the whole window.
 */
public final class RedisReplayGuard implements ReplayGuard {

  private static final String PENDING = "pending";
  private static final String DONE = "done:";
  // Delete only a reservation, never a completed id (a late release must not reopen a replay).
  private static final byte[] RELEASE =
      "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0".getBytes(StandardCharsets.UTF_8);

  private final StringRedisTemplate redis;
  private final String prefix;
  private final Duration pendingLease;

  /** @param pendingLease how long a reservation holds before it is presumed abandoned */
  public RedisReplayGuard(StringRedisTemplate redis, String prefix, Duration pendingLease) {
    this.redis = redis;
    this.prefix = prefix + "replay:";
    this.pendingLease = pendingLease;
  }

  @Override
  public Reservation reserve(String key, Duration window) {
    if (Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(prefix + key, PENDING,
        window.compareTo(pendingLease) < 0 ? window : pendingLease))) {
      return new Reservation(Seen.NEW, null);
    }
    String value = redis.opsForValue().get(prefix + key);
    if (value != null && value.startsWith(DONE)) {
      String eventId = value.substring(DONE.length());
      return new Reservation(Seen.DONE, eventId.isEmpty() ? null : eventId);
    }
    return new Reservation(Seen.IN_PROGRESS, null);
  }

  @Override
  public void complete(String key, @Nullable String eventId, Duration window) {
    redis.opsForValue().set(prefix + key, DONE + (eventId == null ? "" : eventId), window);
  }

  /**
   * Sent as EVAL, never EVALSHA: a release may follow a reservation that timed out while Redis
   * was frozen or restarting, and a NOSCRIPT answer then would come too late for the fallback,
   * leaving the reservation in place. A plain EVAL runs in order right after the reservation.
   */
  @Override
  public void release(String key) {
    byte[] name = (prefix + key).getBytes(StandardCharsets.UTF_8);
    redis.execute((RedisCallback<Object>) connection -> connection.scriptingCommands()
        .eval(RELEASE, ReturnType.INTEGER, 1, name, PENDING.getBytes(StandardCharsets.UTF_8)));
  }
}
