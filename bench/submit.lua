-- wrk script for bench/submit.py: POST the feedback form with a fixed CSRF cookie and token and
-- a fresh submission_key per request; counts 302 (accepted) responses across threads.
-- The path, token and text come from the environment (BENCH_PATH, BENCH_CSRF).

local threads = {}
local counter = 1

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() * 1000 + id)
  prefix = string.format("%08x", math.random(0, 0x7fffffff))
  sent = 0
  accepted = 0
  other = 0
  local token = os.getenv("BENCH_CSRF")
  wrk.method = "POST"
  wrk.path = os.getenv("BENCH_PATH")
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.headers["Cookie"] = "csrftoken=" .. token
  body_head = "csrfmiddlewaretoken=" .. token .. "&fft_answer=good"
    .. "&text=The+midwife+was+kind+and+explained+everything.+Parking+was+hard+to+find."
    .. "&submission_key="
end

function request()
  sent = sent + 1
  -- thread id and a per-thread counter make every key unique within the run
  local key = string.format("%s-%04x-4000-8000-%012x", prefix, id, sent)
  return wrk.format(nil, nil, nil, body_head .. key)
end

function response(status, headers, body)
  if status == 302 then
    accepted = accepted + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local total_accepted, total_other, total_sent = 0, 0, 0
  for _, thread in ipairs(threads) do
    total_accepted = total_accepted + thread:get("accepted")
    total_other = total_other + thread:get("other")
    total_sent = total_sent + thread:get("sent")
  end
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d accepted=%d other=%d "
      .. "connect=%d read=%d write=%d status=%d timeout=%d sent=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    total_accepted, total_other, e.connect, e.read, e.write, e.status, e.timeout, total_sent))
end
