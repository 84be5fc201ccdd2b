-- Stores one enrollment token, atomically with the time Redis keeps it.
-- KEYS: the enrollment's hash key
-- ARGV: json, expiresAt in epoch ms, how long Redis keeps the record in ms
redis.call('HSET', KEYS[1], 'json', ARGV[1], 'expiresAt', ARGV[2], 'used', '0')
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
