"""Response shapes: one TypedDict per schema of openapi.yaml the SDK returns.

At run time they are the plain dicts decoded from JSON. Their keys are exactly the schema's properties, required
keys as required ones (tests/test_response_types.py compares them with openapi.yaml). Keys that are Python
keywords (`from`) use the functional TypedDict syntax.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, Generic, List, Optional, TypedDict, TypeVar

JsonObject = Dict[str, Any]
T = TypeVar("T")


# -- health and keys -------------------------------------------------------------------------------------------

class Health(TypedDict):
    status: str


class Readiness(TypedDict):
    status: str
    database: str


class ApiKey(TypedDict):
    id: str
    prefix: str
    name: str
    role: str
    agent_id: Optional[str]
    rate_limit_per_minute: Optional[int]
    signed: bool
    created_at: str
    last_used_at: Optional[str]
    expires_at: Optional[str]
    revoked_at: Optional[str]


class CreatedApiKey(TypedDict):
    """A new key: `key` (and `signing_secret` for a signed key) are shown this once."""

    id: str
    key: str
    prefix: str
    name: str
    role: str
    agent_id: Optional[str]
    rate_limit_per_minute: Optional[int]
    signed: bool
    signing_secret: Optional[str]
    created_at: str
    expires_at: Optional[str]


# -- orgs, limits, usage ---------------------------------------------------------------------------------------

class Org(TypedDict):
    id: str
    name: str
    status: str
    instance_admin: bool
    created_at: str
    disabled_at: Optional[str]


class CreatedOrg(TypedDict):
    org: Org
    admin_key: CreatedApiKey


class OrgLimits(TypedDict, total=False):
    """Limits or a quota; a key left out (or None) is no limit."""

    monthly_executions: Optional[int]
    monthly_tokens: Optional[int]
    monthly_cost_usd: Optional[float]
    rate_limits_per_minute: Optional[Dict[str, int]]


class UsageCounts(TypedDict):
    api_calls: int
    executions_started: int
    steps_run: int
    tokens_in: int
    tokens_out: int
    cost_usd: float


class UsageMonth(UsageCounts):
    month: str
    resets_at: str


class UsageDay(UsageCounts):
    day: str


class Limits(TypedDict):
    org_id: str
    limits: OrgLimits
    quota: OrgLimits
    effective: OrgLimits
    month: UsageMonth


UsageReport = TypedDict("UsageReport", {"from": str, "to": str, "days": List[UsageDay], "totals": UsageCounts})


# -- agents and state ------------------------------------------------------------------------------------------

class Agent(TypedDict):
    id: str
    name: str
    framework: Optional[str]
    description: Optional[str]
    capabilities: List[str]
    config: JsonObject
    status: str
    last_seen: Optional[str]
    created_at: str
    updated_at: str


class StateEntry(TypedDict):
    namespace: str
    key: str
    value: Any
    version: int
    expires_at: Optional[str]
    created_at: str
    updated_at: str


class StateKey(TypedDict):
    key: str
    version: int
    expires_at: Optional[str]
    updated_at: str


# -- workflows, rollouts, schedules, templates -----------------------------------------------------------------

class Workflow(TypedDict):
    id: str
    name: str
    version: int
    description: Optional[str]
    active: bool
    definition: JsonObject
    source: str
    created_at: str


class RolloutShare(TypedDict):
    version: int
    weight: int


class Rollout(TypedDict):
    workflow: str
    versions: List[RolloutShare]
    updated_at: str


class ObserveStats(TypedDict):
    total: int
    by_status: Dict[str, int]
    error_rate: float
    avg_duration_ms: Optional[float]
    tokens_in: int
    tokens_out: int
    cost_usd: float


class VersionStats(TypedDict):
    version: int
    stats: ObserveStats


class VersionComparison(TypedDict):
    items: List[VersionStats]


class Schedule(TypedDict):
    id: str
    name: str
    workflow: str
    version: Optional[int]
    cron: str
    timezone: str
    input: Optional[JsonObject]
    misfire: str
    paused: bool
    managed_by: str
    next_fire_at: Optional[str]
    last_fire_at: Optional[str]
    last_execution_id: Optional[str]
    last_error: Optional[str]
    created_at: str
    updated_at: str


class ScheduleFire(TypedDict):
    id: str
    schedule_id: str
    fire_at: str
    fired_at: str
    status: str
    execution_id: Optional[str]
    reason: Optional[str]
    error: Optional[str]


class TemplateSummary(TypedDict):
    name: str
    description: Optional[str]
    inputs: JsonObject
    step_types: List[str]


class Template(TemplateSummary):
    source: str
    definition: JsonObject


# -- executions and events -------------------------------------------------------------------------------------

class Execution(TypedDict):
    id: str
    workflow_id: str
    workflow_name: str
    workflow_version: int
    agent_id: Optional[str]
    status: str
    input: Any
    output: Any
    error: Optional[str]
    tokens_in: int
    tokens_out: int
    cost_usd: float
    started_at: str
    completed_at: Optional[str]
    duration_ms: Optional[int]


class ExecutionStep(TypedDict):
    id: str
    step_id: str
    scope: str
    parent_run_id: Optional[str]
    block: Optional[str]
    status: str
    attempt: int
    output: Any
    error_code: Optional[str]
    error: Optional[str]
    due_at: str
    created_at: str
    started_at: Optional[str]
    completed_at: Optional[str]


class ExecutionStepList(TypedDict):
    items: List[ExecutionStep]


class DeadLetter(TypedDict):
    """A failed execution and the step run that failed it (None when it failed outside a step)."""

    execution: Execution
    failed_step: Optional[ExecutionStep]


class Event(TypedDict):
    id: str
    execution_id: Optional[str]
    seq: Optional[int]
    agent_id: Optional[str]
    type: str
    message: Optional[str]
    data: Any
    tokens_in: Optional[int]
    tokens_out: Optional[int]
    cost_usd: Optional[float]
    created_at: str


class StreamedEvent(Event):
    """A message of the `/v1/stream` WebSocket: an Event and the `cursor` to resume after it."""

    cursor: str


class ExecutionTrail(Execution):
    events: List[Event]


class ObserveResponse(TypedDict):
    items: List[ExecutionTrail]
    stats: ObserveStats
    next_cursor: Optional[str]


# -- handoffs, escalations, tasks, interpret -------------------------------------------------------------------

class Handoff(TypedDict):
    id: str
    from_agent_id: str
    to_agent_id: Optional[str]
    to_capability: Optional[str]
    status: str
    reason: Optional[str]
    context: JsonObject
    result: Any
    rejection_reason: Optional[str]
    execution_id: Optional[str]
    accepted_by: Optional[str]
    created_at: str
    updated_at: str
    accepted_at: Optional[str]
    completed_at: Optional[str]


class Escalation(TypedDict):
    id: str
    reason: str
    context: JsonObject
    priority: str
    status: str
    assigned_to: Optional[str]
    execution_id: Optional[str]
    agent_id: Optional[str]
    resolution: Any
    resolved_by: Optional[str]
    dismiss_reason: Optional[str]
    created_at: str
    updated_at: str
    resolved_at: Optional[str]


class Task(TypedDict):
    id: str
    execution_id: str
    step_id: str
    attempt: int
    capability: str
    input: Any
    status: str
    claimed_by: Optional[str]
    claims: int
    lease_expires_at: Optional[str]
    output: Any
    error: Optional[str]
    created_at: str
    claimed_at: Optional[str]
    completed_at: Optional[str]


class _InterpretResultOptional(TypedDict, total=False):
    escalation_id: Optional[str]


class InterpretResult(_InterpretResultOptional):
    """`escalation_id` is present when the interpretation escalated."""

    success: bool
    data: JsonObject
    confidence: Dict[str, float]
    overall_confidence: float
    missing_fields: List[str]
    notes: List[str]
    should_escalate: bool
    escalation_reason: Optional[str]
    strategy_used: str
    model_used: Optional[str]
    tokens: Dict[str, int]
    cost_estimate: Optional[float]


# -- audit and secrets -----------------------------------------------------------------------------------------

class AuditEntry(TypedDict):
    id: str
    actor_key_id: Optional[str]
    actor_agent_id: Optional[str]
    action: str
    resource_type: str
    resource_id: Optional[str]
    details: JsonObject
    request_id: Optional[str]
    created_at: str


class AuditChainVerification(TypedDict):
    valid: bool
    checked: int
    first_broken: Optional[JsonObject]


class Secret(TypedDict):
    """A secret's name and times; values are never returned."""

    name: str
    created_at: str
    updated_at: str


class SecretList(TypedDict):
    items: List[Secret]


# -- SDK values ------------------------------------------------------------------------------------------------

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
