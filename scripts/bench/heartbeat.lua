-- wrk: heartbeats for random instances 1..N (N from the environment), admin token.
local count = tonumber(os.getenv("INSTANCES"))
local token = os.getenv("TOKEN")
math.randomseed(os.time())
request = function()
  local id = math.random(1, count)
  return wrk.format("POST", "/api/v1/vastai/registry/" .. id .. "/heartbeat",
    { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" },
    '{"cur_load": 12.5, "requests_working": 1}')
end
response = function(status)
  if status ~= 200 then
    error("heartbeat answered " .. status)
  end
end
