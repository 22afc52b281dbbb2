import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { AgentPlane } from "../src/index.js";
import { openapiPath } from "./repo.js";

const HTTP_METHODS = ["get", "put", "post", "patch", "delete", "head", "options"];

function operationIds(): string[] {
  const spec = parse(readFileSync(openapiPath, "utf8"));
  const ids: string[] = [];
  for (const item of Object.values<Record<string, { operationId?: string }>>(spec.paths)) {
    for (const method of HTTP_METHODS) {
      const id = item[method]?.operationId;
      if (id) ids.push(id);
    }
  }
  return ids;
}

test("every operation of openapi.yaml has a client method of the same name", () => {
  const ids = operationIds();
  assert.ok(ids.length > 80, `found only ${ids.length} operations: is the spec path right?`);
  const proto = AgentPlane.prototype as unknown as Record<string, unknown>;
  const missing = ids.filter((id) => typeof proto[id] !== "function");
  assert.deepEqual(missing, [], `operations without a method: ${missing.join(", ")}`);
});
