"""AgentPlane Python SDK: standard library only, typed, zero-config from AGENTPLANE_URL / AGENTPLANE_API_KEY."""
from .client import AgentPlane, Paginator, TERMINAL_EXECUTION_STATUSES
from .errors import (AgentPlaneError, ApiError, BadRequest, Conflict, ConnectionFailed, Forbidden, NotFound,
                     PayloadTooLarge, PreconditionFailed, ProblemFieldError, RateLimited, ServiceUnavailable,
                     Unauthorized)
from .signing import sign
from .types import Page, SseEvent

__version__ = "0.1.0"

__all__ = ["AgentPlane", "Paginator", "Page", "SseEvent", "TERMINAL_EXECUTION_STATUSES", "AgentPlaneError",
           "ApiError", "BadRequest", "Conflict", "ConnectionFailed", "Forbidden", "NotFound", "PayloadTooLarge",
           "PreconditionFailed", "ProblemFieldError", "RateLimited", "ServiceUnavailable", "Unauthorized", "sign"]
