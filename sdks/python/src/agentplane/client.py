"""The AgentPlane client: one method per operation of openapi.yaml, plus conveniences of the original README."""
from __future__ import annotations

import http.client
import json
import time
import uuid
from typing import Any, Callable, Dict, Generic, Iterator, List, Mapping, Optional, TypeVar, Union, cast

from ._http import Transport, encode_query, quote_segment, read_sse
from .errors import ConnectionFailed, NotFound
from .types import (Agent, ApiKey, AuditChainVerification, AuditEntry, CreatedApiKey, CreatedOrg, DeadLetter,
                    Escalation, Event, Execution, ExecutionStepList, Handoff, Health, InterpretResult, JsonObject,
                    Limits, ObserveResponse, Org, Page, Readiness, Rollout, Schedule, ScheduleFire, Secret, SecretList,
                    SseEvent, StateEntry, StateKey, StreamedEvent, Task, Template, TemplateSummary, UsageReport,
                    VersionComparison, Workflow)
from . import _websocket

T = TypeVar("T")
TERMINAL_EXECUTION_STATUSES = ("completed", "failed", "cancelled")
TERMINAL_EVENT_TYPES = ("execution.completed", "execution.failed", "execution.cancelled")


class Paginator(Generic[T]):
    """A list operation: iterate it for every item across pages (fetched lazily), or use `pages()`/`page()`."""

    def __init__(self, fetch: Callable[[Optional[str]], Page[T]], cursor: Optional[str] = None):
        self._fetch = fetch
        self._cursor = cursor

    def page(self, cursor: Optional[str] = None) -> Page[T]:
        return self._fetch(cursor if cursor is not None else self._cursor)

    def pages(self) -> Iterator[Page[T]]:
        cursor = self._cursor
        while True:
            current = self._fetch(cursor)
            yield current
            if not current.next_cursor:
                return
            cursor = current.next_cursor

    def __iter__(self) -> Iterator[T]:
        for current in self.pages():
            yield from current.items

    def to_list(self, max_items: Optional[int] = None) -> List[T]:
        items: List[T] = []
        for item in self:
            if max_items is not None and len(items) >= max_items:
                break
            items.append(item)
        return items


def _body(body: Optional[Mapping[str, Any]], fields: Mapping[str, Any]) -> JsonObject:
    merged: JsonObject = dict(body or {})
    merged.update({name: value for name, value in fields.items() if value is not None})
    return merged


def _query(params: Mapping[str, Any]) -> Dict[str, Any]:
    # `from_` (a Python keyword otherwise) is sent as `from`.
    return {name.rstrip("_"): value for name, value in params.items() if value is not None}


def _etag(value: Union[int, str, None]) -> Optional[str]:
    if value is None:
        return None
    return f'"{value}"' if isinstance(value, int) else value


class AgentPlane:
    """Client of an AgentPlane server.

    Zero-config: `AgentPlane()` reads `AGENTPLANE_URL` (default http://localhost:8080), `AGENTPLANE_API_KEY` and,
    for a key created with `"signed": true`, `AGENTPLANE_SIGNING_SECRET`. 429 and 503 answers are retried up to
    `max_retries` times, waiting as `Retry-After` says (never longer than `max_retry_wait` seconds per wait).
    """

    def __init__(self, base_url: Optional[str] = None, api_key: Optional[str] = None, *,
                 signing_secret: Optional[str] = None, timeout: float = 30.0, max_retries: int = 3,
                 max_retry_wait: float = 60.0):
        self._http = Transport(base_url, api_key, signing_secret, timeout, max_retries, max_retry_wait)

    @property
    def base_url(self) -> str:
        return self._http.base_url

    # -- plumbing ---------------------------------------------------------------------------------------------

    def _call(self, method: str, path: str, *, query: Optional[Mapping[str, Any]] = None, body: Any = None,
              headers: Optional[Mapping[str, str]] = None, timeout: Optional[float] = None) -> Any:
        return self._http.request(method, path, query=query, body=body, headers=headers, timeout=timeout)[2]

    def _list(self, path: str, limit: Optional[int], params: Mapping[str, Any]) -> Paginator[Any]:
        def fetch(cursor: Optional[str]) -> Page[Any]:
            answer = self._call("GET", path, query=_query({**params, "limit": limit, "cursor": cursor}))
            return Page(items=list(answer.get("items", [])), next_cursor=answer.get("next_cursor"))
        return Paginator(fetch)

    # -- health and schemas -----------------------------------------------------------------------------------

    def get_health(self) -> Health:
        return cast(Health, self._call("GET", "/health"))

    def get_readiness(self) -> Readiness:
        return cast(Readiness, self._call("GET", "/health/ready"))

    def get_workflow_schema(self) -> JsonObject:
        return cast(JsonObject, self._call("GET", "/schemas/workflow.schema.json"))

    def get_team_schema(self) -> JsonObject:
        return cast(JsonObject, self._call("GET", "/schemas/team.schema.json"))

    # -- keys ---------------------------------------------------------------------------------------------------

    def create_api_key(self, body: Optional[JsonObject] = None, /, *, name: Optional[str] = None,
                       role: Optional[str] = None, **fields: Any) -> CreatedApiKey:
        return cast(CreatedApiKey, self._call("POST", "/v1/keys", body=_body(body, {"name": name, "role": role,
                                                                                    **fields})))

    def list_api_keys(self, *, limit: Optional[int] = None) -> Paginator[ApiKey]:
        return self._list("/v1/keys", limit, {})

    def revoke_api_key(self, key_id: str, /) -> ApiKey:
        return cast(ApiKey, self._call("POST", f"/v1/keys/{quote_segment(key_id)}/revoke"))

    def rotate_api_key(self, key_id: str, body: Optional[JsonObject] = None, /, **fields: Any) -> CreatedApiKey:
        return cast(CreatedApiKey, self._call("POST", f"/v1/keys/{quote_segment(key_id)}/rotate",
                                              body=_body(body, fields)))

    # -- orgs (instance admin) ----------------------------------------------------------------------------------

    def create_org(self, body: Optional[JsonObject] = None, /, *, name: Optional[str] = None,
                   **fields: Any) -> CreatedOrg:
        return cast(CreatedOrg, self._call("POST", "/v1/orgs", body=_body(body, {"name": name, **fields})))

    def list_orgs(self, *, limit: Optional[int] = None) -> Paginator[Org]:
        return self._list("/v1/orgs", limit, {})

    def get_org(self, org_id: str, /) -> Org:
        return cast(Org, self._call("GET", f"/v1/orgs/{quote_segment(org_id)}"))

    def disable_org(self, org_id: str, /) -> Org:
        return cast(Org, self._call("POST", f"/v1/orgs/{quote_segment(org_id)}/disable"))

    def get_org_quota(self, org_id: str, /) -> Limits:
        return cast(Limits, self._call("GET", f"/v1/orgs/{quote_segment(org_id)}/quota"))

    def set_org_quota(self, org_id: str, body: Optional[JsonObject] = None, /, **fields: Any) -> Limits:
        return cast(Limits, self._call("PUT", f"/v1/orgs/{quote_segment(org_id)}/quota",
                                       body=_body(body, fields)))

    # -- agents -------------------------------------------------------------------------------------------------

    def create_agent(self, body: Optional[JsonObject] = None, /, *, name: Optional[str] = None,
                     capabilities: Optional[List[str]] = None, **fields: Any) -> Agent:
        return cast(Agent, self._call("POST", "/v1/agents",
                                      body=_body(body, {"name": name, "capabilities": capabilities, **fields})))

    register_agent = create_agent

    def list_agents(self, *, status: Optional[str] = None, framework: Optional[str] = None,
                    capability: Optional[str] = None, limit: Optional[int] = None) -> Paginator[Agent]:
        return self._list("/v1/agents", limit, {"status": status, "framework": framework, "capability": capability})

    def get_agent(self, agent_id: str, /) -> Agent:
        return cast(Agent, self._call("GET", f"/v1/agents/{quote_segment(agent_id)}"))

    def update_agent(self, agent_id: str, body: Optional[JsonObject] = None, /, **fields: Any) -> Agent:
        return cast(Agent, self._call("PATCH", f"/v1/agents/{quote_segment(agent_id)}", body=_body(body, fields)))

    def heartbeat_agent(self, agent_id: str, /) -> Agent:
        return cast(Agent, self._call("POST", f"/v1/agents/{quote_segment(agent_id)}/heartbeat"))

    def deactivate_agent(self, agent_id: str, /) -> Agent:
        return cast(Agent, self._call("POST", f"/v1/agents/{quote_segment(agent_id)}/deactivate"))

    # -- state --------------------------------------------------------------------------------------------------

    def list_state_keys(self, namespace: str, /, *, prefix: Optional[str] = None,
                        limit: Optional[int] = None) -> Paginator[StateKey]:
        return self._list(f"/v1/state/{quote_segment(namespace)}", limit, {"prefix": prefix})

    def put_state(self, namespace: str, key: str, /, value: Any, *, ttl_seconds: Optional[int] = None,
                  if_match: Union[int, str, None] = None, if_none_match: Optional[str] = None) -> StateEntry:
        """Writes `value`. `if_match` (a version or an ETag) updates only that version; `if_none_match="*"`
        creates only. A stale version raises PreconditionFailed."""
        headers = {}
        if if_match is not None:
            headers["If-Match"] = cast(str, _etag(if_match))
        if if_none_match is not None:
            headers["If-None-Match"] = if_none_match
        body: JsonObject = {"value": value}
        if ttl_seconds is not None:
            body["ttl_seconds"] = ttl_seconds
        return cast(StateEntry, self._call("PUT", f"/v1/state/{quote_segment(namespace)}/{quote_segment(key)}",
                                           body=body, headers=headers))

    save_state = put_state

    def get_state(self, namespace: str, key: str, /) -> StateEntry:
        return cast(StateEntry, self._call("GET", f"/v1/state/{quote_segment(namespace)}/{quote_segment(key)}"))

    def load_state(self, namespace: str, key: str, /) -> Optional[StateEntry]:
        """The entry, or None when there is none (or it expired)."""
        try:
            return self.get_state(namespace, key)
        except NotFound:
            return None

    def delete_state(self, namespace: str, key: str, /, *, if_match: Union[int, str, None] = None) -> None:
        headers = {"If-Match": cast(str, _etag(if_match))} if if_match is not None else {}
        self._call("DELETE", f"/v1/state/{quote_segment(namespace)}/{quote_segment(key)}", headers=headers)

    # -- workflows ----------------------------------------------------------------------------------------------

    def create_workflow(self, definition: Union[JsonObject, str]) -> Workflow:
        """Creates a workflow version from a definition: a dict (sent as JSON) or YAML text."""
        if isinstance(definition, str):
            answer = self._http.request("POST", "/v1/workflows", raw_body=definition.encode("utf-8"),
                                        content_type="application/yaml")[2]
        else:
            answer = self._call("POST", "/v1/workflows", body=definition)
        return cast(Workflow, answer)

    def list_workflows(self, *, name_prefix: Optional[str] = None, active: Optional[bool] = None,
                       limit: Optional[int] = None) -> Paginator[Workflow]:
        return self._list("/v1/workflows", limit, {"name_prefix": name_prefix, "active": active})

    def get_workflow(self, name: str, /) -> Workflow:
        return cast(Workflow, self._call("GET", f"/v1/workflows/{quote_segment(name)}"))

    def set_workflow_rollout(self, name: str, body: Optional[JsonObject] = None, /, **fields: Any) -> Rollout:
        return cast(Rollout, self._call("PUT", f"/v1/workflows/{quote_segment(name)}/rollout",
                                        body=_body(body, fields)))

    def get_workflow_rollout(self, name: str, /) -> Rollout:
        return cast(Rollout, self._call("GET", f"/v1/workflows/{quote_segment(name)}/rollout"))

    def delete_workflow_rollout(self, name: str, /) -> None:
        self._call("DELETE", f"/v1/workflows/{quote_segment(name)}/rollout")

    def compare_workflow_versions(self, name: str, /, *, from_: Optional[int] = None,
                                  to: Optional[int] = None) -> VersionComparison:
        return cast(VersionComparison, self._call("GET", f"/v1/workflows/{quote_segment(name)}/compare",
                                                  query=_query({"from_": from_, "to": to})))

    def list_workflow_versions(self, name: str, /, *, limit: Optional[int] = None) -> Paginator[Workflow]:
        return self._list(f"/v1/workflows/{quote_segment(name)}/versions", limit, {})

    def get_workflow_version(self, name: str, version: int, /) -> Workflow:
        return cast(Workflow, self._call("GET", f"/v1/workflows/{quote_segment(name)}/versions/{int(version)}"))

    def deactivate_workflow_version(self, name: str, version: int, /) -> Workflow:
        return cast(Workflow, self._call(
            "POST", f"/v1/workflows/{quote_segment(name)}/versions/{int(version)}/deactivate"))

    # -- schedules ----------------------------------------------------------------------------------------------

    def create_schedule(self, body: Optional[JsonObject] = None, /, **fields: Any) -> Schedule:
        return cast(Schedule, self._call("POST", "/v1/schedules", body=_body(body, fields)))

    def list_schedules(self, *, workflow: Optional[str] = None, paused: Optional[bool] = None,
                       limit: Optional[int] = None) -> Paginator[Schedule]:
        return self._list("/v1/schedules", limit, {"workflow": workflow, "paused": paused})

    def get_schedule(self, schedule_id: str, /) -> Schedule:
        return cast(Schedule, self._call("GET", f"/v1/schedules/{quote_segment(schedule_id)}"))

    def update_schedule(self, schedule_id: str, body: Optional[JsonObject] = None, /, **fields: Any) -> Schedule:
        return cast(Schedule, self._call("PATCH", f"/v1/schedules/{quote_segment(schedule_id)}",
                                         body=_body(body, fields)))

    def delete_schedule(self, schedule_id: str, /) -> None:
        self._call("DELETE", f"/v1/schedules/{quote_segment(schedule_id)}")

    def pause_schedule(self, schedule_id: str, /) -> Schedule:
        return cast(Schedule, self._call("POST", f"/v1/schedules/{quote_segment(schedule_id)}/pause"))

    def resume_schedule(self, schedule_id: str, /) -> Schedule:
        return cast(Schedule, self._call("POST", f"/v1/schedules/{quote_segment(schedule_id)}/resume"))

    def list_schedule_fires(self, schedule_id: str, /, *, limit: Optional[int] = None) -> Paginator[ScheduleFire]:
        return self._list(f"/v1/schedules/{quote_segment(schedule_id)}/fires", limit, {})

    # -- templates ----------------------------------------------------------------------------------------------

    def list_templates(self, *, limit: Optional[int] = None) -> Paginator[TemplateSummary]:
        return self._list("/v1/templates", limit, {})

    def get_template(self, name: str, /) -> Template:
        return cast(Template, self._call("GET", f"/v1/templates/{quote_segment(name)}"))

    def instantiate_template(self, template_name: str, /, body: Optional[JsonObject] = None,
                             **fields: Any) -> Workflow:
        """Copies template `template_name` into the organization's workflows; `name=` names the new workflow."""
        return cast(Workflow, self._call("POST", f"/v1/templates/{quote_segment(template_name)}/instantiate",
                                         body=_body(body, fields)))

    # -- executions ---------------------------------------------------------------------------------------------

    def start_execution(self, workflow: str, input: Any = None, *, version: Optional[int] = None,
                        agent_id: Optional[str] = None, routing_key: Optional[str] = None,
                        idempotency_key: Optional[str] = None) -> Execution:
        """Starts an execution. An `Idempotency-Key` is always sent (a fresh UUID unless given), so the SDK's own
        retries never start it twice; pass your own key to make retries across processes safe too."""
        body = _body(None, {"workflow": workflow, "version": version, "agent_id": agent_id,
                            "routing_key": routing_key})
        if input is not None:
            body["input"] = input
        headers = {"Idempotency-Key": idempotency_key or str(uuid.uuid4())}
        return cast(Execution, self._call("POST", "/v1/executions", body=body, headers=headers))

    def list_executions(self, *, workflow: Optional[str] = None, agent_id: Optional[str] = None,
                        status: Optional[str] = None, from_: Optional[str] = None, to: Optional[str] = None,
                        limit: Optional[int] = None) -> Paginator[Execution]:
        return self._list("/v1/executions", limit, {"workflow": workflow, "agent_id": agent_id, "status": status,
                                                    "from_": from_, "to": to})

    def get_execution(self, execution_id: str, /) -> Execution:
        return cast(Execution, self._call("GET", f"/v1/executions/{quote_segment(execution_id)}"))

    def wait_for_execution(self, execution_id: str, /, *, timeout: Optional[float] = None,
                           poll_interval: float = 0.25) -> Execution:
        """Polls until the execution is completed, failed or cancelled; raises TimeoutError after `timeout`."""
        deadline = None if timeout is None else time.monotonic() + timeout
        interval = poll_interval
        while True:
            execution = self.get_execution(execution_id)
            if execution.get("status") in TERMINAL_EXECUTION_STATUSES:
                return execution
            if deadline is not None and time.monotonic() + interval > deadline:
                raise TimeoutError(f"execution {execution_id} still {execution.get('status')} after {timeout}s")
            time.sleep(interval)
            interval = min(2.0, interval * 1.5)

    def create_execution_event(self, execution_id: str, body: Optional[JsonObject] = None, /, *,
                               type: Optional[str] = None, **fields: Any) -> Event:
        return cast(Event, self._call("POST", f"/v1/executions/{quote_segment(execution_id)}/events",
                                      body=_body(body, {"type": type, **fields})))

    def list_execution_events(self, execution_id: str, /, *, after_seq: Optional[int] = None,
                              limit: Optional[int] = None) -> Paginator[Event]:
        return self._list(f"/v1/executions/{quote_segment(execution_id)}/events", limit, {"after_seq": after_seq})

    def stream_execution(self, execution_id: str, /, *, last_event_id: Optional[str] = None,
                         after_seq: Optional[int] = None, reconnect: bool = True, max_reconnects: int = 5,
                         read_timeout: float = 60.0) -> Iterator[SseEvent]:
        """Yields the execution's events as Server-Sent Events, stored ones first, then live ones, and ends after
        its last event. A dropped connection is resumed with `Last-Event-ID`, so no event is lost or repeated."""
        path = f"/v1/executions/{quote_segment(execution_id)}/events"
        reconnects = 0
        while True:
            headers = {"Last-Event-ID": last_event_id} if last_event_id is not None else {}
            query = {"after_seq": after_seq} if last_event_id is None and after_seq is not None else None
            finished = False
            try:
                with self._http.open("GET", path, query=query, headers=headers, accept="text/event-stream",
                                     timeout=read_timeout) as response:
                    for event_id, event_type, data in read_sse(response):
                        if event_id is not None:
                            last_event_id = event_id
                        reconnects = 0
                        yield SseEvent(id=event_id, event=event_type, data=json.loads(data) if data else None)
                        if event_type in TERMINAL_EVENT_TYPES:
                            finished = True
                if finished:
                    return
            except (ConnectionFailed, OSError, http.client.HTTPException) as error:  # HTTPException: IncompleteRead
                if not reconnect or reconnects >= max_reconnects:
                    raise ConnectionFailed(f"event stream of {execution_id} lost: {error}") from None
            if not reconnect:
                return
            reconnects += 1
            if reconnects > max_reconnects:
                raise ConnectionFailed(f"event stream of {execution_id} ended early {reconnects} times")
            time.sleep(min(5.0, 0.2 * 2 ** reconnects))

    def complete_execution(self, execution_id: str, body: Optional[JsonObject] = None, /, **fields: Any) -> Execution:
        return cast(Execution, self._call("POST", f"/v1/executions/{quote_segment(execution_id)}/complete",
                                          body=_body(body, fields)))

    def cancel_execution(self, execution_id: str, body: Optional[JsonObject] = None, /, **fields: Any) -> Execution:
        return cast(Execution, self._call("POST", f"/v1/executions/{quote_segment(execution_id)}/cancel",
                                          body=_body(body, fields)))

    def fail_execution(self, execution_id: str, body: Optional[JsonObject] = None, /, **fields: Any) -> Execution:
        return cast(Execution, self._call("POST", f"/v1/executions/{quote_segment(execution_id)}/fail",
                                          body=_body(body, fields)))

    def list_execution_steps(self, execution_id: str, /) -> ExecutionStepList:
        return cast(ExecutionStepList, self._call("GET", f"/v1/executions/{quote_segment(execution_id)}/steps"))

    def pause_execution(self, execution_id: str, /) -> Execution:
        return cast(Execution, self._call("POST", f"/v1/executions/{quote_segment(execution_id)}/pause"))

    def resume_execution(self, execution_id: str, /) -> Execution:
        return cast(Execution, self._call("POST", f"/v1/executions/{quote_segment(execution_id)}/resume"))

    def retry_execution(self, execution_id: str, /) -> Execution:
        return cast(Execution, self._call("POST", f"/v1/executions/{quote_segment(execution_id)}/retry"))

    def replay_execution(self, execution_id: str, /) -> Execution:
        return cast(Execution, self._call("POST", f"/v1/executions/{quote_segment(execution_id)}/replay"))

    def list_dead_letters(self, *, limit: Optional[int] = None) -> Paginator[DeadLetter]:
        return self._list("/v1/dead-letters", limit, {})

    # -- observability ------------------------------------------------------------------------------------------

    def create_event(self, body: Optional[JsonObject] = None, /, *, type: Optional[str] = None, **fields: Any) -> Event:
        return cast(Event, self._call("POST", "/v1/events", body=_body(body, {"type": type, **fields})))

    record_event = create_event

    def stream_events(self, *, workflow: Optional[str] = None, execution_id: Optional[str] = None,
                      type: Optional[str] = None, after: Optional[str] = None,
                      read_timeout: float = 60.0) -> Iterator[StreamedEvent]:
        """Yields the organization's events from the `/v1/stream` WebSocket (each an Event plus its `cursor`).
        To resume, call again with `after` set to the `cursor` of the last event received."""
        query = encode_query(_query({"workflow": workflow, "execution_id": execution_id, "type": type,
                                     "after": after}))
        headers = {"Authorization": "Bearer " + self._http.api_key} if self._http.api_key else {}
        for message in _websocket.messages(self._http.base_url + "/v1/stream" + ("?" + query if query else ""),
                                           headers, read_timeout, self._http.signing_secret):
            yield cast(StreamedEvent, json.loads(message))

    def observe_executions(self, *, workflow: Optional[str] = None, agent_id: Optional[str] = None,
                           status: Optional[str] = None, from_: Optional[str] = None, to: Optional[str] = None,
                           limit: Optional[int] = None, cursor: Optional[str] = None) -> ObserveResponse:
        """One page of execution trails (`items`, `next_cursor`) and `stats` over every matching execution."""
        return cast(ObserveResponse, self._call("GET", "/v1/observe", query=_query(
            {"workflow": workflow, "agent_id": agent_id, "status": status, "from_": from_, "to": to,
             "limit": limit, "cursor": cursor})))

    # -- handoffs -----------------------------------------------------------------------------------------------

    def create_handoff(self, body: Optional[JsonObject] = None, /, **fields: Any) -> Handoff:
        return cast(Handoff, self._call("POST", "/v1/handoffs", body=_body(body, fields)))

    handoff = create_handoff

    def list_handoffs(self, *, from_agent_id: Optional[str] = None, to_agent_id: Optional[str] = None,
                      status: Optional[str] = None, workflow: Optional[str] = None,
                      capability: Optional[str] = None, limit: Optional[int] = None) -> Paginator[Handoff]:
        return self._list("/v1/handoffs", limit, {"from_agent_id": from_agent_id, "to_agent_id": to_agent_id,
                                                  "status": status, "workflow": workflow, "capability": capability})

    def get_handoff(self, handoff_id: str, /) -> Handoff:
        return cast(Handoff, self._call("GET", f"/v1/handoffs/{quote_segment(handoff_id)}"))

    def accept_handoff(self, handoff_id: str, body: Optional[JsonObject] = None, /, **fields: Any) -> Handoff:
        return cast(Handoff, self._call("POST", f"/v1/handoffs/{quote_segment(handoff_id)}/accept",
                                        body=_body(body, fields)))

    def reject_handoff(self, handoff_id: str, body: Optional[JsonObject] = None, /, **fields: Any) -> Handoff:
        return cast(Handoff, self._call("POST", f"/v1/handoffs/{quote_segment(handoff_id)}/reject",
                                        body=_body(body, fields)))

    def complete_handoff(self, handoff_id: str, body: Optional[JsonObject] = None, /, **fields: Any) -> Handoff:
        return cast(Handoff, self._call("POST", f"/v1/handoffs/{quote_segment(handoff_id)}/complete",
                                        body=_body(body, fields)))

    # -- interpret ----------------------------------------------------------------------------------------------

    def interpret(self, body: Optional[JsonObject] = None, /, **fields: Any) -> InterpretResult:
        return cast(InterpretResult, self._call("POST", "/v1/interpret", body=_body(body, fields)))

    # -- escalations --------------------------------------------------------------------------------------------

    def create_escalation(self, body: Optional[JsonObject] = None, /, **fields: Any) -> Escalation:
        return cast(Escalation, self._call("POST", "/v1/escalations", body=_body(body, fields)))

    escalate = create_escalation

    def list_escalations(self, *, status: Optional[str] = None, priority: Optional[str] = None,
                         assigned_to: Optional[str] = None, limit: Optional[int] = None) -> Paginator[Escalation]:
        return self._list("/v1/escalations", limit, {"status": status, "priority": priority,
                                                     "assigned_to": assigned_to})

    def get_escalation(self, escalation_id: str, /) -> Escalation:
        return cast(Escalation, self._call("GET", f"/v1/escalations/{quote_segment(escalation_id)}"))

    def claim_escalation(self, escalation_id: str, body: Optional[JsonObject] = None, /, **fields: Any) -> Escalation:
        return cast(Escalation, self._call("POST", f"/v1/escalations/{quote_segment(escalation_id)}/claim",
                                           body=_body(body, fields)))

    def resolve_escalation(self, escalation_id: str, body: Optional[JsonObject] = None, /, **fields: Any) -> Escalation:
        return cast(Escalation, self._call("POST", f"/v1/escalations/{quote_segment(escalation_id)}/resolve",
                                           body=_body(body, fields)))

    def dismiss_escalation(self, escalation_id: str, body: Optional[JsonObject] = None, /, **fields: Any) -> Escalation:
        return cast(Escalation, self._call("POST", f"/v1/escalations/{quote_segment(escalation_id)}/dismiss",
                                           body=_body(body, fields)))

    # -- audit, usage, limits -----------------------------------------------------------------------------------

    def list_audit_entries(self, *, actor_key_id: Optional[str] = None, actor_agent_id: Optional[str] = None,
                           action: Optional[str] = None, resource_type: Optional[str] = None,
                           resource_id: Optional[str] = None, from_: Optional[str] = None,
                           to: Optional[str] = None, limit: Optional[int] = None) -> Paginator[AuditEntry]:
        return self._list("/v1/audit", limit, {"actor_key_id": actor_key_id, "actor_agent_id": actor_agent_id,
                                               "action": action, "resource_type": resource_type,
                                               "resource_id": resource_id, "from_": from_, "to": to})

    audit = list_audit_entries

    def verify_audit_chain(self) -> AuditChainVerification:
        return cast(AuditChainVerification, self._call("GET", "/v1/audit/verify"))

    def get_usage(self, *, from_: Optional[str] = None, to: Optional[str] = None) -> UsageReport:
        return cast(UsageReport, self._call("GET", "/v1/usage", query=_query({"from_": from_, "to": to})))

    usage = get_usage

    def get_limits(self) -> Limits:
        return cast(Limits, self._call("GET", "/v1/limits"))

    def set_limits(self, body: Optional[JsonObject] = None, /, **fields: Any) -> Limits:
        return cast(Limits, self._call("PUT", "/v1/limits", body=_body(body, fields)))

    # -- tasks --------------------------------------------------------------------------------------------------

    def claim_task(self, *, agent_id: Optional[str] = None, capabilities: Optional[List[str]] = None,
                   wait_seconds: Optional[int] = None, lease_seconds: Optional[int] = None) -> Optional[Task]:
        """Claims an offered task, long-polling up to `wait_seconds` (0..30); None when none came."""
        body = _body(None, {"agent_id": agent_id, "capabilities": capabilities, "wait_seconds": wait_seconds,
                            "lease_seconds": lease_seconds})
        timeout = max(self._http.timeout, (wait_seconds or 0) + 15.0)
        return cast(Optional[Task], self._call("POST", "/v1/tasks/claim", body=body, timeout=timeout))

    def list_tasks(self, *, status: Optional[str] = None, capability: Optional[str] = None,
                   execution_id: Optional[str] = None, limit: Optional[int] = None) -> Paginator[Task]:
        return self._list("/v1/tasks", limit, {"status": status, "capability": capability,
                                               "execution_id": execution_id})

    def get_task(self, task_id: str, /) -> Task:
        return cast(Task, self._call("GET", f"/v1/tasks/{quote_segment(task_id)}"))

    def heartbeat_task(self, task_id: str, /, *, lease_seconds: Optional[int] = None) -> Task:
        return cast(Task, self._call("POST", f"/v1/tasks/{quote_segment(task_id)}/heartbeat",
                                     body=_body(None, {"lease_seconds": lease_seconds})))

    def complete_task(self, task_id: str, /, output: Any = None) -> Task:
        return cast(Task, self._call("POST", f"/v1/tasks/{quote_segment(task_id)}/complete",
                                     body={"output": output}))

    def fail_task(self, task_id: str, body: Optional[JsonObject] = None, /, **fields: Any) -> Task:
        return cast(Task, self._call("POST", f"/v1/tasks/{quote_segment(task_id)}/fail", body=_body(body, fields)))

    # -- secrets ------------------------------------------------------------------------------------------------

    def list_secrets(self) -> SecretList:
        return cast(SecretList, self._call("GET", "/v1/secrets"))

    def put_secret(self, name: str, /, value: str) -> Secret:
        return cast(Secret, self._call("PUT", f"/v1/secrets/{quote_segment(name)}", body={"value": value}))

    def delete_secret(self, name: str, /) -> None:
        self._call("DELETE", f"/v1/secrets/{quote_segment(name)}")
