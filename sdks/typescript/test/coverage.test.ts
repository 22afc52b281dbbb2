import { test } from "node:test";
import assert from "node:assert/strict";
import { AgentPlane } from "../src/index.js";
import { specOperations } from "./recorder.js";

test("every operation of openapi.yaml has a client method of the same name", () => {
  const ids = specOperations().map((op) => op.id);
  assert.ok(ids.length > 80, `found only ${ids.length} operations: is the spec path right?`);
  const proto = AgentPlane.prototype as unknown as Record<string, unknown>;
  const missing = ids.filter((id) => typeof proto[id] !== "function");
  assert.deepEqual(missing, [], `operations without a method: ${missing.join(", ")}`);
});
