import { appendFileSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { openapiPath } from "./repo.js";

/**
 * Which operations the live tests called successfully: every test process appends one line per answered request
 * (operationId and status) to its own file here; all-operations-called.check.ts reads them after the run.
 * `npm test` starts from an empty build-test/, so only this run's calls count.
 */
export const recordDir = resolve(dirname(fileURLToPath(import.meta.url)), "../operations-called");

const HTTP_METHODS = ["get", "put", "post", "patch", "delete"];

export interface Operation {
  id: string;
  method: string;
  path: string;
}

export function specOperations(): Operation[] {
  const spec = parse(readFileSync(openapiPath, "utf8"));
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries<Record<string, { operationId?: string }>>(spec.paths)) {
    if (path === "/mcp") continue; // the MCP endpoint is for MCP clients (docs/mcp.md), not an SDK operation
    for (const method of HTTP_METHODS) {
      const id = item[method]?.operationId;
      if (id) ops.push({ id, method: method.toUpperCase(), path });
    }
  }
  return ops;
}

let matchers: Array<{ id: string; method: string; pattern: RegExp; params: number }> | undefined;

/** The operationId of a request, by matching its path against the spec's templates (literal segments win). */
export function operationOf(method: string, url: string): string | undefined {
  matchers ??= specOperations()
    .map((op) => ({
      id: op.id,
      method: op.method,
      pattern: new RegExp(`^${op.path.replace(/[.]/g, "\\.").replace(/\{[^}]+\}/g, "[^/]+")}$`),
      params: (op.path.match(/\{/g) ?? []).length,
    }))
    .sort((a, b) => a.params - b.params);
  const path = new URL(url).pathname;
  return matchers.find((m) => m.method === method.toUpperCase() && m.pattern.test(path))?.id;
}

export function record(operationId: string, status: number): void {
  mkdirSync(recordDir, { recursive: true });
  appendFileSync(resolve(recordDir, `${process.pid}.txt`), `${operationId} ${status}\n`);
}

/** A fetch that records the operation of every answered request. */
export const recordingFetch: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  const url = input instanceof Request ? input.url : String(input);
  const id = operationOf(init?.method ?? (input instanceof Request ? input.method : "GET"), url);
  if (id) record(id, response.status);
  return response;
};

/** Every operationId that got a successful answer (2xx, or 101 for a WebSocket) in this run. */
export function calledOperations(): Set<string> {
  const called = new Set<string>();
  let files: string[] = [];
  try {
    files = readdirSync(recordDir);
  } catch {
    return called;
  }
  for (const file of files) {
    for (const line of readFileSync(resolve(recordDir, file), "utf8").split("\n")) {
      const [id, status] = line.split(" ");
      if (id && (Number(status) === 101 || (Number(status) >= 200 && Number(status) < 300))) called.add(id);
    }
  }
  return called;
}

/** Records `GET /v1/stream` once a WebSocket to it has opened (the handshake got its 101). */
export function recordWebSockets(): void {
  const Base = (globalThis as { WebSocket?: typeof WebSocket }).WebSocket;
  if (!Base) return;
  globalThis.WebSocket = class RecordingWebSocket extends Base {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      const id = operationOf("GET", String(url).replace(/^ws/, "http"));
      if (id) this.addEventListener("open", () => record(id, 101));
    }
  } as typeof WebSocket;
}
