// Usage: node stdio.mjs <command> <args...>: starts `agentplane mcp` (the command given) as an MCP stdio server with the
// official TypeScript SDK client and runs the scenario through it. AGENTPLANE_URL and AGENTPLANE_API_KEY reach the
// command through its environment; AP_VIEWER_KEY, AP_MCP_WORKFLOW, AP_MCP_CAPABILITY configure the scenario.
import assert from 'node:assert/strict';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { scenario, viewerScenario } from './scenario.mjs';

const [command, ...args] = process.argv.slice(2);

async function connect(key) {
  const client = new Client({ name: 'agentplane-stdio-test', version: '1.0.0' });
  const transport = new StdioClientTransport({ command, args, stderr: 'inherit',
    env: { ...process.env, AGENTPLANE_API_KEY: key } });
  await client.connect(transport);
  return client;
}

const admin = await connect(process.env.AGENTPLANE_API_KEY);
const report = await scenario(admin, process.env);
assert.deepEqual(await admin.ping(), {});
await admin.close();

const viewer = await connect(process.env.AP_VIEWER_KEY);
await viewerScenario(viewer);
await viewer.close();

// A wrong key: the bridge answers initialize with a JSON-RPC error carrying the server's 401 detail.
await assert.rejects(connect('ap_wrong_key'), /401.*API key/);

console.log(JSON.stringify(report));
