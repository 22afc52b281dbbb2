-- wrk script for bench/state, run by run.sh. The mode comes from the environment (wrk passes no
-- per-process arguments to setup/done, and every wrk thread runs this file in its own Lua state):
--   BENCH_OP=mix   each request is a GET with probability BENCH_GET_SHARE (0.9), else a PUT
--   BENCH_OP=get   GET /v1/state/{ns}/{k} only;   BENCH_OP=put   PUT /v1/state/{ns}/{k} only
--   BENCH_OP=seed  PUTs keys 0..KEYS-1 in turn until each has been created (201), then exits
-- k is uniform among the BENCH_KEYS seeded keys; a PUT's value is a BENCH_VALUE_BYTES-byte JSON object.
--
-- Per-operation latency. wrk keeps one histogram per process, mixing GETs and PUTs, and does not say
-- which connection a response belongs to. So each request carries its send time and its operation in an
-- X-Request-Id header ("bench-g-<microseconds>"), which the server adopts and echoes on the response
-- (as it does for any safe caller-supplied id, e.g. from a proxy); response() reads it back and adds the
-- request's latency to the GET or PUT histogram. The clock is CLOCK_MONOTONIC (LuaJIT FFI), read where
-- wrk starts and stops its own timer, and the percentiles are raw, like pgbench's (wrk's own histogram is
-- corrected for coordinated omission; its combined p50/p99 are printed too, as wrk_p50_ms/wrk_p99_ms).
--
-- done() prints one line per operation:
--   "RESULT op=get requests=... rps=... mean_ms=... p50_ms=... p90_ms=... p99_ms=... ..." (milliseconds)
-- and for BENCH_OP=seed one line "RESULT op=seed created=... unexpected=...".

local op        = os.getenv("BENCH_OP") or "mix"
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

-- Latency histograms, one per operation: 10 us buckets below 100 ms (0..9999), 1 ms buckets up to 10 s
-- (10000..19899), one overflow bucket. They are C arrays that setup() allocates in the main Lua state and
-- hands to each thread by address, because fetching a table with thread:get crashed wrk 4.1.
local ffi = require("ffi")
ffi.cdef[[
   typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
   int clock_gettime(int clock_id, bench_timespec *tp);
]]
local FINE, COARSE = 10000, 9900
local BUCKETS = FINE + COARSE + 1
local OPS = { g = 0, p = 1 }
local function bucket_of(us)
   if us < 100000 then return math.floor(us / 10) end
   return math.min(FINE + math.floor((us - 100000) / 1000), BUCKETS - 1)
end
local function bucket_ms(b)   -- the middle of a bucket, in ms
   if b < FINE then return (b * 10 + 5) / 1000 end
   return 100 + (b - FINE) + 0.5
end
local ts = ffi.new("bench_timespec")
local function now_us()
   ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
   return tonumber(ts.tv_sec) * 1000000 + tonumber(ts.tv_nsec) / 1000
end

-- Thread bookkeeping (setup and done run in the main Lua state; the rest in each thread's own state).
local threads, histograms = {}, {}
function setup(thread)
   table.insert(threads, thread)
   thread:set("thread_no", #threads)
   local array = ffi.new("uint32_t[?]", 2 * BUCKETS)
   histograms[#histograms + 1] = array   -- keeps it alive
   thread:set("hist_addr", tonumber(ffi.cast("uintptr_t", array)))
end

local hist
function init(args)
   math.randomseed(os.time() * 1000 + (thread_no or 0) * 7919 + #op)
   local chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
   local t = {}
   for i = 1, valueSize - overhead do
      local c = math.random(#chars)
      t[i] = chars:sub(c, c)
   end
   pad = table.concat(t)
   hist = ffi.cast("uint32_t *", hist_addr)
   next_seed, created, unexpected = 0, 0, 0
end

local function path(k)
   return "/v1/state/" .. ns .. "/" .. k
end

local function put(k)
   seq = seq + 1
   putHeaders["X-Request-Id"] = string.format("bench-p-%.0f", now_us())
   local body = string.format('{"value":{"seq":"%08x","data":"%s"}}', seq % 4294967296, pad)
   return wrk.format("PUT", path(k), putHeaders, body)
end

local function get(k)
   getHeaders["X-Request-Id"] = string.format("bench-g-%.0f", now_us())
   return wrk.format("GET", path(k), getHeaders)
end

function request()
   if op == "mix" then
      if math.random() < getShare then
         return get(math.random(0, keys - 1))
      end
      return put(math.random(0, keys - 1))
   elseif op == "get" then
      return get(math.random(0, keys - 1))
   elseif op == "put" then
      return put(math.random(0, keys - 1))
   elseif op == "seed" then
      -- Cycles over the keys until every one has been created (201): wrk calls request() once before
      -- the run to check the script, so the first pass misses key 0; later passes only update (200).
      next_seed = next_seed + 1
      return put((next_seed - 1) % keys)
   end
   error("unknown BENCH_OP " .. op)
end

function response(status, headers, body)
   local id = headers["X-Request-Id"]
   local kind, started = nil, nil
   if id then kind, started = id:match("^bench%-([gp])%-(%d+)$") end
   if status >= 300 or not kind then
      unexpected = unexpected + 1
      if unexpected <= 3 then
         io.stderr:write(string.format("unexpected response %d (X-Request-Id %s): %s\n", status, tostring(id),
            body:sub(1, 300)))
      end
      return
   end
   local i = OPS[kind] * BUCKETS + bucket_of(now_us() - tonumber(started))
   hist[i] = hist[i] + 1
   if op == "seed" and status == 201 then
      created = created + 1
      if created >= keys then
         -- wrk would wait out its whole -d duration even after thread:stop(), so report and exit here
         -- (the seed runs with a single thread, so this thread saw every response).
         io.write(string.format("RESULT op=seed created=%d unexpected=%d\n", created, unexpected))
         io.flush()
         os.exit(0)
      end
   end
end

-- "op=<name> requests=... rps=... mean_ms=... p50_ms=..." from the merged histograms of all threads.
local function result_line(name, seconds)
   local offset = OPS[name:sub(1, 1)] * BUCKETS
   local counts, count, sum, top = {}, 0, 0, 0
   for b = 0, BUCKETS - 1 do
      local n = 0
      for _, array in ipairs(histograms) do n = n + array[offset + b] end
      counts[b] = n
      if n > 0 then
         count, sum, top = count + n, sum + n * bucket_ms(b), b
      end
   end
   local function percentile(p)
      local rank, seen = math.max(1, math.ceil(count * p / 100)), 0
      for b = 0, BUCKETS - 1 do
         seen = seen + counts[b]
         if seen >= rank then return bucket_ms(b) end
      end
      return 0
   end
   return string.format("op=%s requests=%d duration_s=%.3f rps=%.1f mean_ms=%.3f p50_ms=%.3f p90_ms=%.3f "
      .. "p99_ms=%.3f p999_ms=%.3f max_ms=%.3f", name, count, seconds, count / seconds,
      count > 0 and sum / count or 0, percentile(50), percentile(90), percentile(99), percentile(99.9),
      count > 0 and bucket_ms(top) or 0), count
end

function done(summary, latency, requests)
   local seconds = summary.duration / 1e6
   local unexpected_total = 0
   for _, t in ipairs(threads) do unexpected_total = unexpected_total + (t:get("unexpected") or 0) end
   local e = summary.errors
   local tail = string.format(" all_rps=%.1f wrk_p50_ms=%.3f wrk_p99_ms=%.3f err_connect=%d err_read=%d "
      .. "err_write=%d err_timeout=%d err_status=%d unexpected=%d", summary.requests / seconds,
      latency:percentile(50) / 1000, latency:percentile(99) / 1000, e.connect, e.read, e.write, e.timeout,
      e.status, unexpected_total)
   for _, name in ipairs({ "get", "put" }) do
      local line, count = result_line(name, seconds)
      if count > 0 then io.write("RESULT " .. line .. tail .. "\n") end
   end
end
