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

wrapped = 0

function request()
  index = index + 1
  if index > #requests then
    index = 1
    wrapped = 1
  end
  return requests[index]
end

-- Anything but 202 shows up in wrk's "Non-2xx or 3xx responses" line; a replay would not (it is
-- answered 200), so a thread that ran out of unique messages says so here.
function done(summary, latency, requests)
  for _, thread in ipairs(threads) do
    if thread:get("wrapped") == 1 then
      print("RAN OUT OF MESSAGES: some were sent twice (answered as replays); sign more")
      return
    end
  end
end
