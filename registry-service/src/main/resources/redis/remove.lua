-- Removes one instance, atomically with its change-log entry.
-- KEYS: instances hash, expiry zset, index, seq, change stream; ARGV: id, stream max length
local current = redis.call('HGET', KEYS[1], ARGV[1])
if not current then
  return {0}
end
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[1])
local seq = redis.call('INCR', KEYS[4])
local index = redis.call('INCR', KEYS[3])
redis.call('XADD', KEYS[5], 'MAXLEN', '~', ARGV[2], '*', 'op', 'del', 'id', ARGV[1], 'seq', seq, 'index', index)
return {seq, index, current}
