import { test } from "node:test";
import assert from "node:assert/strict";
import { AgentPlane, RateLimitedError, retryAfterMs, signatureHeaders, parseSse, NotFoundError } from "../src/index.js";

test("signing reproduces the worked example of docs/security.md", () => {
  const headers = signatureHeaders(
    "aps_docs-example-signing-secret-0123456789abcde",
    "PUT",
    "/v1/state/checkout/cart-42",
    '{"value":{"items":3}}',
    1767225600,
  );
  assert.deepEqual(headers, {
    "AgentPlane-Timestamp": "1767225600",
    "AgentPlane-Signature": "v1=e9c6b00aa952d3a6293dad562982057c9a47d262de5d4dc529f633c4d8c3d43d",
  });
});

test("Retry-After is read as seconds or as an HTTP date", () => {
  assert.equal(retryAfterMs("2"), 2000);
  assert.equal(retryAfterMs(new Date(10_000).toUTCString(), 4_000), 6_000);
  assert.equal(retryAfterMs(null), undefined);
});

function scripted(responses: Array<() => Response>) {
  const calls: RequestInit[] = [];
  const fetch = async (_url: string | URL | Request, init?: RequestInit) => {
    calls.push(init ?? {});
    return responses[calls.length - 1]();
  };
  return { calls, fetch: fetch as typeof globalThis.fetch };
}

const problem = (status: number, headers: Record<string, string> = {}) => () =>
  new Response(JSON.stringify({ type: "/problems/x", title: "T", status, detail: "d" }), {
    status,
    headers: { "Content-Type": "application/problem+json", ...headers },
  });

test("429 and 503 are retried after Retry-After, and the same idempotency key is sent each time", async () => {
  const { calls, fetch } = scripted([
    problem(429, { "Retry-After": "0" }),
    problem(503, { "Retry-After": "0" }),
    () => new Response(JSON.stringify({ id: "e1", status: "running" }), { status: 201, headers: { "Content-Type": "application/json" } }),
  ]);
  const client = new AgentPlane({ baseUrl: "http://x", apiKey: "k", fetch });
  const execution = await client.startExecution({ workflow: "w" });
  assert.equal(execution.id, "e1");
  assert.equal(calls.length, 3);
  const keys = calls.map((c) => (c.headers as Record<string, string>)["Idempotency-Key"]);
  assert.ok(keys[0]);
  assert.deepEqual(new Set(keys).size, 1);
});

test("a Retry-After beyond maxRetryDelayMs is not waited for: the typed error comes at once", async () => {
  const { calls, fetch } = scripted([problem(429, { "Retry-After": "86400" })]);
  const client = new AgentPlane({ baseUrl: "http://x", apiKey: "k", fetch });
  await assert.rejects(client.getLimits(), (e: unknown) => e instanceof RateLimitedError && e.status === 429);
  assert.equal(calls.length, 1);
});

test("errors carry the problem details", async () => {
  const { fetch } = scripted([problem(404)]);
  const client = new AgentPlane({ baseUrl: "http://x", apiKey: "k", fetch });
  await assert.rejects(client.getAgent("a"), (e: unknown) => e instanceof NotFoundError && e.type === "/problems/x" && e.detail === "d");
});

test("the SSE parser handles ids, types, multi-line data and comments", async () => {
  const text = ": keep-alive\n\nid: 1\nevent: a\ndata: {\"x\":\ndata: 1}\n\nid: 2\r\nevent: b\r\ndata: 2\r\n\r\n";
  const body = new Response(text).body!;
  const got = [];
  for await (const m of parseSse(body)) got.push(m);
  assert.deepEqual(got, [
    { id: "1", event: "a", data: '{"x":\n1}' },
    { id: "2", event: "b", data: "2" },
  ]);
});
