#!/usr/bin/env node
// The interpret benchmark's client: sends every case to POST /v1/interpret (strategy "heuristic") of a running
// server, scores the answers against the labels, measures the latency over HTTP, and writes the report.
//   node eval.mjs --check                      only check the case files' format
//   node eval.mjs url=http://127.0.0.1:PORT token=KEY [rounds=20] [warmup_rounds=5] [out_json=...] [out_md=...]
// No npm dependencies (Node 20). Run by run.sh, which starts the server.
import http from 'node:http';
import os from 'node:os';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CATEGORIES, loadCases, rootOf, leaves, valueAt, sameValue } from './cases.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const SETS = [
  { name: 'cases', file: join(HERE, 'cases.jsonl'), showFailures: true },
  // The holdout is run, never read by whoever tunes the engine: its report has figures only, no inputs or labels.
  { name: 'holdout', file: join(HERE, 'holdout.jsonl'), showFailures: false },
];
const TARGET_FIELD_ACCURACY = 0.95;
const TARGET_P95_MS = 2;
const SMALL_INPUT_BYTES = 4096;
const SIZE_BUCKETS = [{ label: '≤ 256 B', max: 256 }, { label: '257 B - 1 KiB', max: 1024 }, { label: '1 - 4 KiB', max: 4096 },
  { label: '> 4 KiB', max: Infinity }];

const args = Object.fromEntries(process.argv.slice(2).map((a) => {
  const i = a.indexOf('=');
  return i < 0 ? [a.replace(/^--/, ''), 'true'] : [a.slice(0, i).replace(/^--/, ''), a.slice(i + 1)];
}));

function loadAll() {
  const loaded = SETS.map((set) => ({ ...set, ...loadCases(set.file) }));
  const errors = loaded.flatMap((set) => set.errors);
  if (errors.length > 0) {
    for (const e of errors) console.error(e);
    console.error(`${errors.length} problem(s) in the case files`);
    process.exit(1);
  }
  return loaded;
}

// ------------------------------------------------------------------------------------------------ HTTP
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function post(url, token, body) {
  const payload = Buffer.from(JSON.stringify(body));
  return send(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': payload.length,
    Authorization: `Bearer ${token}` } }, payload);
}

function send(url, options, payload) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const request = http.request(url, { ...options, agent }, (response) => {
      const chunks = [];
      response.on('data', (c) => chunks.push(c));
      response.on('end', () => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        const text = Buffer.concat(chunks).toString('utf8');
        let json;
        try { json = JSON.parse(text); } catch { json = undefined; }
        resolve({ status: response.statusCode, json, text, ms });
      });
      response.on('error', reject);
    });
    request.setTimeout(30000, () => request.destroy(new Error('timed out after 30 s')));
    request.on('error', reject);
    request.end(payload);
  });
}

function requestBody(c) {
  const body = { data: c.data, schema: c.schema, strategy: 'heuristic' };
  if (c.context !== undefined) body.context = c.context;
  if (c.options !== undefined) body.options = c.options;
  return body;
}

function inputBytes(c) {
  return Buffer.byteLength(typeof c.data === 'string' ? c.data : JSON.stringify(c.data), 'utf8');
}

// ------------------------------------------------------------------------------------------------ scoring
// The confidence of a field: the flat dotted key of the contract ("address.city"); a nested map is accepted too.
function confidenceOf(confidence, path) {
  if (!confidence || typeof confidence !== 'object') return undefined;
  if (typeof confidence[path] === 'number') return confidence[path];
  const nested = valueAt(confidence, path);
  return typeof nested === 'number' ? nested : undefined;
}

function scoreCase(c, answer) {
  const ok = answer.status === 200 && answer.json && typeof answer.json === 'object';
  const data = ok && answer.json.data && typeof answer.json.data === 'object' ? answer.json.data : {};
  const missingListed = new Set(ok && Array.isArray(answer.json.missing_fields) ? answer.json.missing_fields : []);
  const fields = leaves(rootOf(c.schema)).map(([path]) => {
    const expected = valueAt(c.expected, path);
    const produced = valueAt(data, path);
    let correct;
    if (!ok) correct = false;   // a failed request is wrong everywhere, even where nothing was to be found
    else if (expected === undefined) correct = produced === undefined;
    else correct = produced !== undefined && sameValue(expected, produced);
    return {
      path, expected, produced, correct,
      confidence: produced === undefined ? undefined : confidenceOf(ok ? answer.json.confidence : undefined, path),
      listedMissing: missingListed.has(path),
    };
  });
  return {
    id: c.id, category: c.category, status: answer.status, error: ok ? undefined : answer.text.slice(0, 300),
    fields, exact: fields.every((f) => f.correct), ms: answer.ms,
    shouldEscalate: ok ? answer.json.should_escalate : undefined, strategyUsed: ok ? answer.json.strategy_used : undefined,
  };
}

function ratio(n, d) { return d === 0 ? null : n / d; }

function calibration(results) {
  const bins = Array.from({ length: 10 }, (_, i) => ({ low: i / 10, high: (i + 1) / 10, n: 0, confidenceSum: 0, correct: 0 }));
  let producedWithout = 0;
  let n = 0;
  for (const r of results) {
    for (const f of r.fields) {
      if (f.produced === undefined) continue;
      if (typeof f.confidence !== 'number' || Number.isNaN(f.confidence)) { producedWithout++; continue; }
      const c = Math.min(1, Math.max(0, f.confidence));
      const bin = bins[Math.min(9, Math.floor(c * 10))];
      bin.n++; bin.confidenceSum += c; bin.correct += f.correct ? 1 : 0; n++;
    }
  }
  let ece = 0;
  for (const b of bins) if (b.n > 0) ece += (b.n / n) * Math.abs(b.correct / b.n - b.confidenceSum / b.n);
  return {
    ece: n === 0 ? null : ece, produced_fields_scored: n, produced_fields_without_confidence: producedWithout,
    bins: bins.map((b) => ({ range: `${b.low.toFixed(1)}-${b.high.toFixed(1)}`, n: b.n,
      mean_confidence: b.n ? b.confidenceSum / b.n : null, accuracy: b.n ? b.correct / b.n : null })),
  };
}

function summarize(results) {
  const fields = results.flatMap((r) => r.fields);
  const producedFields = fields.filter((f) => f.produced !== undefined);
  const notProduced = fields.filter((f) => f.produced === undefined);
  const expectedPresent = fields.filter((f) => f.expected !== undefined);
  const byCategory = {};
  for (const category of CATEGORIES) {
    const rs = results.filter((r) => r.category === category);
    if (rs.length === 0) continue;
    const fs = rs.flatMap((r) => r.fields);
    byCategory[category] = { cases: rs.length, fields: fs.length, field_accuracy: ratio(fs.filter((f) => f.correct).length, fs.length),
      exact_record_accuracy: ratio(rs.filter((r) => r.exact).length, rs.length) };
  }
  return {
    cases: results.length,
    failed_requests: results.filter((r) => r.status !== 200).length,
    fields: fields.length,
    field_accuracy: ratio(fields.filter((f) => f.correct).length, fields.length),
    exact_record_accuracy: ratio(results.filter((r) => r.exact).length, results.length),
    // Of the fields produced, how many were right; of the fields to find, how many were found right.
    produced_precision: ratio(producedFields.filter((f) => f.correct).length, producedFields.length),
    expected_recall: ratio(expectedPresent.filter((f) => f.correct).length, expectedPresent.length),
    // Of the fields not produced (reported missing), how often "missing" was the right answer.
    missing_right: ratio(notProduced.filter((f) => f.expected === undefined).length, notProduced.length),
    missing_not_produced: notProduced.length,
    // Contract check: a field absent from data should be listed in missing_fields.
    absent_but_not_listed_missing: results.filter((r) => r.status === 200)
      .flatMap((r) => r.fields).filter((f) => f.produced === undefined && !f.listedMissing).length,
    by_category: byCategory,
    calibration: calibration(results),
  };
}

function failures(results) {
  return results.filter((r) => !r.exact).map((r) => ({
    id: r.id, category: r.category, status: r.status, error: r.error,
    fields: r.fields.filter((f) => !f.correct).map((f) => ({ path: f.path, expected: f.expected ?? null, produced: f.produced ?? null,
      confidence: f.confidence ?? null })),
  }));
}

// ------------------------------------------------------------------------------------------------ latency
function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
function latencyStats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { n: sorted.length, p50_ms: percentile(sorted, 50), p95_ms: percentile(sorted, 95), p99_ms: percentile(sorted, 99),
    max_ms: sorted.length ? sorted[sorted.length - 1] : null };
}

// The same loop on GET /health (no authentication, no body, a constant answer) interleaved with the interpret
// requests: what the HTTP round trip and the server's request handling cost under the same conditions.
async function measureLatency(url, healthUrl, token, cases, rounds, warmupRounds) {
  const baseline = [];
  const bodies = cases.map((c) => ({ c, body: requestBody(c), bytes: inputBytes(c) }));
  for (let round = 0; round < warmupRounds; round++) {
    for (const { body } of bodies) await post(url, token, body);
  }
  const all = []; const small = []; const large = []; let failed = 0;
  const buckets = SIZE_BUCKETS.map((b) => ({ ...b, samples: [] }));
  const fourKiB = bodies.filter((b) => b.bytes <= SMALL_INPUT_BYTES).sort((a, b) => b.bytes - a.bytes)[0];
  const fourKiBSamples = [];
  for (let round = 0; round < rounds; round++) {
    for (const b of bodies) {
      const answer = await post(url, token, b.body);
      if (answer.status !== 200) failed++;
      all.push(answer.ms);
      (b.bytes <= SMALL_INPUT_BYTES ? small : large).push(answer.ms);
      buckets.find((bucket) => b.bytes <= bucket.max).samples.push(answer.ms);
      if (b === fourKiB) fourKiBSamples.push(answer.ms);
      baseline.push((await send(healthUrl, { method: 'GET' })).ms);
    }
  }
  return {
    rounds, warmup_rounds: warmupRounds, requests: all.length, failed_requests: failed,
    all: latencyStats(all), inputs_up_to_4kib: latencyStats(small), inputs_over_4kib: latencyStats(large),
    baseline_get_health: latencyStats(baseline),
    by_input_size: buckets.map((b) => ({ inputs: b.label, ...latencyStats(b.samples) })),
    largest_case_up_to_4kib: fourKiB ? { id: fourKiB.c.id, bytes: fourKiB.bytes, ...latencyStats(fourKiBSamples) } : null,
  };
}

// ------------------------------------------------------------------------------------------------ report
const pct = (x) => (x === null || x === undefined ? 'n/a' : `${(100 * x).toFixed(1)} %`);
const num = (x, d = 3) => (x === null || x === undefined ? 'n/a' : x.toFixed(d));
const show = (v) => {
  if (v === null || v === undefined) return '(missing)';
  const text = JSON.stringify(v);
  return (text.length > 90 ? `${text.slice(0, 87)}...` : text).replace(/\|/g, '\\|');
};

function markdown(report) {
  const out = [];
  const m = report.machine;
  out.push('# Interpret: accuracy, calibration and latency of the heuristic engine', '');
  out.push(`Measured ${report.date} by \`bench/interpret/run.sh\` at commit \`${report.commit}\`, against a real \`agentplane server\``
    + ` on SQLite over HTTP (\`POST /v1/interpret\`, \`strategy: "heuristic"\`). Machine: ${m.cpu}, ${m.cores} cores, ${m.memory_gib} GiB,`
    + ` ${m.java}, Node ${m.node}; load average before the run: ${m.load_before}, after: ${m.load_after}`
    + ' (other work on the machine inflates the latency tail). How it is measured: `bench/interpret/README.md`.', '');
  const main = report.sets.cases.summary;
  const lat = report.latency;
  out.push('## Targets (issue 5)', '', '| target | measured | met |', '|---|---|---|');
  out.push(`| field accuracy ≥ 95 % (cases.jsonl) | ${pct(main.field_accuracy)} | ${main.field_accuracy >= TARGET_FIELD_ACCURACY ? 'yes' : 'no'} |`);
  if (report.sets.holdout) {
    const h = report.sets.holdout.summary;
    out.push(`| field accuracy ≥ 95 % (holdout.jsonl, never tuned on) | ${pct(h.field_accuracy)} | ${h.field_accuracy >= TARGET_FIELD_ACCURACY ? 'yes' : 'no'} |`);
  }
  const p95 = lat.inputs_up_to_4kib.p95_ms;
  out.push(`| heuristic p95 ≤ ${TARGET_P95_MS} ms for inputs ≤ 4 KiB (client side, over HTTP) | ${num(p95)} ms | ${p95 !== null && p95 <= TARGET_P95_MS ? 'yes' : 'no'} |`, '');

  out.push('## Accuracy', '', '| | cases.jsonl | holdout.jsonl |', '|---|---|---|');
  const h = report.sets.holdout?.summary ?? {};
  const row = (label, f) => out.push(`| ${label} | ${f(main)} | ${report.sets.holdout ? f(h) : 'n/a'} |`);
  row('cases', (s) => s.cases);
  row('leaf fields scored', (s) => s.fields);
  row('failed requests (non-200)', (s) => s.failed_requests);
  row('**field accuracy**', (s) => `**${pct(s.field_accuracy)}**`);
  row('exact-record accuracy', (s) => pct(s.exact_record_accuracy));
  row('precision of produced fields', (s) => pct(s.produced_precision));
  row('recall of fields to find', (s) => pct(s.expected_recall));
  row('a missing field was right (expected absent)', (s) => `${pct(s.missing_right)} of ${s.missing_not_produced}`);
  row('absent from data but not in missing_fields', (s) => s.absent_but_not_listed_missing);
  row('**expected calibration error** (10 bins, produced fields)', (s) => `**${num(s.calibration.ece)}**`);
  row('produced fields without a confidence', (s) => s.calibration.produced_fields_without_confidence);
  out.push('');

  out.push('### Per category', '', '| category | cases | fields | field accuracy | exact records | holdout cases | holdout field accuracy | holdout exact |', '|---|---|---|---|---|---|---|---|');
  for (const category of CATEGORIES) {
    const a = main.by_category[category];
    const b = h.by_category?.[category];
    if (!a && !b) continue;
    out.push(`| ${category} | ${a?.cases ?? 0} | ${a?.fields ?? 0} | ${pct(a?.field_accuracy)} | ${pct(a?.exact_record_accuracy)} | ${b?.cases ?? 0} | ${pct(b?.field_accuracy)} | ${pct(b?.exact_record_accuracy)} |`);
  }
  out.push('');

  out.push('### Reliability (cases.jsonl + holdout.jsonl, produced fields)', '',
    'Each bin holds the produced fields whose confidence falls in it; a calibrated engine has accuracy ≈ mean confidence in every bin.', '',
    '| confidence | fields | mean confidence | accuracy | gap |', '|---|---|---|---|---|');
  for (const b of report.calibration_all.bins) {
    out.push(`| ${b.range} | ${b.n} | ${num(b.mean_confidence, 2)} | ${pct(b.accuracy)} | ${b.n ? num(Math.abs(b.accuracy - b.mean_confidence), 2) : ''} |`);
  }
  out.push(`| all | ${report.calibration_all.produced_fields_scored} | | | ECE ${num(report.calibration_all.ece)} |`, '');

  out.push('## Latency of the heuristic path', '',
    `Client side over HTTP on loopback (one keep-alive connection, requests one after another), ${lat.warmup_rounds} warm-up rounds then`
    + ` ${lat.rounds} measured rounds over every case of both files; ${lat.requests} requests, ${lat.failed_requests} failed.`
    + ' Includes the HTTP round trip, authentication and JSON (de)serialization on both sides.', '',
    '| inputs | requests | p50 ms | p95 ms | p99 ms | max ms |', '|---|---|---|---|---|---|');
  const latRow = (label, s) => out.push(`| ${label} | ${s.n} | ${num(s.p50_ms)} | ${num(s.p95_ms)} | ${num(s.p99_ms)} | ${num(s.max_ms)} |`);
  latRow('all', lat.all);
  latRow('≤ 4 KiB', lat.inputs_up_to_4kib);
  for (const b of lat.by_input_size) if (b.n > 0) latRow(`&nbsp;&nbsp;${b.inputs}`, b);
  if (lat.inputs_over_4kib.n > 0) latRow('> 4 KiB', lat.inputs_over_4kib);
  if (lat.largest_case_up_to_4kib) latRow(`the largest input ≤ 4 KiB (\`${lat.largest_case_up_to_4kib.id}\`, ${lat.largest_case_up_to_4kib.bytes} bytes)`, lat.largest_case_up_to_4kib);
  latRow('baseline: `GET /health` between the requests (HTTP and request handling only)', lat.baseline_get_health);
  out.push('');

  const fails = report.sets.cases.failures;
  out.push(`## Failing cases of cases.jsonl (${fails.length})`, '',
    'Every field that was wrong: the label (normalized per notes/interpret-spec.md) and what the engine produced. The holdout\'s'
    + ' failures are deliberately not listed.', '', '| case | category | field | expected | produced | confidence |', '|---|---|---|---|---|---|');
  for (const f of fails) {
    if (f.error) { out.push(`| ${f.id} | ${f.category} | (request) | HTTP 200 | HTTP ${f.status}: ${show(f.error)} | |`); continue; }
    for (const field of f.fields) out.push(`| ${f.id} | ${f.category} | ${field.path} | ${show(field.expected)} | ${show(field.produced)} | ${num(field.confidence, 2)} |`);
  }
  if (report.sets.holdout) {
    const hf = report.sets.holdout.failures;
    out.push('', `Holdout: ${hf.length} of ${report.sets.holdout.summary.cases} cases not exact (contents not shown).`);
  }
  out.push('');
  return out.join('\n');
}

// ------------------------------------------------------------------------------------------------ main
async function main() {
  const sets = loadAll();
  if (args.check) {
    for (const s of sets) {
      const byCategory = {};
      for (const c of s.cases) byCategory[c.category] = (byCategory[c.category] ?? 0) + 1;
      console.log(`${s.name}: ${s.cases.length} cases, all well-formed ${JSON.stringify(byCategory)}`);
    }
    return;
  }
  if (!args.url || !args.token) throw new Error('usage: node eval.mjs url=http://127.0.0.1:PORT token=KEY (or --check)');
  const url = `${args.url.replace(/\/$/, '')}/v1/interpret`;
  const rounds = Number(args.rounds ?? 20);
  const warmupRounds = Number(args.warmup_rounds ?? 5);

  const report = { date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), commit: args.commit ?? 'unknown',
    machine: { cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, memory_gib: Math.round(os.totalmem() / 2 ** 30),
      node: process.versions.node, java: args.java ?? 'unknown', load_before: os.loadavg().map((x) => x.toFixed(2)).join(' ') },
    targets: { field_accuracy: TARGET_FIELD_ACCURACY, p95_ms_up_to_4kib: TARGET_P95_MS }, sets: {} };

  const everyResult = [];
  for (const set of sets) {
    const results = [];
    for (const c of set.cases) {
      let answer;
      try { answer = await post(url, args.token, requestBody(c)); } catch (e) { answer = { status: 0, text: String(e.message), ms: 0 }; }
      results.push(scoreCase(c, answer));
    }
    everyResult.push(...results);
    const summary = summarize(results);
    report.sets[set.name] = { file: `bench/interpret/${set.name}.jsonl`, summary,
      failures: set.showFailures ? failures(results) : failures(results).map((f) => ({ id: f.id, category: f.category })) };
    console.error(`${set.name}: field accuracy ${pct(summary.field_accuracy)}, exact ${pct(summary.exact_record_accuracy)},`
      + ` ECE ${num(summary.calibration.ece)}, failed requests ${summary.failed_requests}`);
  }
  report.calibration_all = calibration(everyResult);
  report.latency = await measureLatency(url, `${args.url.replace(/\/$/, '')}/health`, args.token, sets.flatMap((s) => s.cases), rounds, warmupRounds);
  report.machine.load_after = os.loadavg().map((x) => x.toFixed(2)).join(' ');
  console.error(`latency ≤ 4 KiB: p50 ${num(report.latency.inputs_up_to_4kib.p50_ms)} ms, p95 ${num(report.latency.inputs_up_to_4kib.p95_ms)} ms,`
    + ` p99 ${num(report.latency.inputs_up_to_4kib.p99_ms)} ms`);

  const outJson = args.out_json ?? join(HERE, '..', 'results', 'interpret.json');
  const outMd = args.out_md ?? join(HERE, '..', 'results', 'interpret.md');
  writeFileSync(outJson, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(outMd, markdown(report));
  console.error(`wrote ${outMd} and ${outJson}`);
  agent.destroy();
}

main().catch((e) => { console.error(`bench/interpret: ${e.stack ?? e}`); process.exit(1); });
