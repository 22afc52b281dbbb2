import { randomUUID } from "node:crypto";
import type * as T from "./generated/types.js";
import { Operations } from "./generated/operations.js";
import { Transport, seg, type ClientOptions, type RequestOptions } from "./http.js";
import { parseSse } from "./sse.js";
import { AgentPlaneError, ConnectionError, NotFoundError, TimeoutError } from "./errors.js";

/** Statuses after which an execution does nothing more on its own. */
export const FINISHED_STATUSES: readonly T.ExecutionStatus[] = ["completed", "failed", "cancelled"];
/** Event types that end an execution's event stream. */
export const FINAL_EVENT_TYPES: readonly string[] = ["execution.completed", "execution.failed", "execution.cancelled"];

export interface StreamExecutionOptions {
  /** Start after this seq (the `Last-Event-ID` of an earlier stream); default: from the first event. */
  lastEventId?: string | number;
  /** Reconnect (resuming after the last event received) when the connection drops; default true. */
  reconnect?: boolean;
  /** Attempts to reconnect in a row before giving up; default 5. */
  maxReconnects?: number;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

export interface WaitOptions {
  /** Give up after this long with a TimeoutError; default 5 minutes. */
  timeoutMs?: number;
  /** Pause between polls; default 500 ms. */
  pollIntervalMs?: number;
  signal?: AbortSignal;
}

/**
 * The AgentPlane client. Zero-config: `new AgentPlane()` reads `AGENTPLANE_URL`, `AGENTPLANE_API_KEY` and
 * `AGENTPLANE_SIGNING_SECRET`. Every operation of the API is a method named after its operationId; the
 * shorthands below (`saveState`, `loadState`, `escalate`, `handoff`...) cover the common calls.
 */
export class AgentPlane extends Operations {
  protected readonly transport: Transport;

  constructor(options: ClientOptions = {}) {
    super();
    this.transport = new Transport(options);
  }

  get baseUrl(): string {
    return this.transport.baseUrl;
  }

  /**
   * Start an execution of a workflow. An `Idempotency-Key` is always sent (a fresh UUID unless given), so an
   * automatic retry after `429`/`503` or a repeat by the caller with the same key never starts a second one.
   *
   * `POST /v1/executions`
   */
  async startExecution(
    body: T.StartExecutionRequest,
    options?: RequestOptions & { idempotencyKey?: string },
  ): Promise<T.Execution> {
    const response = await this.transport.request<T.Execution>(
      {
        method: "POST",
        path: "/v1/executions",
        body,
        headers: { "Idempotency-Key": options?.idempotencyKey ?? randomUUID() },
      },
      options,
    );
    return response.data;
  }

  /** Polls an execution until it is `completed`, `failed` or `cancelled`, and returns it. */
  async waitForExecution(executionId: string, options: WaitOptions = {}): Promise<T.Execution> {
    const deadline = Date.now() + (options.timeoutMs ?? 300_000);
    for (;;) {
      const execution = await this.getExecution(executionId, { signal: options.signal });
      if (FINISHED_STATUSES.includes(execution.status)) return execution;
      if (Date.now() >= deadline) {
        throw new TimeoutError(`execution ${executionId} is still ${execution.status} after ${options.timeoutMs ?? 300_000} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, options.pollIntervalMs ?? 500));
      options.signal?.throwIfAborted();
    }
  }

  /**
   * The events of an execution as they are committed (Server-Sent Events on
   * `GET /v1/executions/{id}/events`): first those already stored, then new ones, ending after the
   * execution's final event. A dropped connection is resumed with `Last-Event-ID` (no event is lost or
   * repeated); `lastEventId` resumes an earlier stream.
   */
  async *streamExecution(executionId: string, options: StreamExecutionOptions = {}): AsyncGenerator<T.Event> {
    let lastId = options.lastEventId === undefined ? undefined : String(options.lastEventId);
    let failures = 0;
    for (;;) {
      let sawFinal = false;
      try {
        const response = await this.transport.request<Response>(
          {
            method: "GET",
            path: `/v1/executions/${seg(executionId)}/events`,
            accept: "text/event-stream",
            headers: { "Last-Event-ID": lastId },
            stream: true,
          },
          { signal: options.signal, headers: options.headers },
        );
        if (!response.data.body) throw new ConnectionError("the event stream has no body");
        for await (const message of parseSse(response.data.body)) {
          failures = 0;
          if (message.id !== undefined) lastId = message.id;
          const event = JSON.parse(message.data) as T.Event;
          sawFinal = FINAL_EVENT_TYPES.includes(event.type);
          yield event;
        }
        if (sawFinal) return;
        // The server closed without a final event (a restart, a proxy timeout): resume after the last one.
      } catch (error) {
        if (options.signal?.aborted) throw error;
        if (!(error instanceof ConnectionError) && !isStreamDrop(error)) throw error;
        if (options.reconnect === false) throw error;
      }
      if (options.reconnect === false) return;
      if (++failures > (options.maxReconnects ?? 5)) {
        throw new ConnectionError(`the event stream of execution ${executionId} kept dropping`);
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 200 * 2 ** failures)));
    }
  }

  /**
   * Live events of the organization over the WebSocket `GET /v1/stream`. Needs a global `WebSocket`
   * (Node 22+, or Node 20 with `--experimental-websocket`); the key travels as a subprotocol since WebSocket
   * handshakes from the WHATWG API cannot carry headers. Yields each message parsed as JSON. Without `after` the
   * stream starts with the events committed once the socket is open (`onOpen` says when); resume after a drop
   * with `after` set to the `cursor` of the last event received (`after: "0"` replays every stored event first).
   */
  async *streamEvents(
    query: T.StreamEventsQuery = {},
    options: { signal?: AbortSignal; onOpen?: () => void } = {},
  ): AsyncGenerator<T.StreamedEvent> {
    const WS = (globalThis as { WebSocket?: typeof WebSocket }).WebSocket;
    if (!WS) throw new AgentPlaneError("streamEvents needs a global WebSocket (Node 22+, or node --experimental-websocket)");
    const url = this.transport.baseUrl.replace(/^http/, "ws") + this.transport.target("/v1/stream", { ...query });
    const protocols = ["agentplane.v1", ...(this.transport.apiKey ? [`bearer.${this.transport.apiKey}`] : [])];
    const socket = new WS(url, protocols);
    const queue: T.StreamedEvent[] = [];
    let wake: (() => void) | undefined;
    let closed: { error?: Error } | undefined;
    const notify = () => (wake?.(), (wake = undefined));
    if (options.onOpen) socket.addEventListener("open", options.onOpen);
    socket.addEventListener("message", (e: MessageEvent) => {
      queue.push(JSON.parse(typeof e.data === "string" ? e.data : new TextDecoder().decode(e.data as ArrayBuffer)));
      notify();
    });
    socket.addEventListener("error", () => {
      closed ??= { error: new ConnectionError(`the WebSocket ${url.split("?")[0]} failed`) };
      notify();
    });
    socket.addEventListener("close", () => {
      closed ??= {};
      notify();
    });
    const abort = () => socket.close();
    options.signal?.addEventListener("abort", abort, { once: true });
    try {
      for (;;) {
        while (queue.length) yield queue.shift()!;
        if (closed) {
          if (closed.error && !options.signal?.aborted) throw closed.error;
          return;
        }
        await new Promise<void>((resolve) => (wake = resolve));
      }
    } finally {
      options.signal?.removeEventListener("abort", abort);
      if (socket.readyState === WS.OPEN || socket.readyState === WS.CONNECTING) socket.close();
    }
  }

  // ---- Shorthands of the original README ----

  /** Stores `value` under `namespace`/`key` (optionally with a TTL, or only if still at version `ifMatch`). */
  saveState(
    namespace: string,
    key: string,
    value: unknown,
    options?: RequestOptions & { ttlSeconds?: number; ifMatch?: string | number; ifNoneMatch?: "*" },
  ): Promise<T.StateEntry> {
    const ifMatch = options?.ifMatch === undefined ? undefined : quoteEtag(options.ifMatch);
    return this.putState(
      namespace,
      key,
      { value, ...(options?.ttlSeconds !== undefined ? { ttl_seconds: options.ttlSeconds } : {}) },
      { ...options, ifMatch },
    );
  }

  /** The value under `namespace`/`key`, or `undefined` when there is none (`getState` gives the whole entry). */
  async loadState<V = unknown>(namespace: string, key: string, options?: RequestOptions): Promise<V | undefined> {
    try {
      return (await this.getState(namespace, key, options)).value as V;
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }

  /** Opens an escalation to a human (`createEscalation`). */
  escalate(body: T.CreateEscalationRequest, options?: RequestOptions): Promise<T.Escalation> {
    return this.createEscalation(body, options);
  }

  /** Hands work off to another agent or a capability (`createHandoff`). */
  handoff(body: T.CreateHandoffRequest, options?: RequestOptions): Promise<T.Handoff> {
    return this.createHandoff(body, options);
  }

  /** Registers an agent (`createAgent`). */
  registerAgent(body: T.CreateAgentRequest, options?: RequestOptions): Promise<T.Agent> {
    return this.createAgent(body, options);
  }
}

function quoteEtag(version: string | number): string {
  const text = String(version);
  return text.startsWith('"') || text.startsWith("W/") ? text : `"${text}"`;
}

function isStreamDrop(error: unknown): boolean {
  // undici reports a body cut short as a TypeError ("terminated") whose cause is the socket error.
  return error instanceof TypeError && /terminated|other side closed|socket/i.test(`${error.message} ${String(error.cause)}`);
}
