"""Typed exceptions carrying the server's RFC 9457 problem details."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional


@dataclass(frozen=True)
class ProblemFieldError:
    """One bad field: a JSON `pointer` into the body or the name of a bad `parameter`, and how to fix it."""

    detail: str
    pointer: Optional[str] = None
    parameter: Optional[str] = None
    fix: Optional[str] = None


class AgentPlaneError(Exception):
    """Base class of every error the SDK raises."""


class ConnectionFailed(AgentPlaneError):
    """The server could not be reached (refused connection, DNS failure, timeout)."""


class ApiError(AgentPlaneError):
    """A problem+json answer from the server; subclasses tell the common statuses apart."""

    def __init__(self, status: int, problem: Mapping[str, Any], headers: Optional[Mapping[str, str]] = None):
        self.status = status
        self.problem: Dict[str, Any] = dict(problem)
        self.type: str = str(problem.get("type", "about:blank"))
        self.title: str = str(problem.get("title", ""))
        self.detail: Optional[str] = problem.get("detail")
        self.instance: Optional[str] = problem.get("instance")
        self.request_id: Optional[str] = problem.get("request_id")
        self.errors: List[ProblemFieldError] = [
            ProblemFieldError(detail=str(e.get("detail", "")), pointer=e.get("pointer"),
                              parameter=e.get("parameter"), fix=e.get("fix"))
            for e in problem.get("errors") or [] if isinstance(e, Mapping)
        ]
        self.headers: Dict[str, str] = dict(headers or {})
        super().__init__(f"{status} {self.title}: {self.detail}" if self.detail else f"{status} {self.title}")

    def extension(self, name: str) -> Any:
        """A problem extension such as `current_status` (409) or `limit_bytes` (413)."""
        return self.problem.get(name)


class BadRequest(ApiError):
    pass


class Unauthorized(ApiError):
    pass


class Forbidden(ApiError):
    pass


class NotFound(ApiError):
    pass


class Conflict(ApiError):
    @property
    def current_status(self) -> Optional[str]:
        return self.problem.get("current_status")


class PreconditionFailed(ApiError):
    pass


class PayloadTooLarge(ApiError):
    pass


class RateLimited(ApiError):
    """429 after the SDK's retries ran out."""


class ServiceUnavailable(ApiError):
    """503 after the SDK's retries ran out."""


_BY_STATUS = {400: BadRequest, 401: Unauthorized, 403: Forbidden, 404: NotFound, 409: Conflict,
              412: PreconditionFailed, 413: PayloadTooLarge, 429: RateLimited, 503: ServiceUnavailable}


def error_for(status: int, problem: Mapping[str, Any], headers: Optional[Mapping[str, str]] = None) -> ApiError:
    return _BY_STATUS.get(status, ApiError)(status, problem, headers)


__all__ = ["AgentPlaneError", "ConnectionFailed", "ApiError", "ProblemFieldError", "BadRequest", "Unauthorized",
           "Forbidden", "NotFound", "Conflict", "PreconditionFailed", "PayloadTooLarge", "RateLimited",
           "ServiceUnavailable", "error_for"]
