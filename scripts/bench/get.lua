-- wrk: authenticated GET of the path given in PATH_Q.
local token = os.getenv("TOKEN")
local path = os.getenv("PATH_Q")
request = function()
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
end
response = function(status)
  if status ~= 200 then
    error("GET answered " .. status)
  end
end
