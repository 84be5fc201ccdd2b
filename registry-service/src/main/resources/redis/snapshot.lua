-- A consistent snapshot: every instance, the counters, and the change-log position it matches.
-- KEYS: instances hash, expiry zset, index, seq, change stream
local last = redis.call('XREVRANGE', KEYS[5], '+', '-', 'COUNT', 1)
local lastId = '0-0'
if #last > 0 then
  lastId = last[1][1]
end
return {lastId, redis.call('GET', KEYS[4]) or '0', redis.call('GET', KEYS[3]) or '0', redis.call('HVALS', KEYS[1])}
