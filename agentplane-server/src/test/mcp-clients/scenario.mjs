// One pass over every AgentPlane MCP tool and resource with the official TypeScript SDK client, asserting each
// answer. http.mjs runs it over streamable HTTP (/mcp), stdio.mjs through `agentplane mcp`. Prints a JSON report on
// the last line of stdout: the tools called and the resources read, which the Java test checks too.
import assert from 'node:assert/strict';

export const TOOLS = ['agent_register', 'escalate', 'escalation_get', 'event_record', 'execution_get',
  'execution_start', 'handoff_accept', 'handoff_complete', 'handoff_create', 'interpret', 'state_get', 'state_set',
  'task_claim', 'task_complete', 'templates_list', 'workflows_list'];

const called = new Set();

async function call(client, name, args) {
  const result = await client.callTool({ name, arguments: args });
  called.add(name);
  return result;
}

/** Calls a tool that must succeed; returns its structured content, checked against its JSON text. */
async function ok(client, name, args) {
  const result = await call(client, name, args);
  assert.equal(result.isError, false, `${name} failed: ${result.content?.[0]?.text}`);
  assert.equal(result.content[0].type, 'text');
  assert.deepEqual(JSON.parse(result.content[0].text), result.structuredContent);
  return result.structuredContent;
}

/** Calls a tool that must fail with a tool error whose text contains every one of `mentions`. */
async function refused(client, name, args, ...mentions) {
  const result = await call(client, name, args);
  const text = result.content?.[0]?.text ?? '';
  assert.equal(result.isError, true, `${name} should have failed: ${text}`);
  for (const mention of mentions) {
    assert.ok(text.includes(mention), `${name}: expected '${mention}' in: ${text}`);
  }
  return text;
}

export async function scenario(client, env) {
  const unique = `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
  const tools = (await client.listTools()).tools;
  assert.deepEqual(tools.map(t => t.name).sort(), TOOLS);
  for (const tool of tools) {
    assert.ok(tool.description.length > 20, `${tool.name} needs a description`);
    assert.equal(tool.inputSchema.type, 'object');
  }

  // agents
  const capability = env.AP_MCP_CAPABILITY;
  const worker = await ok(client, 'agent_register', { name: `mcp-worker-${unique}`, capabilities: [capability] });
  const helper = await ok(client, 'agent_register', { name: `mcp-helper-${unique}`, framework: 'mcp' });
  assert.deepEqual(worker.capabilities, [capability]);

  // state with optimistic concurrency
  const first = await ok(client, 'state_set', { namespace: 'mcp', key: `k-${unique}`, value: { step: 1 } });
  assert.equal(first.version, 1);
  const second = await ok(client, 'state_set', { namespace: 'mcp', key: `k-${unique}`, value: { step: 2 }, if_version: 1 });
  assert.equal(second.version, 2);
  await refused(client, 'state_set', { namespace: 'mcp', key: `k-${unique}`, value: { step: 3 }, if_version: 1 }, 'Precondition');
  const read = await ok(client, 'state_get', { namespace: 'mcp', key: `k-${unique}` });
  assert.deepEqual(read.value, { step: 2 });

  // interpret
  const interpreted = await ok(client, 'interpret', { data: 'John Smith, email: John@Acme.com, he is 32',
    schema: { name: 'string', email: 'email', age: 'integer' } });
  assert.deepEqual(interpreted.data, { name: 'John Smith', email: 'john@acme.com', age: 32 });

  // escalations
  const escalation = await ok(client, 'escalate', { reason: 'refund above the limit', priority: 'high', context: { order: 'A-17' } });
  const checked = await ok(client, 'escalation_get', { escalation_id: escalation.id });
  assert.equal(checked.status, 'open');
  assert.equal(checked.priority, 'high');

  // handoffs
  const handoff = await ok(client, 'handoff_create', { from_agent_id: helper.id, to_agent_id: worker.id, context: { ticket: 'T-1' } });
  assert.equal((await ok(client, 'handoff_accept', { handoff_id: handoff.id })).status, 'accepted');
  assert.equal((await ok(client, 'handoff_complete', { handoff_id: handoff.id, result: { done: true } })).status, 'completed');

  // an execution whose task step an agent claims and completes
  const started = await ok(client, 'execution_start', { workflow: env.AP_MCP_WORKFLOW, input: { page: 3 },
    idempotency_key: `start-${unique}` });
  const again = await ok(client, 'execution_start', { workflow: env.AP_MCP_WORKFLOW, input: { page: 3 },
    idempotency_key: `start-${unique}` });
  assert.equal(again.id, started.id);
  const claim = await ok(client, 'task_claim', { agent_id: worker.id, capabilities: [capability], wait_seconds: 20 });
  assert.ok(claim.task, 'task_claim found no task');
  assert.equal(claim.task.execution_id, started.id);
  assert.equal((await ok(client, 'task_complete', { task_id: claim.task.id, output: { pages: 3 } })).status, 'completed');
  const event = await ok(client, 'event_record', { execution_id: started.id, type: 'llm.call', message: 'summarized',
    tokens_in: 12, tokens_out: 5, cost_usd: 0.001 });
  assert.equal(event.type, 'llm.call');
  let report;
  for (const deadline = Date.now() + 20000; Date.now() < deadline;) {
    report = await ok(client, 'execution_get', { execution_id: started.id });
    if (report.execution.status === 'completed') break;
    await new Promise(resolve => setTimeout(resolve, 50)); // polling the execution, not synchronizing on time
  }
  assert.equal(report.execution.status, 'completed');
  assert.deepEqual(report.steps.map(s => [s.step_id, s.status]), [['work', 'completed']]);
  assert.ok(report.events.some(e => e.type === 'llm.call'), JSON.stringify(report.events));
  const empty = await ok(client, 'task_claim', { agent_id: worker.id, wait_seconds: 0 });
  assert.equal(empty.task, null);

  // workflows and templates, as tools and as resources
  const workflows = await ok(client, 'workflows_list', { name_prefix: env.AP_MCP_WORKFLOW });
  assert.deepEqual(workflows.items.map(w => w.name), [env.AP_MCP_WORKFLOW]);
  const templates = await ok(client, 'templates_list', { limit: 100 });
  assert.ok(templates.items.length >= 1);
  const resources = (await client.listResources()).resources;
  const uris = resources.map(r => r.uri);
  const workflowUri = `agentplane://workflows/${env.AP_MCP_WORKFLOW}`;
  assert.ok(uris.includes(workflowUri), uris.join(' '));
  const templateUri = `agentplane://templates/${templates.items[0].name}`;
  assert.ok(uris.includes(templateUri), uris.join(' '));
  const workflowText = (await client.readResource({ uri: workflowUri })).contents[0];
  assert.equal(workflowText.mimeType, 'application/yaml');
  assert.ok(workflowText.text.includes('type: task'), workflowText.text);
  const templateText = (await client.readResource({ uri: templateUri })).contents[0];
  assert.ok(templateText.text.includes('steps'), templateText.text);
  const resourceTemplates = (await client.listResourceTemplates()).resourceTemplates.map(t => t.uriTemplate).sort();
  assert.deepEqual(resourceTemplates, ['agentplane://templates/{name}', 'agentplane://workflows/{name}']);
  await assert.rejects(client.readResource({ uri: 'agentplane://workflows/no-such-workflow' }), /not found|No active|no-such/i);

  // bad arguments: a tool error naming the field and the fix, never a protocol error
  await refused(client, 'task_claim', { wait_seconds: 99 }, 'wait_seconds', 'Fix:');
  await refused(client, 'escalation_get', { escalation_id: 'not-an-id' }, 'escalation_id', 'UUID');
  await refused(client, 'state_set', { namespace: 'mcp', key: 'k' }, 'value');
  await refused(client, 'escalate', { reason: 'x', colour: 'red' }, 'colour');
  await refused(client, 'escalation_get', { escalation_id: '01933b9a-0000-7000-8000-000000000000' }, 'Not found');
  await assert.rejects(client.callTool({ name: 'no_such_tool', arguments: {} }), /Unknown tool/);

  return { tools: [...called].sort(), resources: [workflowUri, templateUri] };
}

/** As a viewer: reading works, acting is a tool error naming the roles that may. */
export async function viewerScenario(client) {
  const templates = await ok(client, 'templates_list', {});
  assert.ok(templates.items.length >= 1);
  await refused(client, 'escalate', { reason: 'help' }, "role 'viewer'", 'createEscalation', 'admin', 'developer', 'agent');
  await refused(client, 'agent_register', { name: 'nope' }, "role 'viewer'", 'createAgent');
}
