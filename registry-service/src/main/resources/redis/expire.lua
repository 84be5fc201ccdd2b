-- Removes instances whose expiry is at or before now. Atomic, so when several replicas sweep,
-- each expired instance is removed (and its events emitted) by exactly one of them.
-- KEYS: instances hash, expiry zset, index, seq, change stream; ARGV: now (ms), max, stream max length
local ids = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
local out = {}
if #ids == 0 then
  return out
end
local index = redis.call('INCR', KEYS[3])
for _, id in ipairs(ids) do
  local current = redis.call('HGET', KEYS[1], id)
  redis.call('HDEL', KEYS[1], id)
  redis.call('ZREM', KEYS[2], id)
  local seq = redis.call('INCR', KEYS[4])
  redis.call('XADD', KEYS[5], 'MAXLEN', '~', ARGV[3], '*', 'op', 'del', 'id', id, 'seq', seq, 'index', index)
  if current then
    table.insert(out, current)
  end
end
return out
