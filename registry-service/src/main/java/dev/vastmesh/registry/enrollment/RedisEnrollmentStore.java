package dev.vastmesh.registry.enrollment;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import tools.jackson.databind.json.JsonMapper;

/**
 * Enrollment tokens shared by replicas: one Redis hash per token, keyed by the token's hash,
 * expiring at its retention. Consumption is one Lua script, so two replicas never both admit a
 * registration on one token.
 */
@SuppressWarnings("rawtypes")
public final class RedisEnrollmentStore implements EnrollmentStore {

  private final StringRedisTemplate redis;
  private final JsonMapper json;
  private final String prefix;
  private final DefaultRedisScript<List> consume = new DefaultRedisScript<>();
  private final DefaultRedisScript<Long> save = new DefaultRedisScript<>();

  /** @param keyPrefix the registry's key prefix; enrollments go under {@code <prefix>enrollment:} */
  public RedisEnrollmentStore(StringRedisTemplate redis, JsonMapper json, String keyPrefix) {
    this.redis = redis;
    this.json = json;
    this.prefix = keyPrefix + "enrollment:";
    consume.setLocation(new ClassPathResource("redis/consume-enrollment.lua"));
    consume.setResultType(List.class);
    save.setLocation(new ClassPathResource("redis/save-enrollment.lua"));
    save.setResultType(Long.class);
  }

  /**
   * Redis forgets the record after the span from its minting to {@code forgetAt}, on its own
   * clock: the registry's and Redis's clocks need not agree.
   */
  @Override
  public void save(Enrollment enrollment, Instant forgetAt) {
    long keepMillis = Math.max(1, Duration.between(enrollment.issuedAt(), forgetAt).toMillis());
    redis.execute(save, List.of(prefix + enrollment.tokenHash()), json.writeValueAsString(enrollment),
        Long.toString(enrollment.expiresAt().toEpochMilli()), Long.toString(keepMillis));
  }

  @Override
  public Optional<Enrollment> find(String tokenHash) {
    Object stored = redis.opsForHash().get(prefix + tokenHash, "json");
    return Optional.ofNullable(stored).map(value -> json.readValue((String) value, Enrollment.class));
  }

  @Override
  public Consumption consume(String tokenHash, Instant now) {
    List<?> outcome = redis.execute(consume, List.of(prefix + tokenHash), Long.toString(now.toEpochMilli()));
    return switch (((Number) outcome.get(0)).intValue()) {
      case 1 -> new Consumption.Consumed(json.readValue((String) outcome.get(1), Enrollment.class));
      case 2 -> new Consumption.AlreadyUsed();
      case 3 -> new Consumption.Expired();
      default -> new Consumption.Unknown();
    };
  }
}
