-- Compare-and-set write of one instance, atomically with its change-log entry.
-- KEYS: instances hash, expiry zset, index, seq, change stream
-- ARGV: id, expected revision ('*' any, '-' absent, or a number), json, expiry score (ms),
--       bump index ('1'/'0'), stream max length
local current = redis.call('HGET', KEYS[1], ARGV[1])
if ARGV[2] ~= '*' then
  local revision = '-'
  if current then
    revision = string.sub(current, 1, string.find(current, '|', 1, true) - 1)
  end
  if revision ~= ARGV[2] then
    return {-1}
  end
end
local seq = redis.call('INCR', KEYS[4])
local index
if ARGV[5] == '1' then
  index = redis.call('INCR', KEYS[3])
else
  index = tonumber(redis.call('GET', KEYS[3]) or '0')
end
local value = seq .. '|' .. ARGV[3]
redis.call('HSET', KEYS[1], ARGV[1], value)
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[1])
redis.call('XADD', KEYS[5], 'MAXLEN', '~', ARGV[6], '*', 'op', 'put', 'id', ARGV[1], 'seq', seq, 'index', index, 'value', value)
return {seq, index, current}
