package dev.vastmesh.router.deadletter;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Dead letters in one Redis hash, shared by every router. */
public final class RedisDeadLetterStore implements DeadLetterStore {

  private final StringRedisTemplate redis;
  private final String key;
  private final JsonMapper json = JsonMapper.builder().build();

  public RedisDeadLetterStore(StringRedisTemplate redis, String keyPrefix) {
    this.redis = redis;
    this.key = keyPrefix + "dead-letters";
  }

  @Override
  public void add(DeadLetter letter) {
    redis.opsForHash().put(key, letter.id(), json.writeValueAsString(letter));
  }

  @Override
  public List<DeadLetter> list() {
    return redis.<String, String>opsForHash().values(key).stream()
        .map(value -> json.readValue(value, DeadLetter.class))
        .sorted(Comparator.comparing(DeadLetter::deadAt)).toList();
  }

  @Override
  public Optional<DeadLetter> get(String id) {
    Object value = redis.opsForHash().get(key, id);
    return Optional.ofNullable(value).map(v -> json.readValue((String) v, DeadLetter.class));
  }

  @Override
  public boolean remove(String id) {
    Long removed = redis.opsForHash().delete(key, id);
    return removed != null && removed > 0;
  }

  @Override
  public int purge() {
    Long size = redis.opsForHash().size(key);
    redis.delete(key);
    return size == null ? 0 : size.intValue();
  }
}
