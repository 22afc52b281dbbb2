import { ConnectionError, TimeoutError, errorFor } from "./errors.js";
import { signatureHeaders } from "./signing.js";

export interface ClientOptions {
  /** Base URL of the server; default `AGENTPLANE_URL`, else `http://localhost:8080`. */
  baseUrl?: string;
  /** API key (`ap_<id>_<secret>`); default `AGENTPLANE_API_KEY`. */
  apiKey?: string;
  /** Signing secret (`aps_...`) of a key created with `signed: true`; default `AGENTPLANE_SIGNING_SECRET`. */
  signingSecret?: string;
  /** How many times a `429` or `503` is retried (honoring `Retry-After`); default 3. */
  maxRetries?: number;
  /** A `Retry-After` longer than this is not waited for: the error is thrown at once; default 30 000 ms. */
  maxRetryDelayMs?: number;
  /** Per-request timeout (not applied to streams); default 60 000 ms. */
  timeoutMs?: number;
  /** Headers added to every request. */
  headers?: Record<string, string>;
  /** The fetch implementation; default the global `fetch`. */
  fetch?: typeof fetch;
}

/** Options every method accepts as its last argument. */
export interface RequestOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  headers?: Record<string, string>;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface HttpRequest {
  method: string;
  /** Path with its parameters already percent-encoded. */
  path: string;
  query?: Query;
  /** A JSON value, or a string sent as is with `contentType`. */
  body?: unknown;
  contentType?: string;
  accept?: string;
  headers?: Record<string, string | undefined>;
  /** Return the Response unread (for streams); no timeout is applied. */
  stream?: boolean;
}

export interface HttpResponse<T = unknown> {
  status: number;
  headers: Headers;
  data: T;
}

/** Percent-encodes one path segment. */
export const seg = (value: string | number): string => encodeURIComponent(String(value));

function env(name: string): string | undefined {
  const value = typeof process !== "undefined" ? process.env[name] : undefined;
  return value === "" ? undefined : value;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });

/** Milliseconds a `Retry-After` header asks for (delta seconds or an HTTP date), or undefined. */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export class Transport {
  readonly baseUrl: string;
  readonly apiKey?: string;
  private readonly signingSecret?: string;
  private readonly maxRetries: number;
  private readonly maxRetryDelayMs: number;
  private readonly timeoutMs: number;
  private readonly headers: Record<string, string>;
  private readonly fetchFn: typeof fetch;

  constructor(options: ClientOptions = {}) {
    this.baseUrl = (options.baseUrl ?? env("AGENTPLANE_URL") ?? "http://localhost:8080").replace(/\/+$/, "");
    this.apiKey = options.apiKey ?? env("AGENTPLANE_API_KEY");
    this.signingSecret = options.signingSecret ?? env("AGENTPLANE_SIGNING_SECRET");
    this.maxRetries = options.maxRetries ?? 3;
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? 30_000;
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.headers = options.headers ?? {};
    this.fetchFn = options.fetch ?? globalThis.fetch;
  }

  /** The request target (path and query, as sent), which is also what a signature covers. */
  target(path: string, query?: Query): string {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== null) params.append(name, String(value));
    }
    const qs = params.toString();
    return qs ? `${path}?${qs}` : path;
  }

  async request<T = unknown>(req: HttpRequest, options: RequestOptions = {}): Promise<HttpResponse<T>> {
    const target = this.target(req.path, req.query);
    let body: string | undefined;
    let contentType = req.contentType;
    if (req.body !== undefined) {
      if (typeof req.body === "string" && contentType) body = req.body;
      else {
        body = JSON.stringify(req.body);
        contentType = contentType ?? "application/json";
      }
    }
    for (let attempt = 0; ; attempt++) {
      const headers: Record<string, string> = { Accept: req.accept ?? "application/json", ...this.headers };
      if (this.apiKey) headers.Authorization = `Bearer ${this.apiKey}`;
      if (contentType) headers["Content-Type"] = contentType;
      for (const [name, value] of Object.entries({ ...req.headers, ...options.headers })) {
        if (value !== undefined) headers[name] = value;
      }
      // Signed anew on every attempt: a signature is good for one request only (replays are refused).
      if (this.signingSecret && this.apiKey) {
        Object.assign(headers, signatureHeaders(this.signingSecret, req.method, target, body));
      }
      const timeoutMs = options.timeoutMs ?? this.timeoutMs;
      const signals = [options.signal, req.stream ? undefined : AbortSignal.timeout(timeoutMs)].filter(
        (s): s is AbortSignal => s !== undefined,
      );
      let response: Response;
      try {
        response = await this.fetchFn(this.baseUrl + target, {
          method: req.method,
          headers,
          body,
          signal: signals.length ? AbortSignal.any(signals) : undefined,
        });
      } catch (cause) {
        if (options.signal?.aborted) throw cause;
        if ((cause as Error)?.name === "TimeoutError") {
          throw new TimeoutError(`${req.method} ${target} took longer than ${timeoutMs} ms`, { cause });
        }
        throw new ConnectionError(`${req.method} ${this.baseUrl}${target} failed: ${(cause as Error)?.message}`, {
          cause,
        });
      }
      if ((response.status === 429 || response.status === 503) && attempt < this.maxRetries) {
        const asked = retryAfterMs(response.headers.get("Retry-After"));
        const delay = asked ?? Math.min(this.maxRetryDelayMs, 250 * 2 ** attempt + Math.random() * 100);
        if (delay <= this.maxRetryDelayMs) {
          await response.body?.cancel();
          await sleep(delay, options.signal);
          continue;
        }
      }
      if (response.ok && req.stream) return { status: response.status, headers: response.headers, data: response as T };
      const data = await readBody(response);
      if (!response.ok) throw errorFor(response.status, data, response.headers);
      return { status: response.status, headers: response.headers, data: data as T };
    }
  }
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (!text) return undefined;
  const type = response.headers.get("Content-Type") ?? "";
  if (/json/i.test(type)) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}
