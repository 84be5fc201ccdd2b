package dev.vastmesh.costmonitor.store;

import dev.vastmesh.costmonitor.accounting.LedgerState;
import dev.vastmesh.costmonitor.budget.BudgetSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Redis mode: the ledger as one JSON value, the budgets as a hash (the API of any replica
 * writes them), and the acting lease as a key set with NX and a TTL, renewed only by its owner.
 * Configured budgets are written only where the hash has no budget of that id, so a change made
 * through the API survives restarts.
 */
public final class RedisStores {

  private static final RedisScript<Long> RENEW = RedisScript.of(
      "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) "
          + "elseif redis.call('set', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 else return 0 end", Long.class);
  private static final RedisScript<Long> RELEASE = RedisScript.of(
      "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end", Long.class);

  private final StringRedisTemplate redis;
  private final String prefix;
  private final JsonMapper json;

  public RedisStores(StringRedisTemplate redis, String prefix, JsonMapper json) {
    this.redis = redis;
    this.prefix = prefix;
    this.json = json;
  }

  public LedgerStore ledger() {
    String key = prefix + "ledger";
    return new LedgerStore() {
      @Override
      public Optional<LedgerState> load() {
        String value = redis.opsForValue().get(key);
        return value == null ? Optional.empty() : Optional.of(json.readValue(value, LedgerState.class));
      }

      @Override
      public void save(LedgerState state) {
        redis.opsForValue().set(key, json.writeValueAsString(state));
      }

      @Override
      public boolean durable() {
        return true;
      }
    };
  }

  public BudgetStore budgets(List<BudgetSpec> configured) {
    String key = prefix + "budgets";
    for (BudgetSpec budget : configured) {
      redis.opsForHash().putIfAbsent(key, budget.id(), json.writeValueAsString(budget));
    }
    return new BudgetStore() {
      @Override
      public List<BudgetSpec> all() {
        return redis.<String, String>opsForHash().values(key).stream().map(v -> json.readValue(v, BudgetSpec.class))
            .sorted(java.util.Comparator.comparing(BudgetSpec::id)).toList();
      }

      @Override
      public Optional<BudgetSpec> get(String id) {
        String value = redis.<String, String>opsForHash().get(key, id);
        return value == null ? Optional.empty() : Optional.of(json.readValue(value, BudgetSpec.class));
      }

      @Override
      public boolean put(BudgetSpec budget) {
        boolean existed = redis.opsForHash().hasKey(key, budget.id());
        redis.opsForHash().put(key, budget.id(), json.writeValueAsString(budget));
        return !existed;
      }

      @Override
      public boolean remove(String id) {
        return redis.opsForHash().delete(key, id) > 0;
      }
    };
  }

  public Lease lease(Duration ttl) {
    String key = prefix + "lease";
    String owner = UUID.randomUUID().toString();
    return new Lease() {
      @Override
      public boolean acquire() {
        Long held = redis.execute(RENEW, List.of(key), owner, Long.toString(ttl.toMillis()));
        return held != null && held == 1;
      }

      @Override
      public void release() {
        redis.execute(RELEASE, List.of(key), owner);
      }
    };
  }
}
