-- wrk: authenticated POST of the JSON in BODY to the path in PATH_Q.
local token = os.getenv("TOKEN")
local path = os.getenv("PATH_Q")
local body = os.getenv("BODY")
request = function()
  return wrk.format("POST", path, { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }, body)
end
response = function(status)
  if status ~= 200 then
    error("POST answered " .. status)
  end
end
