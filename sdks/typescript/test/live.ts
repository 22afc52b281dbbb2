import { randomUUID } from "node:crypto";
import { before, after } from "node:test";
import { AgentPlane, type ClientOptions } from "../src/index.js";
import { startServer, ADMIN_KEY, type RunningServer } from "./server.js";
import { recordingFetch, recordWebSockets } from "./recorder.js";

/** A name no other test, file or run uses: all servers of a run may share one database. */
export function unique(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

export interface Live {
  server: RunningServer;
  /** The instance admin's client. */
  admin: AgentPlane;
  /** A client of this server that records the operations it calls (the admin's key unless told). */
  client(options?: ClientOptions): AgentPlane;
}

/** Starts a server for the test file (stopped after it) and hands out recording clients. */
export function liveServer(): Live {
  recordWebSockets();
  const live = {} as Live;
  before(async () => {
    live.server = await startServer();
    live.client = (options = {}) =>
      new AgentPlane({ baseUrl: live.server.url, apiKey: ADMIN_KEY, fetch: recordingFetch, ...options });
    live.admin = live.client();
  });
  after(async () => live.server?.stop());
  return live;
}
