-- Spends one enrollment token, atomically: of concurrent calls, across replicas, one wins.
-- KEYS: the enrollment's hash key (json, expiresAt in epoch ms, used 0|1)
-- ARGV: now in epoch ms
-- Answers {0} unknown, {1, json} consumed (this call spent it), {2} already used, {3} expired.
local expiresAt = redis.call('HGET', KEYS[1], 'expiresAt')
if not expiresAt then
  return {0}
end
if redis.call('HGET', KEYS[1], 'used') == '1' then
  return {2}
end
if tonumber(expiresAt) <= tonumber(ARGV[1]) then
  return {3}
end
redis.call('HSET', KEYS[1], 'used', '1')
return {1, redis.call('HGET', KEYS[1], 'json')}
