-- Removes one instance, atomically with its change-log entry.
-- KEYS: instances hash, expiry zset, index, seq, change stream
-- ARGV: id, stream max length, the token hash the entry must hold ('*': any, a service's write)
-- Answers {-1} when the entry is absent or holds another token hash (ARGV[3] not '*'), {0} when
-- it is absent, else {seq, index, removed value}. Checking the hash here, in the script that
-- removes, is what binds the token to the record: no registration can land in between.
local current = redis.call('HGET', KEYS[1], ARGV[1])
if ARGV[3] ~= '*' then
  -- Values are 'revision|json'. A timing difference in this comparison reveals bits of a hash
  -- of a 256-bit secret, which does not help to forge the secret.
  if not current then
    return {-1}
  end
  local entry = cjson.decode(string.sub(current, string.find(current, '|', 1, true) + 1))
  if entry['tokenHash'] ~= ARGV[3] then
    return {-1}
  end
end
if not current then
  return {0}
end
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[1])
local seq = redis.call('INCR', KEYS[4])
local index = redis.call('INCR', KEYS[3])
redis.call('XADD', KEYS[5], 'MAXLEN', '~', ARGV[2], '*', 'op', 'del', 'id', ARGV[1], 'seq', seq, 'index', index)
return {seq, index, current}
