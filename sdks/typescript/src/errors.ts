/** One bad field of a validation problem: a JSON pointer into the body, or the bad query/path/header parameter. */
export interface ProblemFieldError {
  pointer?: string;
  parameter?: string;
  detail: string;
  fix?: string;
  [extension: string]: unknown;
}

/** RFC 9457 problem details as AgentPlane sends them (`application/problem+json`). */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  request_id?: string;
  errors?: ProblemFieldError[];
  current_status?: string;
  current_version?: number;
  limit_bytes?: number;
  [extension: string]: unknown;
}

/** Base of every error this client throws. */
export class AgentPlaneError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The server answered with an error status; the problem details are on the error. */
export class ApiError extends AgentPlaneError {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string;
  readonly instance?: string;
  readonly requestId?: string;
  readonly errors: ProblemFieldError[];
  readonly problem: ProblemDetails;
  readonly headers: Headers;

  constructor(problem: ProblemDetails, headers: Headers) {
    const fields = (problem.errors ?? [])
      .map((e) => `${e.pointer ?? e.parameter ?? "?"}: ${e.detail}${e.fix ? ` (fix: ${e.fix})` : ""}`)
      .join("; ");
    super(`${problem.status} ${problem.title}: ${problem.detail}${fields ? ` [${fields}]` : ""}`);
    this.problem = problem;
    this.status = problem.status;
    this.type = problem.type;
    this.title = problem.title;
    this.detail = problem.detail;
    this.instance = problem.instance;
    this.requestId = problem.request_id;
    this.errors = problem.errors ?? [];
    this.headers = headers;
  }
}

export class BadRequestError extends ApiError {}
export class UnauthorizedError extends ApiError {}
export class ForbiddenError extends ApiError {}
export class NotFoundError extends ApiError {}
export class ConflictError extends ApiError {
  get currentStatus(): string | undefined {
    return this.problem.current_status;
  }
}
export class PreconditionFailedError extends ApiError {
  get currentVersion(): number | undefined {
    return this.problem.current_version;
  }
}
export class PayloadTooLargeError extends ApiError {
  get limitBytes(): number | undefined {
    return this.problem.limit_bytes;
  }
}
export class UnsupportedMediaTypeError extends ApiError {}
export class RateLimitedError extends ApiError {}
export class ServiceUnavailableError extends ApiError {}

/** The request never got an HTTP answer (connection refused, reset, DNS...). */
export class ConnectionError extends AgentPlaneError {}
/** The request (or a wait for an execution) took longer than allowed. */
export class TimeoutError extends AgentPlaneError {}

const BY_STATUS: Record<number, new (p: ProblemDetails, h: Headers) => ApiError> = {
  400: BadRequestError,
  401: UnauthorizedError,
  403: ForbiddenError,
  404: NotFoundError,
  409: ConflictError,
  412: PreconditionFailedError,
  413: PayloadTooLargeError,
  415: UnsupportedMediaTypeError,
  429: RateLimitedError,
  503: ServiceUnavailableError,
};

/** Builds the typed error for an error response; a body that is not a problem still gives an ApiError. */
export function errorFor(status: number, body: unknown, headers: Headers): ApiError {
  const problem: ProblemDetails =
    body && typeof body === "object" && "status" in body
      ? (body as ProblemDetails)
      : {
          type: "about:blank",
          title: `HTTP ${status}`,
          status,
          detail: typeof body === "string" && body ? body : `The server answered ${status}.`,
        };
  const Type = BY_STATUS[status] ?? ApiError;
  return new Type(problem, headers);
}
