// The graphile-worker reference of bench/engine: the same no-op work as an AgentPlane execution, as chained jobs.
// An "execution" of `steps` steps is job step1 whose task adds job step2 with the same payload, and so on; it has
// ended when the last job's completion is written back to the database (the worker's "job:complete" event).
// `concurrency` clients in this process each add an execution's first job and wait for it to end (like the
// AgentPlane load generator's clients; there is no HTTP: graphile-worker is a library). Worker settings follow
// graphile-worker's performance page (local queue, batched completion) unless batching=0.
// Prints one "RESULT key=value ..." line.
import { Logger, run } from "graphile-worker";
import { readFileSync, readdirSync } from "node:fs";
import { randomUUID } from "node:crypto";
import os from "node:os";

const args = Object.fromEntries(process.argv.slice(2).map((a) => {
  const eq = a.indexOf("=");
  return [a.slice(0, eq), a.slice(eq + 1)];
}));
const steps = Number(args.steps ?? 3);
const concurrency = Number(args.concurrency ?? 32);
const jobs = Number(args.jobs ?? 32);
const batching = (args.batching ?? "1") === "1";
const warmup = Number(args.warmup ?? 5);
const duration = Number(args.duration ?? 30);
const dbPid = Number(args.db_pid ?? 0);
const clkTck = Number(args.clk_tck ?? 100);

// ---------------------------------------------------------------- CPU from /proc (see BenchSupport.java)
function machineBusy() {
  const f = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
  return f[0] + f[1] + f[2] + f[5] + f[6] + (f[7] ?? 0);
}
function stat(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = text.slice(text.lastIndexOf(")") + 2).trim().split(/\s+/);
    return { own: Number(f[11]) + Number(f[12]), reaped: Number(f[13]) + Number(f[14]), ppid: Number(f[1]) };
  } catch {
    return { own: 0, reaped: 0, ppid: -1 };
  }
}
function treeTicks(root) {
  const children = new Map();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const s = stat(Number(name));
    if (!children.has(s.ppid)) children.set(s.ppid, []);
    children.get(s.ppid).push(Number(name));
  }
  let total = stat(root).reaped;
  const queue = [root];
  while (queue.length) {
    const pid = queue.pop();
    total += stat(pid).own;
    queue.push(...(children.get(pid) ?? []));
  }
  return total;
}
function snapshot() {
  return { t: performance.now(), machine: machineBusy(), self: stat(process.pid).own, db: dbPid ? treeTicks(dbPid) : 0 };
}
function cpuBetween(a, b) {
  const cores = os.cpus().length;
  const capacity = ((b.t - a.t) / 1000) * clkTck * cores;
  const self = b.self - a.self, db = b.db - a.db;
  const other = Math.max(0, b.machine - a.machine - self - db);
  const pct = (x) => Math.max(0, (100 * x) / capacity).toFixed(1);
  return `cpu_server=${pct(self)} cpu_db=${pct(db)} cpu_load=0.0 cpu_other=${pct(other)} cores=${cores}`;
}
function summary(prefix, values) {
  const v = Float64Array.from(values).sort();
  const rank = (p) => (v.length ? v[Math.min(v.length, Math.max(1, Math.ceil((v.length * p) / 100))) - 1] : 0);
  const mean = v.length ? v.reduce((s, x) => s + x, 0) / v.length : 0;
  return `${prefix}_p50_ms=${rank(50).toFixed(2)} ${prefix}_p90_ms=${rank(90).toFixed(2)} ${prefix}_p99_ms=${rank(99).toFixed(2)} `
    + `${prefix}_max_ms=${(v.length ? v[v.length - 1] : 0).toFixed(2)} ${prefix}_mean_ms=${mean.toFixed(2)}`;
}

// ---------------------------------------------------------------- the work
const waiting = new Map();
const last = `step${steps}`;
const taskList = {};
for (let i = 1; i <= steps; i++) {
  const next = i < steps ? `step${i + 1}` : null;
  taskList[`step${i}`] = async (payload, helpers) => {
    if (next) await helpers.addJob(next, payload);
  };
}
const worker = batching
  ? { localQueue: { size: jobs + 1 }, completeJobBatchDelay: 0, failJobBatchDelay: 0 }
  : {};
const runner = await run({
  connectionString: args.connection,
  concurrency: jobs,
  maxPoolSize: jobs + 2,
  noHandleSignals: true,
  pollInterval: 1000,
  taskList,
  // Only warnings and errors: the default logger writes a line per completed job.
  logger: new Logger(() => (level, message) => {
    if (level === "error" || level === "warning") console.error(`graphile-worker ${level}: ${message}`);
  }),
  preset: { worker },
});
let failures = 0;
runner.events.on("job:complete", ({ job, error }) => {
  if (error) failures++;
  if (job.task_identifier === last) {
    const resolve = waiting.get(job.payload.id);
    if (resolve) {
      waiting.delete(job.payload.id);
      resolve(performance.now());
    }
  }
});

let stop = false;
let started = 0;
let windowStart = Infinity, windowEnd = Infinity, ended = 0;
const latencies = [];
async function client() {
  while (!stop) {
    const id = randomUUID();
    const done = new Promise((resolve) => waiting.set(id, resolve));
    const sent = performance.now();
    started++;
    await runner.addJob("step1", { id });
    const at = await done;
    if (at >= windowStart && at < windowEnd) ended++;
    if (sent >= windowStart && sent < windowEnd) latencies.push(at - sent);
  }
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const clients = Array.from({ length: concurrency }, client);
await sleep(warmup * 1000);
windowStart = performance.now();
const before = snapshot();
await sleep(duration * 1000);
windowEnd = performance.now();
const after = snapshot();
stop = true;
await Promise.race([Promise.all(clients), sleep(60000)]);
await runner.stop();
const seconds = (windowEnd - windowStart) / 1000;
const rate = ended / seconds;
console.log(`RESULT ${args.label ?? ""} workflow=${steps === 1 ? "one-step" : steps === 3 ? "three-step" : steps + "-step"} steps=${steps} `
  + `concurrency=${concurrency} jobs=${jobs} batching=${batching ? 1 : 0} duration_s=${seconds.toFixed(2)} executions=${ended} `
  + `eps=${rate.toFixed(2)} steps_per_s=${(rate * steps).toFixed(2)} failed=${failures} unfinished=${waiting.size} total_started=${started} `
  + `${summary("client", latencies)} ${cpuBetween(before, after)}`);
process.exit(0);
