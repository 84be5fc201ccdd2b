-- wrk: the embeddings request of embeddings.lua inside Vast's {auth_data, payload} wrapper, for a
-- worker running unsecured (the signature is not checked, so it is left empty); each request has
-- its own reqnum and request_idx, as the autoscaler's do.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local counter = 0
local thread_base = 0

function setup(thread)
  thread:set("thread_base", counter * 1000000000)
  counter = counter + 1
end

function request()
  thread_base = thread_base + 1
  local body = string.format('{"auth_data":{"cost":"1","endpoint":"bench","reqnum":%d,"request_idx":%d,'
    .. '"signature":"","url":""},"payload":{"input":["the quick brown fox"],"model":"all-minilm-l6-v2"}}',
    thread_base, thread_base)
  return wrk.format(nil, nil, nil, body)
end
