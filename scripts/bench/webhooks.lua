-- wrk: replays pre-signed webhooks from FILE (one per line), each thread its own slice, to PATH_Q.
local path = os.getenv("PATH_Q")
local requests = {}
local index = 0
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  local count = tonumber(os.getenv("THREADS") or "1")
  local n = 0
  for line in io.lines(os.getenv("FILE")) do
    if n % count == id then
      local msg, ts, sig, body = line:match("([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)")
      table.insert(requests, wrk.format("POST", path, {
        ["Content-Type"] = "application/json", ["webhook-id"] = msg, ["webhook-timestamp"] = ts,
        ["webhook-signature"] = sig }, body))
    end
    n = n + 1
  end
end

function request()
  index = index + 1
  if index > #requests then
    index = 1
  end
  return requests[index]
end
-- Anything but 202 shows up in wrk's "Non-2xx or 3xx responses" line (a 200 replay would not:
-- the message files hold more unique messages than a run can send).
