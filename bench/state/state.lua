-- wrk script for bench/state, run by run.sh. The mode comes from the environment (wrk passes no
-- per-process arguments to setup/done, and every wrk thread runs this file in its own Lua state):
--   BENCH_OP=mix   each request is a GET with probability BENCH_GET_SHARE (0.9), else a PUT
--   BENCH_OP=get   GET /v1/state/{ns}/{k} only;   BENCH_OP=put   PUT /v1/state/{ns}/{k} only
--   BENCH_OP=seed  PUTs keys 0..KEYS-1 in turn until each has been created (201), then exits
-- k is uniform among the BENCH_KEYS seeded keys; a PUT's value is a BENCH_VALUE_BYTES-byte JSON object.
-- With BENCH_TIMED=1 (see below) done() prints one line per operation,
--   "RESULT op=get requests=... rps=... mean_ms=... p50_ms=... p99_ms=... ...",
-- otherwise one line for the whole process from wrk's own histogram. Latencies are in milliseconds.

local op        = os.getenv("BENCH_OP") or "get"
local keys      = tonumber(os.getenv("BENCH_KEYS") or "10000")
local ns        = os.getenv("BENCH_NAMESPACE") or "bench"
local token     = os.getenv("BENCH_TOKEN") or error("BENCH_TOKEN is not set")
local valueSize = tonumber(os.getenv("BENCH_VALUE_BYTES") or "1024")
local getShare  = tonumber(os.getenv("BENCH_GET_SHARE") or "0.9")

local getHeaders = { ["Authorization"] = "Bearer " .. token }
local putHeaders = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }

-- The value is {"seq":"<8 hex>","data":"<pad>"}: exactly valueSize bytes of compact JSON, so the server
-- stores (and a GET returns) a valueSize-byte value. The request body wraps it: {"value":<value>}.
local overhead = #'{"seq":"00000000","data":""}'
assert(valueSize > overhead, "BENCH_VALUE_BYTES must exceed " .. overhead)
local pad
local seq = 0

-- Thread bookkeeping (setup and done run in the main Lua state; the rest in each thread's state).
local threads = {}
function setup(thread)
   table.insert(threads, thread)
   thread:set("thread_no", #threads)
end

function init(args)
   math.randomseed(os.time() * 1000 + (thread_no or 0) * 7919 + #op)
   local chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
   local t = {}
   for i = 1, valueSize - overhead do
      local c = math.random(#chars)
      t[i] = chars:sub(c, c)
   end
   pad = table.concat(t)
   gets, puts, next_seed, created, unexpected = 0, 0, 0, 0, 0
end

local function path(k)
   return "/v1/state/" .. ns .. "/" .. k
end

local function put(k)
   seq = seq + 1
   local body = string.format('{"value":{"seq":"%08x","data":"%s"}}', seq % 4294967296, pad)
   puts = puts + 1
   return wrk.format("PUT", path(k), putHeaders, body)
end

local function get(k)
   gets = gets + 1
   return wrk.format("GET", path(k), getHeaders)
end

function request()
   if op == "get" then
      return get(math.random(0, keys - 1))
   elseif op == "put" then
      return put(math.random(0, keys - 1))
   elseif op == "mix" then
      if math.random() < getShare then
         return get(math.random(0, keys - 1))
      end
      return put(math.random(0, keys - 1))
   elseif op == "seed" then
      -- Cycles over the keys until every one has been created (201): wrk calls request() once before
      -- the run to check the script, so the first pass misses key 0; later passes only update (200).
      next_seed = next_seed + 1
      return put((next_seed - 1) % keys)
   end
   error("unknown BENCH_OP " .. op)
end

-- BENCH_TIMED=1 (run with as many wrk threads as connections): each thread owns one connection, so the
-- request() -> response() interval of that thread is exactly one request's latency. The script times every
-- request with the monotonic clock into one histogram per operation, which gives honest per-operation
-- percentiles from a single process running the true random mix. (wrk's own histogram mixes both operations
-- and is corrected for coordinated omission; these raw ones are not, like pgbench's.)
-- The histograms are C arrays that setup() allocates in the main Lua state and hands to each thread by
-- address, because fetching a table with thread:get crashed wrk 4.1 (it copies strings and numbers fine).
local timed = os.getenv("BENCH_TIMED") == "1"
local ffi = require("ffi")
ffi.cdef[[
   typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
   int clock_gettime(int clock_id, bench_timespec *tp);
]]
-- Buckets: 10 us wide below 100 ms (0..9999), then 1 ms wide up to 10 s (10000..19899), then one overflow.
local FINE, COARSE = 10000, 9900
local BUCKETS = FINE + COARSE + 1
local OPS = { get = 0, put = 1 }
local function bucket_of(us)
   if us < 100000 then return math.floor(us / 10) end
   return math.min(FINE + math.floor((us - 100000) / 1000), BUCKETS - 1)
end
local function bucket_value_ms(b)   -- the middle of a bucket, in ms
   if b < FINE then return (b * 10 + 5) / 1000 end
   return 100 + (b - FINE) + 0.5
end
local histograms = {}   -- main state: keeps every thread's array alive

if timed then
   local ts = ffi.new("bench_timespec")
   local function now_us()
      ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
      return tonumber(ts.tv_sec) * 1000000 + tonumber(ts.tv_nsec) / 1000
   end
   local hist, started, current
   local plain_request = request
   request = function()
      local before_gets = gets
      local req = plain_request()
      current = gets > before_gets and 0 or 1
      started = now_us()
      return req
   end
   response = function(status, headers, body)
      if not hist then hist = ffi.cast("uint32_t *", hist_addr) end
      local i = current * BUCKETS + bucket_of(now_us() - started)
      hist[i] = hist[i] + 1
      if status >= 300 then unexpected = unexpected + 1 end
   end
   local plain_setup = setup
   setup = function(thread)
      plain_setup(thread)
      local array = ffi.new("uint32_t[?]", 2 * BUCKETS)
      histograms[#histograms + 1] = array
      thread:set("hist_addr", tonumber(ffi.cast("uintptr_t", array)))
   end
end

if op == "seed" then
   function response(status, headers, body)
      if status == 201 then
         created = created + 1
         if created >= keys then
            -- wrk would wait out its whole -d duration even after thread:stop(), so report and exit here
            -- (the seed runs with a single thread, so this thread saw every response).
            io.write(string.format("RESULT op=seed created=%d unexpected=%d puts_sent=%d\n", created, unexpected, puts))
            io.flush()
            os.exit(0)
         end
      elseif status ~= 200 then
         unexpected = unexpected + 1
         if unexpected <= 3 then
            io.stderr:write("seed: unexpected status " .. status .. ": " .. body .. "\n")
         end
      end
   end
end

-- "op=<name> requests=... rps=... mean_ms=... p50_ms=... p99_ms=..." of the merged per-operation histogram.
local function timed_line(name, seconds)
   local offset = OPS[name] * BUCKETS
   local counts, count, sum, top = {}, 0, 0, 0
   for b = 0, BUCKETS - 1 do
      local n = 0
      for _, array in ipairs(histograms) do n = n + array[offset + b] end
      counts[b] = n
      if n > 0 then
         count = count + n
         sum = sum + n * bucket_value_ms(b)
         top = b
      end
   end
   local function percentile(p)
      local rank, seen = math.max(1, math.ceil(count * p / 100)), 0
      for b = 0, BUCKETS - 1 do
         seen = seen + counts[b]
         if seen >= rank then return bucket_value_ms(b) end
      end
      return 0
   end
   return string.format("op=%s requests=%d duration_s=%.3f rps=%.1f mean_ms=%.3f p50_ms=%.3f p90_ms=%.3f "
      .. "p99_ms=%.3f p999_ms=%.3f max_ms=%.3f", name, count, seconds, count / seconds,
      count > 0 and sum / count or 0, percentile(50), percentile(90), percentile(99), percentile(99.9),
      count > 0 and bucket_value_ms(top) or 0)
end

function done(summary, latency, requests)
   local sum = function(name)
      local total = 0
      for _, t in ipairs(threads) do total = total + (t:get(name) or 0) end
      return total
   end
   local seconds = summary.duration / 1e6
   if timed then
      local e = summary.errors
      local errors = string.format("err_connect=%d err_read=%d err_write=%d err_timeout=%d err_status=%d unexpected=%d",
         e.connect, e.read, e.write, e.timeout, e.status, sum("unexpected"))
      for _, name in ipairs({ "get", "put" }) do
         local line = timed_line(name, seconds)
         if not line:find("requests=0 ") then
            io.write("RESULT " .. line .. string.format(" all_rps=%.1f wrk_p50_ms=%.3f wrk_p99_ms=%.3f ",
               summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000)
               .. errors .. "\n")
         end
      end
      return
   end
   local e = summary.errors
   io.write(string.format(
      "RESULT op=%s requests=%d duration_s=%.3f rps=%.1f gets_sent=%d puts_sent=%d created=%d unexpected=%d "
      .. "mean_ms=%.3f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f p999_ms=%.3f max_ms=%.3f "
      .. "err_connect=%d err_read=%d err_write=%d err_timeout=%d err_status=%d\n",
      op, summary.requests, seconds, summary.requests / seconds, sum("gets"), sum("puts"), sum("created"),
      sum("unexpected"), latency.mean / 1000, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
      latency:percentile(99) / 1000, latency:percentile(99.9) / 1000, latency.max / 1000,
      e.connect, e.read, e.write, e.timeout, e.status))
end
