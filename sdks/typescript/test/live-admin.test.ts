import { test } from "node:test";
import assert from "node:assert/strict";
import { ConflictError, ForbiddenError, NotFoundError, UnauthorizedError } from "../src/index.js";
import { liveServer, unique } from "./live.js";

const live = liveServer();

test("health, readiness and the published JSON Schemas answer without a key", async () => {
  const anonymous = live.client({ apiKey: "" });
  assert.equal((await anonymous.getHealth()).status, "ok");
  assert.equal((await anonymous.getReadiness()).status, "ready");
  const workflowSchema = await anonymous.getWorkflowSchema();
  assert.equal(typeof workflowSchema.$schema, "string");
  const teamSchema = await anonymous.getTeamSchema();
  assert.ok(teamSchema.properties);
});

test("organizations: create with a first admin key, list, get, quota, disable", async () => {
  const admin = live.admin;
  const name = unique("sdk-org");
  const created = await admin.createOrg({ name });
  assert.equal(created.org.name, name);
  assert.equal(created.org.status, "active");
  const orgAdmin = live.client({ apiKey: created.admin_key.key });
  assert.equal((await orgAdmin.getLimits()).org_id, created.org.id);
  // Only the instance admin manages organizations: to anyone else they are forbidden or unknown.
  await assert.rejects(async () => void (await orgAdmin.listOrgs()), ForbiddenError);
  await assert.rejects(orgAdmin.getOrg(created.org.id), NotFoundError);

  const listed: string[] = [];
  for await (const org of admin.listOrgs({ limit: 2 })) listed.push(org.id);
  assert.ok(listed.includes(created.org.id));
  assert.equal((await admin.getOrg(created.org.id)).name, name);

  const quota = await admin.setOrgQuota(created.org.id, { monthly_executions: 1000, rate_limits_per_minute: { agent: 600 } });
  assert.equal(quota.quota.monthly_executions, 1000);
  assert.equal((await admin.getOrgQuota(created.org.id)).quota.rate_limits_per_minute?.agent, 600);

  const disabled = await admin.disableOrg(created.org.id);
  assert.equal(disabled.status, "disabled");
  await assert.rejects(orgAdmin.getLimits(), UnauthorizedError);
  const instanceOrg = (await admin.listOrgs().toArray()).find((o) => o.instance_admin);
  assert.ok(instanceOrg, "the instance admin org is listed");
  await assert.rejects(admin.disableOrg(instanceOrg.id), ConflictError);
});

test("API keys: create, list, rotate with a grace period, revoke", async () => {
  const admin = live.admin;
  const created = await admin.createApiKey({ name: unique("sdk-key"), role: "viewer" });
  const old = live.client({ apiKey: created.key });
  await old.listAgents({ limit: 1 });

  const ids: string[] = [];
  for await (const key of admin.listApiKeys({ limit: 5 })) ids.push(key.id);
  assert.ok(ids.includes(created.id));

  const rotated = await admin.rotateApiKey(created.id, { grace_seconds: 0 });
  assert.notEqual(rotated.id, created.id);
  assert.equal(rotated.role, "viewer");
  const successor = live.client({ apiKey: rotated.key });
  await successor.listAgents({ limit: 1 });
  await assert.rejects(async () => void (await old.listAgents({ limit: 1 })), UnauthorizedError);

  const revoked = await admin.revokeApiKey(rotated.id);
  assert.ok(revoked.revoked_at);
  await assert.rejects(async () => void (await successor.listAgents({ limit: 1 })), UnauthorizedError);
});

test("limits: an admin lowers and restores the org's own limits", async () => {
  const admin = live.admin;
  const before = await admin.getLimits();
  try {
    const lowered = await admin.setLimits({ ...before.limits, monthly_tokens: 123_456_789 });
    assert.equal(lowered.limits.monthly_tokens, 123_456_789);
    assert.equal((await admin.getLimits()).limits.monthly_tokens, 123_456_789);
  } finally {
    await admin.setLimits(before.limits);
  }
  const usage = await admin.getUsage({ from: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10) });
  assert.ok(Array.isArray(usage.days));
});

test("secrets: put, list (names only), delete", async () => {
  const admin = live.admin;
  const name = unique("SDK_TOKEN").toUpperCase().replaceAll("-", "_");
  const secret = await admin.putSecret(name, { value: "s3cr3t" });
  assert.equal(secret.name, name);
  const listed = await admin.listSecrets();
  const mine = listed.items.find((s) => s.name === name);
  assert.ok(mine);
  assert.ok(!("value" in mine), "a secret's value is never returned");
  await admin.deleteSecret(name);
  assert.equal((await admin.listSecrets()).items.find((s) => s.name === name), undefined);
});
