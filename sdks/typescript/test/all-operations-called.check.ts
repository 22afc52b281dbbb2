// Run by `npm test` after every live test file (not a *.test.ts: it needs their records).
import { test } from "node:test";
import assert from "node:assert/strict";
import { calledOperations, specOperations } from "./recorder.js";

/** Operations the live tests do not call, each with the reason. Keep this empty unless there is no way. */
const NOT_CALLED_LIVE: Record<string, string> = {};

test("the live tests called every operation of openapi.yaml through the client, with a successful answer", () => {
  const called = calledOperations();
  const missing = specOperations()
    .map((op) => op.id)
    .filter((id) => !called.has(id) && !(id in NOT_CALLED_LIVE));
  assert.deepEqual(missing, [], `operations no live test called successfully: ${missing.join(", ")}`);
});
