import { test } from "node:test";
import assert from "node:assert/strict";
import { ConflictError, type WorkflowDefinition } from "../src/index.js";
import { liveServer, unique } from "./live.js";

const live = liveServer();

const echo = (name: string, label: string): WorkflowDefinition => ({
  name,
  steps: [{ id: "say", type: "tool", tool: "core.echo", with: { label } }],
});

test("workflow versions: list, get one, roll out a split, compare, end it, deactivate", async () => {
  const admin = live.admin;
  const name = unique("sdk-versions");
  const v1 = await admin.createWorkflow(echo(name, "one"));
  const v2 = await admin.createWorkflow(echo(name, "two"));
  assert.deepEqual([v1.version, v2.version], [1, 2]);
  assert.equal((await admin.getWorkflow(name)).version, 2);
  assert.equal((await admin.getWorkflowVersion(name, 1)).id, v1.id);
  assert.deepEqual((await admin.listWorkflowVersions(name).toArray()).map((w) => w.version), [2, 1]);
  const prefixed = await admin.listWorkflows({ name_prefix: name });
  assert.deepEqual(prefixed.items.map((w) => w.name), [name]);

  const rollout = await admin.setWorkflowRollout(name, { versions: [{ version: 1, weight: 500 }, { version: 2, weight: 500 }] });
  assert.equal(rollout.versions.length, 2);
  assert.deepEqual((await admin.getWorkflowRollout(name)).versions, rollout.versions);
  const runs = await Promise.all(
    ["a", "b", "c", "d"].map((key) => admin.startExecution({ workflow: name, routing_key: key, input: {} })),
  );
  for (const run of runs) await admin.waitForExecution(run.id, { timeoutMs: 30_000, pollIntervalMs: 100 });
  const from = new Date(Date.now() - 3_600_000).toISOString();
  const to = new Date(Date.now() + 3_600_000).toISOString();
  const compared = await admin.compareWorkflowVersions(name, { from, to });
  const total = compared.items.reduce((sum, item) => sum + item.stats.total, 0);
  assert.equal(total, 4);
  await admin.deleteWorkflowRollout(name);

  const deactivated = await admin.deactivateWorkflowVersion(name, 2);
  assert.equal(deactivated.active, false);
  await assert.rejects(admin.startExecution({ workflow: name, version: 2 }), ConflictError);
  const latest = await admin.startExecution({ workflow: name });
  assert.equal(latest.workflow_version, 1);
});

test("templates: list, get, instantiate under a new name", async () => {
  const admin = live.admin;
  const templates = await admin.listTemplates().toArray();
  assert.ok(templates.some((t) => t.name === "stateful_conversation"));
  const template = await admin.getTemplate("stateful_conversation");
  assert.equal(template.name, "stateful_conversation");
  const name = unique("sdk-from-template");
  const workflow = await admin.instantiateTemplate("stateful_conversation", { name });
  assert.equal(workflow.name, name);
});

test("schedules: create paused, list, get, update, resume, pause, fires, delete", async () => {
  const admin = live.admin;
  const workflow = unique("sdk-scheduled");
  await admin.createWorkflow(echo(workflow, "tick"));
  const schedule = await admin.createSchedule({ name: unique("sdk-nightly"), workflow, cron: "0 3 * * *", paused: true });
  assert.equal(schedule.paused, true);
  const listed = await admin.listSchedules({ workflow, paused: true });
  assert.deepEqual(listed.items.map((s) => s.id), [schedule.id]);
  assert.equal((await admin.getSchedule(schedule.id)).cron, "0 3 * * *");
  const updated = await admin.updateSchedule(schedule.id, { cron: "30 4 * * *", timezone: "Europe/Paris" });
  assert.equal(updated.timezone, "Europe/Paris");
  const resumed = await admin.resumeSchedule(schedule.id);
  assert.equal(resumed.paused, false);
  assert.ok(resumed.next_fire_at);
  assert.equal((await admin.pauseSchedule(schedule.id)).paused, true);
  // It fires at 04:30 Paris time at the earliest: nothing has fired yet.
  assert.deepEqual((await admin.listScheduleFires(schedule.id)).items, []);
  await admin.deleteSchedule(schedule.id);
  assert.deepEqual((await admin.listSchedules({ workflow })).items, []);
});
