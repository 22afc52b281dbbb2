import { test } from "node:test";
import assert from "node:assert/strict";
import type { AgentPlane, Agent, StreamedEvent, Task, WorkflowDefinition } from "../src/index.js";
import { liveServer, unique } from "./live.js";

const live = liveServer();

/** A workflow whose one step is a task for `capability`, failing the execution on the first failed attempt. */
async function taskWorkflow(admin: AgentPlane): Promise<{ workflow: string; capability: string; agent: Agent }> {
  const workflow = unique("sdk-task-flow");
  const capability = unique("sdk-cap");
  const definition: WorkflowDefinition = {
    name: workflow,
    steps: [{ id: "work", type: "task", capability, input: { job: 1 }, timeout: "10m", retry: { max_attempts: 1 } }],
    outputs: { result: "${{ steps.work.output.result }}" },
  };
  await admin.createWorkflow(definition);
  const agent = await admin.registerAgent({ name: unique("sdk-worker"), capabilities: [capability] });
  return { workflow, capability, agent };
}

async function claim(admin: AgentPlane, agent: Agent, executionId: string): Promise<Task> {
  const task = await admin.claimTask({ agent_id: agent.id, wait_seconds: 20, lease_seconds: 60 });
  assert.ok(task, "a task was offered");
  assert.equal(task.execution_id, executionId);
  return task;
}

const finished = (admin: AgentPlane, id: string) => admin.waitForExecution(id, { timeoutMs: 30_000, pollIntervalMs: 100 });

test("pause, resume and cancel a running execution; mark others completed or failed by hand", async () => {
  const admin = live.admin;
  const { workflow } = await taskWorkflow(admin);
  const first = await admin.startExecution({ workflow });
  assert.equal((await admin.pauseExecution(first.id)).status, "paused");
  assert.equal((await admin.resumeExecution(first.id)).status, "running");
  assert.equal((await admin.cancelExecution(first.id, { reason: "not needed" })).status, "cancelled");

  const second = await admin.startExecution({ workflow });
  const completed = await admin.completeExecution(second.id, { output: { result: "by hand" }, tokens_in: 10 });
  assert.equal(completed.status, "completed");
  assert.deepEqual(completed.output, { result: "by hand" });

  const third = await admin.startExecution({ workflow });
  const failed = await admin.failExecution(third.id, { error: "gave up" });
  assert.equal(failed.status, "failed");

  const listed = await admin.listExecutions({ workflow }).toArray();
  assert.deepEqual(new Set(listed.map((e) => e.status)), new Set(["cancelled", "completed", "failed"]));
  const failedOnly = await admin.listExecutions({ workflow, status: "failed" });
  assert.deepEqual(failedOnly.items.map((e) => e.id), [third.id]);
});

test("a failed task lands in the dead letters; retry runs the step again, replay starts anew", async () => {
  const admin = live.admin;
  const { workflow, agent } = await taskWorkflow(admin);
  const execution = await admin.startExecution({ workflow });
  const task = await claim(admin, agent, execution.id);
  assert.equal((await admin.getTask(task.id)).status, "claimed");
  const open = await admin.listTasks({ execution_id: execution.id, status: "claimed" });
  assert.deepEqual(open.items.map((t) => t.id), [task.id]);
  const renewed = await admin.heartbeatTask(task.id, { lease_seconds: 120 });
  assert.ok(renewed.lease_expires_at);
  await admin.failTask(task.id, { error: "the scanner jammed", retryable: false });
  assert.equal((await finished(admin, execution.id)).status, "failed");

  let letter;
  for await (const item of admin.listDeadLetters({ limit: 10 })) {
    if (item.execution.id === execution.id) letter = item;
  }
  assert.ok(letter, "the failed execution is a dead letter");
  assert.equal(letter.failed_step?.step_id, "work");

  const retried = await admin.retryExecution(execution.id);
  assert.equal(retried.status, "running");
  const again = await claim(admin, agent, execution.id);
  await admin.completeTask(again.id, { output: { result: "fixed" } });
  const done = await finished(admin, execution.id);
  assert.equal(done.status, "completed");
  assert.deepEqual(done.output, { result: "fixed" });

  const replay = await admin.replayExecution(execution.id);
  assert.notEqual(replay.id, execution.id);
  assert.equal(replay.workflow_name, workflow);
  await admin.cancelExecution(replay.id);
});

test("events: recorded on an execution (two ways) and observed with statistics", async () => {
  const admin = live.admin;
  const { workflow } = await taskWorkflow(admin);
  const execution = await admin.startExecution({ workflow });
  const own = await admin.createExecutionEvent(execution.id, { type: "sdk.note", message: "thinking", tokens_in: 5, tokens_out: 7 });
  assert.equal(own.execution_id, execution.id);
  const other = await admin.createEvent({ execution_id: execution.id, type: "sdk.note", data: { step: 2 }, cost_usd: 0.01 });
  assert.ok(other.seq! > own.seq!);
  await admin.cancelExecution(execution.id);

  const observed = await admin.observeExecutions({ workflow });
  assert.equal(observed.stats.total, 1);
  assert.equal(observed.stats.by_status.cancelled, 1);
  assert.equal(observed.stats.tokens_in, 5);
  const trail = observed.items[0];
  assert.equal(trail.id, execution.id);
  assert.ok(trail.events.filter((e) => e.type === "sdk.note").length === 2);
});

test("streamEvents: live events over the WebSocket, then resumed after a cursor", async () => {
  const admin = live.admin;
  const workflow = unique("sdk-streamed");
  const definition: WorkflowDefinition = { name: workflow, steps: [{ id: "say", type: "tool", tool: "core.echo", with: { hi: 1 } }] };
  await admin.createWorkflow(definition);
  const controller = new AbortController();
  const events: StreamedEvent[] = [];
  let started: Promise<unknown> | undefined;
  const stream = admin.streamEvents({ workflow }, {
    signal: controller.signal,
    onOpen: () => (started = admin.startExecution({ workflow })),
  });
  for await (const event of stream) {
    events.push(event);
    if (event.type === "execution.completed") break;
  }
  await started;
  assert.equal(events[0].type, "execution.started");
  assert.ok(events.every((e) => e.cursor));

  const resumed: StreamedEvent[] = [];
  for await (const event of admin.streamEvents({ execution_id: events[0].execution_id!, after: events[0].cursor })) {
    resumed.push(event);
    if (event.type === "execution.completed") break;
  }
  assert.deepEqual(resumed.map((e) => e.id), events.slice(1).map((e) => e.id));
});
