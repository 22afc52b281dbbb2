// Usage: node http.mjs <server base URL>; AGENTPLANE_API_KEY, AP_VIEWER_KEY, AP_MCP_WORKFLOW, AP_MCP_CAPABILITY.
import assert from 'node:assert/strict';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { scenario, viewerScenario } from './scenario.mjs';

const url = new URL('/mcp', process.argv[2]);

async function connect(key) {
  const client = new Client({ name: 'agentplane-http-test', version: '1.0.0' });
  const headers = key ? { Authorization: `Bearer ${key}` } : {};
  const transport = new StreamableHTTPClientTransport(url, { requestInit: { headers } });
  await client.connect(transport);
  return { client, transport };
}

const admin = await connect(process.env.AGENTPLANE_API_KEY);
assert.ok(admin.transport.sessionId, 'initialize gave no Mcp-Session-Id');
const report = await scenario(admin.client, process.env);
await admin.transport.terminateSession();
await admin.client.close();

const viewer = await connect(process.env.AP_VIEWER_KEY);
await viewerScenario(viewer.client);
await viewer.client.close();

await assert.rejects(connect(undefined), /401|Unauthorized/);
await assert.rejects(connect('ap_wrong_key'), /401|Unauthorized/);

console.log(JSON.stringify(report));
