import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import {
  AgentPlane,
  BadRequestError,
  NotFoundError,
  PreconditionFailedError,
  UnauthorizedError,
  type Event,
} from "../src/index.js";
import { ADMIN_KEY } from "./server.js";
import { repoRoot } from "./repo.js";
import { liveServer, unique } from "./live.js";

const live = liveServer();

test("zero-config reads AGENTPLANE_URL and AGENTPLANE_API_KEY", async () => {
  process.env.AGENTPLANE_URL = live.server.url;
  process.env.AGENTPLANE_API_KEY = ADMIN_KEY;
  try {
    const health = await new AgentPlane().getReadiness();
    assert.equal(health.status, "ready");
    await new AgentPlane().getLimits();
  } finally {
    delete process.env.AGENTPLANE_URL;
    delete process.env.AGENTPLANE_API_KEY;
  }
});

test("agents: register, list every page with for await, heartbeat", async () => {
  const client = live.admin;
  const capability = unique("sdk-test");
  const names = [unique("sdk-a"), unique("sdk-b"), unique("sdk-c")];
  for (const name of names) await client.registerAgent({ name, capabilities: [capability] });
  const seen: string[] = [];
  for await (const agent of client.listAgents({ capability, limit: 1 })) seen.push(agent.name);
  assert.deepEqual(seen.sort(), [...names].sort());
  const firstPage = await client.listAgents({ capability, limit: 2 });
  assert.equal(firstPage.items.length, 2);
  assert.ok(firstPage.next_cursor);
  const beat = await client.heartbeatAgent(firstPage.items[0].id);
  assert.ok(beat.last_seen);
});

test("state: saveState/loadState, If-Match conflicts surface as PreconditionFailedError", async () => {
  const client = live.admin;
  const ns = unique("sdk");
  const entry = await client.saveState(ns, "cart-1", { items: 3 });
  assert.equal(entry.version, 1);
  assert.deepEqual(await client.loadState(ns, "cart-1"), { items: 3 });
  assert.equal(await client.loadState(ns, "absent"), undefined);
  const second = await client.saveState(ns, "cart-1", { items: 4 }, { ifMatch: 1 });
  assert.equal(second.version, 2);
  await assert.rejects(client.saveState(ns, "cart-1", { items: 5 }, { ifMatch: 1 }), (e: unknown) => {
    assert.ok(e instanceof PreconditionFailedError);
    assert.equal(e.status, 412);
    assert.equal(e.currentVersion, 2);
    return true;
  });
  await assert.rejects(client.saveState(ns, "cart-1", { items: 5 }, { ifNoneMatch: "*" }), PreconditionFailedError);
  await client.deleteState(ns, "cart-1");
  await assert.rejects(client.getState(ns, "cart-1"), NotFoundError);
});

test("a validation problem carries its errors with pointer and fix", async () => {
  await assert.rejects(live.admin.createAgent({ name: "" }), (e: unknown) => {
    assert.ok(e instanceof BadRequestError);
    assert.equal(e.status, 400);
    assert.ok(e.errors.length > 0);
    assert.ok(e.errors.every((err) => (err.pointer ?? err.parameter) !== undefined && err.detail));
    assert.ok(e.requestId);
    return true;
  });
});

test("workflows and executions: YAML create, idempotent start, wait, stream and resume", async () => {
  const client = live.admin;
  const name = unique("refund-triage");
  const yaml = readFileSync(resolve(repoRoot, "examples/workflows/refund-triage.yaml"), "utf8")
    .replace(/^name: refund-triage$/m, `name: ${name}`);
  const workflow = await client.createWorkflow(yaml);
  assert.equal(workflow.name, name);
  const input = { order_id: unique("o"), amount: 250, items: [{ sku: "a1", reason: "damaged" }] };
  const idempotencyKey = unique("sdk-start");
  const started = await client.startExecution({ workflow: name, input }, { idempotencyKey });
  const again = await client.startExecution({ workflow: name, input }, { idempotencyKey });
  assert.equal(again.id, started.id);
  const done = await client.waitForExecution(started.id, { timeoutMs: 30_000, pollIntervalMs: 100 });
  assert.equal(done.status, "completed");

  const events: Event[] = [];
  for await (const event of client.streamExecution(started.id)) events.push(event);
  assert.equal(events[0].type, "execution.started");
  assert.equal(events.at(-1)!.type, "execution.completed");
  assert.deepEqual(events.map((e) => e.seq), events.map((_, i) => i + 1));

  const resumed: Event[] = [];
  for await (const event of client.streamExecution(started.id, { lastEventId: 2 })) resumed.push(event);
  assert.deepEqual(resumed.map((e) => e.seq), events.slice(2).map((e) => e.seq));

  const listed = await client.listExecutionEvents(started.id, { after_seq: 1, limit: 1 });
  assert.equal(listed.items[0].seq, 2);
  const steps = await client.listExecutionSteps(started.id);
  assert.ok(steps.items.length > 0);
});

test("tasks: a task step is claimed with a long poll and completed", async () => {
  const client = live.admin;
  // The template's task step asks for capability "chat": no other test of the run uses it.
  const name = unique("sdk-chat");
  await client.instantiateTemplate("stateful_conversation", { name });
  const agent = await client.registerAgent({ name: unique("sdk-chatter"), capabilities: ["chat"] });
  const execution = await client.startExecution({ workflow: name, input: { conversation_id: unique("c") } });
  const task = await client.claimTask({ agent_id: agent.id, wait_seconds: 20 });
  assert.ok(task, "a task was offered");
  assert.equal(task.execution_id, execution.id);
  await client.completeTask(task.id, { output: { text: "hello" } });
  const done = await client.waitForExecution(execution.id, { timeoutMs: 30_000, pollIntervalMs: 100 });
  assert.equal(done.status, "completed");
  assert.equal((done.output as { reply: string }).reply, "hello");
  assert.equal(await client.claimTask({ agent_id: agent.id, wait_seconds: 1 }), null);
});

test("handoffs and escalations through the shorthands", async () => {
  const client = live.admin;
  const from = await client.registerAgent({ name: unique("sdk-from"), capabilities: [] });
  const to = await client.registerAgent({ name: unique("sdk-to"), capabilities: [unique("writing")] });
  const handoff = await client.handoff({ from_agent_id: from.id, to_agent_id: to.id, context: { doc: 1 } });
  const accepted = await client.acceptHandoff(handoff.id, { agent_id: to.id });
  assert.equal(accepted.status, "accepted");
  const escalation = await client.escalate({ reason: "needs a human", context: { x: 1 } });
  const resolved = await client.resolveEscalation(escalation.id, { resolution: { ok: true } });
  assert.equal(resolved.status, "resolved");
});

test("audit, usage and interpret answer", async () => {
  const client = live.admin;
  const audit = await client.listAuditEntries({ limit: 5 });
  assert.ok(audit.items.length > 0);
  const verified = await client.verifyAuditChain();
  assert.ok(verified);
  const usage = await client.getUsage();
  assert.ok(usage);
  const result = await client.interpret({
    data: "Invoice from ACME GmbH, total 1.234,50 EUR",
    schema: { type: "object", properties: { total: { type: "number" } } },
    strategy: "heuristic",
  });
  assert.ok(result);
});

test("a signed key works only when the client signs", async () => {
  const created = await live.admin.createApiKey({ name: unique("sdk-signed"), role: "developer", signed: true });
  assert.ok(created.signing_secret);
  const signed = live.client({ apiKey: created.key, signingSecret: created.signing_secret! });
  await signed.listAgents({ limit: 1 });
  // ':' is percent-encoded in the path and the query: the signature covers the target exactly as sent.
  const ns = unique("sdk");
  await signed.saveState(ns, "signed:x", { ok: true });
  const keys = await signed.listStateKeys(ns, { prefix: "signed:" });
  assert.deepEqual(keys.items.map((k) => k.key), ["signed:x"]);
  const unsigned = live.client({ apiKey: created.key });
  await assert.rejects(async () => void (await unsigned.listAgents({ limit: 1 })), UnauthorizedError);
});

test("agents: get, update, deactivate", async () => {
  const client = live.admin;
  const agent = await client.registerAgent({ name: unique("sdk-agent"), framework: "langgraph", capabilities: [] });
  assert.equal((await client.getAgent(agent.id)).framework, "langgraph");
  const updated = await client.updateAgent(agent.id, { description: "reads invoices", capabilities: ["ocr"] });
  assert.deepEqual(updated.capabilities, ["ocr"]);
  const deactivated = await client.deactivateAgent(agent.id);
  assert.equal(deactivated.status, "inactive");
});

test("handoffs to a capability: list, get, reject; to an agent: accept and complete", async () => {
  const client = live.admin;
  const capability = unique("sdk-review");
  const from = await client.registerAgent({ name: unique("sdk-from"), capabilities: [] });
  const to = await client.registerAgent({ name: unique("sdk-to"), capabilities: [capability] });
  const rejected = await client.handoff({ from_agent_id: from.id, to_capability: capability, reason: "review" });
  const listed = await client.listHandoffs({ capability, status: "pending" });
  assert.deepEqual(listed.items.map((h) => h.id), [rejected.id]);
  assert.equal((await client.getHandoff(rejected.id)).to_capability, capability);
  assert.equal((await client.rejectHandoff(rejected.id, { reason: "not mine" })).status, "rejected");

  const handoff = await client.handoff({ from_agent_id: from.id, to_agent_id: to.id, context: { doc: 2 } });
  await client.acceptHandoff(handoff.id, { agent_id: to.id });
  const completed = await client.completeHandoff(handoff.id, { result: { summary: "done" } });
  assert.equal(completed.status, "completed");
  assert.deepEqual((await client.listHandoffs({ from_agent_id: from.id }).toArray()).map((h) => h.status).sort(), [
    "completed",
    "rejected",
  ]);
});

test("escalations: list, get, claim, dismiss", async () => {
  const client = live.admin;
  const assignee = unique("sdk-human");
  const escalation = await client.escalate({ reason: "odd invoice", priority: "high", assigned_to: assignee });
  const listed = await client.listEscalations({ assigned_to: assignee, status: "open" });
  assert.deepEqual(listed.items.map((e) => e.id), [escalation.id]);
  assert.equal((await client.getEscalation(escalation.id)).priority, "high");
  const claimed = await client.claimEscalation(escalation.id, { assigned_to: assignee });
  assert.equal(claimed.status, "in_progress");
  assert.equal((await client.dismissEscalation(escalation.id, { reason: "duplicate" })).status, "dismissed");
});
