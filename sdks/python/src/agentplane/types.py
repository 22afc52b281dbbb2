"""Response shapes (TypedDicts: at run time they are the plain dicts decoded from JSON, keys in snake_case).

The most used resources are spelled out; the others are `JsonObject`. openapi.yaml has every field.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, Generic, List, Optional, TypedDict, TypeVar

JsonObject = Dict[str, Any]
T = TypeVar("T")


class Agent(TypedDict, total=False):
    id: str
    name: str
    framework: str
    capabilities: List[str]
    status: str
    metadata: JsonObject
    last_heartbeat_at: Optional[str]
    created_at: str
    updated_at: str


class StateEntry(TypedDict, total=False):
    namespace: str
    key: str
    value: Any
    version: int
    expires_at: Optional[str]
    created_at: str
    updated_at: str


class Execution(TypedDict, total=False):
    id: str
    workflow_id: str
    workflow_name: str
    workflow_version: int
    agent_id: Optional[str]
    status: str
    input: Any
    output: Any
    error: Any
    tokens_in: int
    tokens_out: int
    cost_usd: float
    started_at: str
    completed_at: Optional[str]
    duration_ms: Optional[int]


class Event(TypedDict, total=False):
    id: str
    seq: int
    execution_id: Optional[str]
    type: str
    payload: Any
    created_at: str


class Handoff(TypedDict, total=False):
    id: str
    from_agent_id: str
    to_agent_id: Optional[str]
    capability: Optional[str]
    status: str
    context: Any
    result: Any
    created_at: str


class Escalation(TypedDict, total=False):
    id: str
    status: str
    priority: str
    reason: str
    context: Any
    resolution: Any
    assigned_to: Optional[str]
    created_at: str


class Task(TypedDict, total=False):
    id: str
    execution_id: str
    status: str
    capability: str
    input: Any
    output: Any
    lease_expires_at: Optional[str]


class CreatedApiKey(TypedDict, total=False):
    id: str
    key: str
    role: str
    signed: bool
    signing_secret: str


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list: `items` and the `next_cursor` to pass back (None on the last page)."""

    items: List[T]
    next_cursor: Optional[str]


@dataclass(frozen=True)
class SseEvent:
    """One Server-Sent Event: `id` (the event's seq), `event` (its type) and `data` decoded from JSON."""

    id: Optional[str]
    event: str
    data: Any
