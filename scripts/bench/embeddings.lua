-- wrk: POST an OpenAI-style embeddings request, with the worker's bearer token when TOKEN is set.
wrk.method = "POST"
wrk.body = '{"input":["the quick brown fox"],"model":"all-minilm-l6-v2"}'
wrk.headers["Content-Type"] = "application/json"
if os.getenv("TOKEN") and os.getenv("TOKEN") ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
end
