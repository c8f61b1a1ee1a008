-- wrk script for bench/submit.py: GET /healthz and print the figures in one parseable line.

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d accepted=%d other=0 "
      .. "connect=%d read=%d write=%d status=%d timeout=%d sent=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    summary.requests - e.status, e.connect, e.read, e.write, e.status, e.timeout,
    summary.requests))
end
