-- wrk script: POST chat completions to the route in LLMOPS_BENCH_MODEL (default "chat"). With
-- LLMOPS_BENCH_UNIQUE=1 every request asks a different question (exact-cache misses); otherwise
-- every request is the same (cache hits after the first).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local key = os.getenv("LLMOPS_BENCH_KEY")
if key ~= nil and key ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. key
end
local model = os.getenv("LLMOPS_BENCH_MODEL") or "chat"
local unique = os.getenv("LLMOPS_BENCH_UNIQUE") == "1"
local counter = 0
local threads = 0
-- Runs in the main state before each thread starts: gives every thread its own id.
setup = function(thread)
  threads = threads + 1
  thread:set("thread_id", tostring(threads) .. "-" .. tostring(os.time()))
end

request = function()
  local question = "Say hello in one short sentence."
  if unique then
    counter = counter + 1
    question = question .. " #" .. thread_id .. "-" .. counter
  end
  local body = '{"model":"' .. model .. '","messages":[{"role":"user","content":"' .. question .. '"}],"max_tokens":16}'
  return wrk.format(nil, nil, nil, body)
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT rps=%.1f p50_ms=%.3f p99_ms=%.3f errors=%d requests=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.requests))
end
