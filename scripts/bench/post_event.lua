-- wrk: POST the event in BODY_FILE to PATH_Q with an ingest token (TOKEN may be empty). Each
-- request gets its own event id and one of 1,000 subjects, as a fleet of instances would send.
local f = io.open(os.getenv("BODY_FILE"), "r")
local template = f:read("*a")
f:close()
local headers = { ["Content-Type"] = "application/cloudevents+json" }
if os.getenv("TOKEN") and os.getenv("TOKEN") ~= "" then
  headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
end
local n = 0
request = function()
  n = n + 1
  local body = template:gsub('"id":"[^"]+"', '"id":"bench-' .. n .. '-' .. math.random(1, 1000000000) .. '"', 1)
  body = body:gsub('"subject":"[^"]+"', '"subject":"' .. (n % 1000) .. '"', 1)
  return wrk.format("POST", os.getenv("PATH_Q"), headers, body)
end
