-- A consistent snapshot: every instance, the counters, and the change-log position it matches.
-- KEYS: instances hash, expiry zset, index, seq, change stream
-- ARGV: index floor: after a reset, the index is raised to it so it never goes backwards ('0': none)
local floor = tonumber(ARGV[1] or '0')
if floor > tonumber(redis.call('GET', KEYS[3]) or '0') then
  redis.call('SET', KEYS[3], floor)
end
local last = redis.call('XREVRANGE', KEYS[5], '+', '-', 'COUNT', 1)
local lastId = '0-0'
if #last > 0 then
  lastId = last[1][1]
end
return {lastId, redis.call('GET', KEYS[4]) or '0', redis.call('GET', KEYS[3]) or '0', redis.call('HVALS', KEYS[1])}
