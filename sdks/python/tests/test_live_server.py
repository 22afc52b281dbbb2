"""The SDK against a real AgentPlane server started from agentplane-cli/target/agentplane.jar.

Build the jar first: `JAVA_HOME=... mvn -q -o -DskipTests package` at the repository root. JAVA_HOME (else the
`java` on PATH) runs it; AGENTPLANE_JAR overrides the jar's path. The server inherits the environment, so with
AGENTPLANE_DATABASE_URL (and _USER, _PASSWORD) it runs on that database, which may be shared with other servers and
earlier runs: the tests work in an organization of their own, created for the run, and name everything uniquely.
On a database that already has its first organization, AGENTPLANE_BOOTSTRAP_ADMIN_KEY must be the admin key it
was created with (the tests need the instance admin to create their organization).

Every request the SDK makes is matched to its operation of openapi.yaml and its answer checked against the
method's return type (the TypedDicts of agentplane.types); the last test asserts every operation was called.
"""
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import typing
import unittest
import urllib.request
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "src"))
sys.path.insert(0, HERE)

import agentplane  # noqa: E402
from agentplane import (AgentPlane, BadRequest, Conflict, NotFound, PreconditionFailed, RateLimited,  # noqa: E402
                        Unauthorized, _websocket)
from agentplane._http import Transport  # noqa: E402
from agentplane.client import Paginator  # noqa: E402
import openapi_spec  # noqa: E402

ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
JAR = os.environ.get("AGENTPLANE_JAR", os.path.join(ROOT, "agentplane-cli", "target", "agentplane.jar"))
INSTANCE_ADMIN_KEY = os.environ.get("AGENTPLANE_BOOTSTRAP_ADMIN_KEY") or "sdk-python-admin-" + uuid.uuid4().hex
RUN = uuid.uuid4().hex[:8]
SERVER = {}
CALLED = set()


def named(what):
    """A name no other run (on a shared database) uses."""
    return f"sdk-py-{RUN}-{what}"


def unique(what):
    return f"{what}-{uuid.uuid4().hex[:10]}"


def quick_workflow(name, greeting="hello"):
    return f"""
name: {name}
steps:
  - id: greet
    type: set
    values: {{greeting: "{greeting} ${{{{ inputs.who }}}}"}}
outputs:
  greeting: "${{{{ steps.greet.output.greeting }}}}"
"""


def task_workflow(name, capability):
    return f"""
name: {name}
steps:
  - id: research
    type: task
    capability: {capability}
    input: {{topic: "${{{{ inputs.topic }}}}"}}
    timeout: 1h
outputs:
  findings: "${{{{ steps.research.output.findings }}}}"
"""


# -- the server --------------------------------------------------------------------------------------------------

def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def setUpModule():
    if not os.path.exists(JAR):
        raise RuntimeError(f"{JAR} is missing: build it with `mvn -q -o -DskipTests package` at {ROOT}")
    java_home = os.environ.get("JAVA_HOME")
    java = os.path.join(java_home, "bin", "java") if java_home else "java"
    port = _free_port()
    data_dir = tempfile.mkdtemp(prefix="agentplane-sdk-py-")
    log = open(os.path.join(data_dir, "server.log"), "wb")
    env = dict(os.environ, AGENTPLANE_BOOTSTRAP_ADMIN_KEY=INSTANCE_ADMIN_KEY)
    process = subprocess.Popen([java, "-jar", JAR, "server", "--port", str(port), "--data-dir", data_dir],
                               stdout=log, stderr=subprocess.STDOUT, env=env)
    SERVER.update(process=process, data_dir=data_dir, log=log, url=f"http://127.0.0.1:{port}")
    try:
        _await_server_and_create_the_org()
    except BaseException:
        tearDownModule(show_log=True)
        raise


def _await_server_and_create_the_org():
    process = SERVER["process"]
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(SERVER["url"] + "/health/ready", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            time.sleep(0.3)
    else:
        raise RuntimeError("the server did not become ready (its log is above)")
    _record_calls()
    try:
        created = instance_admin().create_org(name=named("org"))
    except Unauthorized:
        raise RuntimeError("the database already has its first organization, created with another admin key: set "
                           "AGENTPLANE_BOOTSTRAP_ADMIN_KEY to that key") from None
    SERVER.update(org=created["org"], org_admin_key=created["admin_key"]["key"])


def tearDownModule(show_log=False):
    process = SERVER.get("process")
    if process and process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
    if SERVER.get("log"):
        SERVER["log"].close()
        if show_log or os.environ.get("SDK_TEST_VERBOSE"):
            with open(os.path.join(SERVER["data_dir"], "server.log"), encoding="utf-8", errors="replace") as f:
                sys.stderr.write(f.read()[-5000:])
    shutil.rmtree(SERVER.get("data_dir", ""), ignore_errors=True)


def instance_admin():
    """The bootstrap admin key: an admin of the instance admin organization (may manage organizations)."""
    return AgentPlane(SERVER["url"], INSTANCE_ADMIN_KEY)


def admin():
    """An admin of this run's own organization: everything else happens there."""
    return AgentPlane(SERVER["url"], SERVER["org_admin_key"])


# -- which operations were called, and whether their answers have the declared shape ------------------------------

def _routes():
    routes = []
    for method, path, operation_id in openapi_spec.operations():
        pattern = re.compile("^" + re.sub(r"\{[^}]+\}", "[^/]+", path) + "$")
        routes.append((path.count("{"), method, pattern, operation_id))
    # literal segments win over parameters: /v1/tasks/claim before /v1/tasks/{task_id}
    return sorted(routes, key=lambda route: route[0])


def operation_of(method, path, routes=None):
    for _, route_method, pattern, operation_id in routes or _routes():
        if route_method == method and pattern.match(path.split("?")[0]):
            return operation_id
    raise AssertionError(f"{method} {path} is no operation of openapi.yaml")


def _method_name(operation_id):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", operation_id).lower()


def _record_calls():
    routes = _routes()
    original_open, original_request, original_messages = Transport.open, Transport.request, _websocket.messages

    def open_and_record(self, method, path, **kwargs):
        response = original_open(self, method, path, **kwargs)
        CALLED.add(operation_of(method, path, routes))
        return response

    def request_and_check(self, method, path, **kwargs):
        status, headers, body = original_request(self, method, path, **kwargs)
        check_answer(operation_of(method, path, routes), body)
        return status, headers, body

    def messages_and_record(*args, **kwargs):
        for message in original_messages(*args, **kwargs):
            CALLED.add("streamEvents")
            check_shape(json.loads(message), agentplane.types.StreamedEvent, "streamEvents")
            yield message

    Transport.open, Transport.request, _websocket.messages = open_and_record, request_and_check, messages_and_record


def check_answer(operation_id, body):
    hint = typing.get_type_hints(getattr(AgentPlane, _method_name(operation_id))).get("return")
    if typing.get_origin(hint) is Paginator:
        item = typing.get_args(hint)[0]
        check_shape(body, typing.Dict[str, typing.Any], operation_id)
        if set(body) != {"items", "next_cursor"}:
            raise AssertionError(f"{operation_id}: a page has items and next_cursor, not {sorted(body)}")
        for index, value in enumerate(body["items"]):
            check_shape(value, item, f"{operation_id}.items[{index}]")
    elif operation_id == "listExecutionEvents" and isinstance(body, str):
        return  # the Server-Sent Events form is checked event by event by the SSE tests
    elif hint is not None:
        check_shape(body, hint, operation_id)


def check_shape(value, hint, where):
    """Raises AssertionError when `value` (decoded JSON) does not have the shape of type `hint`."""
    if hint is typing.Any or hint is None:
        return
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is typing.Union:
        errors = []
        for alternative in args:
            try:
                return check_shape(value, alternative, where)
            except AssertionError as error:
                errors.append(str(error))
        raise AssertionError(" or ".join(errors))
    if hint is type(None):
        if value is not None:
            raise AssertionError(f"{where}: expected null, got {value!r}"[:300])
        return
    if isinstance(hint, type) and issubclass(hint, dict) and hasattr(hint, "__required_keys__"):
        if not isinstance(value, dict):
            raise AssertionError(f"{where}: expected a {hint.__name__} object, got {value!r}"[:300])
        missing = hint.__required_keys__ - value.keys()
        unknown = value.keys() - hint.__required_keys__ - hint.__optional_keys__
        if missing or unknown:
            raise AssertionError(f"{where}: {hint.__name__} is missing {sorted(missing)}, "
                                 f"has unknown {sorted(unknown)}")
        fields = typing.get_type_hints(hint)
        for key, field_value in value.items():
            check_shape(field_value, fields[key], f"{where}.{key}")
        return
    if origin in (list, typing.List):
        if not isinstance(value, list):
            raise AssertionError(f"{where}: expected a list, got {value!r}"[:300])
        for index, item in enumerate(value):
            check_shape(item, args[0] if args else typing.Any, f"{where}[{index}]")
        return
    if origin in (dict, typing.Dict):
        if not isinstance(value, dict):
            raise AssertionError(f"{where}: expected an object, got {value!r}"[:300])
        return
    expected = {float: (int, float), int: (int,), bool: (bool,), str: (str,)}.get(hint)
    if expected and (not isinstance(value, expected) or (hint is not bool and isinstance(value, bool))):
        raise AssertionError(f"{where}: expected {hint.__name__}, got {value!r}"[:300])


# -- a proxy that drops a connection, for the SSE reconnect ------------------------------------------------------

class CuttingProxy:
    """Relays HTTP to the server; the first response is cut right after its first Server-Sent Event."""

    def __init__(self, upstream_port):
        self.upstream_port = upstream_port
        self.requests = []  # the request head of each connection
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def close(self):
        self.listener.close()

    def _serve(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            self.requests.append(None)
            threading.Thread(target=self._relay, args=(client, len(self.requests) - 1), daemon=True).start()

    def _relay(self, client, index):
        cut = index == 0
        with client, socket.create_connection(("127.0.0.1", self.upstream_port)) as upstream:
            head = b""
            while b"\r\n\r\n" not in head:
                chunk = client.recv(65536)
                if not chunk:
                    return
                head += chunk
            self.requests[index] = head.decode("latin-1")
            upstream.sendall(head)
            received = b""
            while True:
                chunk = upstream.recv(65536)
                if not chunk:
                    return
                if not cut:
                    client.sendall(chunk)
                    continue
                received += chunk
                body_start = received.find(b"\r\n\r\n")
                event_end = received.find(b"\n\n", body_start + 4) if body_start >= 0 else -1
                if event_end >= 0:
                    client.sendall(received[:event_end + 2])
                    client.shutdown(socket.SHUT_RDWR)  # the drop: mid-response, after one whole event
                    return


class ZeroConfigTest(unittest.TestCase):
    def test_the_url_and_key_come_from_the_environment(self):
        saved = {k: os.environ.get(k) for k in ("AGENTPLANE_URL", "AGENTPLANE_API_KEY")}
        os.environ.update(AGENTPLANE_URL=SERVER["url"], AGENTPLANE_API_KEY=SERVER["org_admin_key"])
        try:
            client = AgentPlane()
            self.assertEqual("ready", client.get_readiness()["status"])
            self.assertIsInstance(client.list_agents(limit=1).page().items, list)
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v


class HealthAndSchemasTest(unittest.TestCase):
    def test_health_readiness_and_schemas(self):
        client = admin()
        self.assertIn("status", client.get_health())
        self.assertEqual("ready", client.get_readiness()["status"])
        self.assertIsInstance(client.get_workflow_schema(), dict)
        self.assertIsInstance(client.get_team_schema(), dict)


class AgentsTest(unittest.TestCase):
    def test_register_list_paginate_update_heartbeat_deactivate(self):
        client = admin()
        capability = unique("cap")
        ids = [client.create_agent(name=unique("agent"), framework="python", capabilities=[capability])["id"]
               for _ in range(3)]
        pages = list(client.list_agents(capability=capability, limit=2).pages())
        self.assertEqual([2, 1], [len(p.items) for p in pages])
        self.assertIsNone(pages[-1].next_cursor)
        self.assertEqual(sorted(ids), sorted(a["id"] for a in client.list_agents(capability=capability, limit=2)))
        self.assertEqual(ids[0], client.get_agent(ids[0])["id"])
        self.assertEqual("changed", client.update_agent(ids[0], description="changed")["description"])
        client.heartbeat_agent(ids[0])
        self.assertEqual("inactive", client.deactivate_agent(ids[1])["status"])

    def test_a_body_field_named_like_the_path_parameter_goes_in_the_body(self):
        client = admin()
        agent = client.create_agent(name=unique("agent"))
        with self.assertRaises(BadRequest) as caught:  # agent_id is no field of an agent update: the server says so
            client.update_agent(agent["id"], agent_id="other")
        self.assertIn("agent_id", json.dumps([e.pointer for e in caught.exception.errors]))


class ErrorsTest(unittest.TestCase):
    def test_a_bad_body_is_a_bad_request_with_pointer_and_fix(self):
        with self.assertRaises(BadRequest) as caught:
            admin().create_agent({"capabilities": "not-a-list"})
        error = caught.exception
        self.assertEqual(400, error.status)
        self.assertTrue(error.title)
        self.assertTrue(error.errors)
        self.assertTrue(all(e.pointer or e.parameter for e in error.errors))
        self.assertTrue(any(e.fix for e in error.errors))

    def test_an_unknown_id_is_not_found(self):
        with self.assertRaises(NotFound) as caught:
            admin().get_agent(str(uuid.uuid4()))
        self.assertEqual(404, caught.exception.status)
        self.assertEqual("application/problem+json",
                         caught.exception.headers.get("Content-Type", "").split(";")[0])

    def test_a_wrong_key_is_unauthorized(self):
        with self.assertRaises(Unauthorized):
            AgentPlane(SERVER["url"], "ap_nope_nope").list_agents().page()

    def test_rate_limited_after_retries_carries_retry_after(self):
        client = admin()
        key = client.create_api_key(name=unique("limited"), role="viewer", rate_limit_per_minute=1)["key"]
        limited = AgentPlane(SERVER["url"], key, max_retries=1, max_retry_wait=0.0)
        with self.assertRaises(RateLimited) as caught:
            for _ in range(5):
                limited.list_agents(limit=1).page()
        self.assertEqual(429, caught.exception.status)
        self.assertIn("Retry-After", caught.exception.headers)


class StateTest(unittest.TestCase):
    def test_save_load_conditional_writes_list_and_delete(self):
        client = admin()
        namespace = unique("ns")
        first = client.save_state(namespace, "inv-1", {"total": 1}, ttl_seconds=3600)
        self.assertEqual(1, first["version"])
        second = client.save_state(namespace, "inv-1", {"total": 2}, if_match=1)
        self.assertEqual(2, second["version"])
        with self.assertRaises(PreconditionFailed):
            client.save_state(namespace, "inv-1", {"total": 3}, if_match=1)
        with self.assertRaises(PreconditionFailed):
            client.save_state(namespace, "inv-1", {"total": 3}, if_none_match="*")
        self.assertEqual({"total": 2}, client.load_state(namespace, "inv-1")["value"])
        self.assertIsNone(client.load_state(namespace, "absent"))
        client.put_state(namespace, "inv-2", None)
        self.assertEqual(["inv-1", "inv-2"], sorted(k["key"] for k in client.list_state_keys(namespace,
                                                                                             prefix="inv-")))
        client.delete_state(namespace, "inv-1", if_match=2)
        with self.assertRaises(NotFound):
            client.get_state(namespace, "inv-1")


class ExecutionsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.workflow = named("quick")
        admin().create_workflow(quick_workflow(cls.workflow))

    def test_idempotent_start_wait_and_inspect(self):
        client = admin()
        key = unique("idem")
        started = client.start_execution(self.workflow, {"who": "sdk"}, idempotency_key=key)
        again = client.start_execution(self.workflow, {"who": "sdk"}, idempotency_key=key)
        self.assertEqual(started["id"], again["id"])
        done = client.wait_for_execution(started["id"], timeout=30)
        self.assertEqual("completed", done["status"])
        self.assertEqual({"greeting": "hello sdk"}, done["output"])
        self.assertIn(started["id"], [e["id"] for e in client.list_executions(workflow=self.workflow, limit=50)])
        self.assertEqual(["greet"], [s["step_id"] for s in client.list_execution_steps(started["id"])["items"]])
        types = [e["type"] for e in client.list_execution_events(started["id"], limit=1)]
        self.assertEqual("execution.started", types[0])
        self.assertEqual("execution.completed", types[-1])
        observed = client.observe_executions(workflow=self.workflow, limit=5)
        self.assertGreaterEqual(observed["stats"]["total"], 1)
        self.assertIn(self.workflow, [w["name"] for w in client.list_workflows(name_prefix=named(""))])

    def test_stream_execution_ends_with_the_last_event_and_resumes_after_an_id(self):
        client = admin()
        run = client.start_execution(self.workflow, {"who": "stream"})
        events = list(client.stream_execution(run["id"]))
        self.assertEqual("execution.completed", events[-1].event)
        self.assertEqual([str(i) for i in range(1, len(events) + 1)], [e.id for e in events])
        self.assertEqual(run["id"], events[0].data["execution_id"])
        for event in events:
            check_shape(event.data, agentplane.types.Event, "listExecutionEvents (SSE)")
        resumed = list(client.stream_execution(run["id"], last_event_id=events[0].id))
        self.assertEqual([e.id for e in events[1:]], [e.id for e in resumed])

    def test_stream_events_over_the_websocket_replays_an_execution(self):
        client = admin()
        run = client.start_execution(self.workflow, {"who": "ws"})
        client.wait_for_execution(run["id"], timeout=30)
        seen = []
        for event in client.stream_events(execution_id=run["id"], after="0", read_timeout=20):
            seen.append(event["type"])
            if event["type"] == "execution.completed":
                break
        self.assertEqual("execution.started", seen[0])
        self.assertEqual("execution.completed", seen[-1])

    def test_events_recorded_by_an_agent_count_on_the_execution(self):
        client = admin()
        run = client.start_execution(self.workflow, {"who": "events"})
        client.wait_for_execution(run["id"], timeout=30)
        event = client.create_event(execution_id=run["id"], type="agent.note", message="hi")
        self.assertEqual("agent.note", event["type"])
        on_run = client.create_execution_event(run["id"], type="agent.llm_call", tokens_in=10, tokens_out=5,
                                               cost_usd=0.01)
        self.assertEqual(run["id"], on_run["execution_id"])
        self.assertIn(on_run["id"], [e["id"] for e in client.list_execution_events(run["id"])])


class StreamReconnectTest(unittest.TestCase):
    def test_a_dropped_event_stream_resumes_with_last_event_id_and_misses_nothing(self):
        client = admin()
        capability = named("reconnect")
        workflow = named("reconnect")
        client.create_workflow(task_workflow(workflow, capability))
        worker = client.create_agent(name=unique("worker"), capabilities=[capability])["id"]
        run = client.start_execution(workflow, {"topic": "drop"})
        proxy = CuttingProxy(int(SERVER["url"].rsplit(":", 1)[1]))
        self.addCleanup(proxy.close)
        via_proxy = AgentPlane(f"http://127.0.0.1:{proxy.port}", SERVER["org_admin_key"])
        events = []
        for event in via_proxy.stream_execution(run["id"], read_timeout=30):
            events.append(event)
            if len(events) == 1:  # the connection is cut now; the run goes on while the client reconnects
                task = client.claim_task(agent_id=worker, capabilities=[capability], wait_seconds=10)
                client.complete_task(task["id"], {"findings": ["after the drop"]})
        self.assertGreaterEqual(len(proxy.requests), 2)
        self.assertNotIn("last-event-id", proxy.requests[0].lower())
        self.assertIn("last-event-id: 1\r\n", proxy.requests[1].lower())
        self.assertEqual([str(i) for i in range(1, len(events) + 1)], [e.id for e in events])
        self.assertEqual("execution.completed", events[-1].event)


class ExecutionControlTest(unittest.TestCase):
    """Pause, resume, complete, fail, retry and replay: each run waits on a task of this test's own capability."""

    @classmethod
    def setUpClass(cls):
        cls.capability = named("control")
        cls.workflow = named("control")
        client = admin()
        client.create_workflow(task_workflow(cls.workflow, cls.capability))
        cls.worker = client.create_agent(name=unique("worker"), capabilities=[cls.capability])["id"]

    def claim(self, execution_id):
        client = admin()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            task = client.claim_task(agent_id=self.worker, capabilities=[self.capability], wait_seconds=5)
            if task and task["execution_id"] == execution_id:
                return task
            if task:  # a task of an earlier run of this class that an API call ended meanwhile
                client.fail_task(task["id"], error="not this test's run", retryable=False)
        self.fail(f"no task of {execution_id} came")

    def test_pause_resume_and_complete_from_outside(self):
        client = admin()
        run = client.start_execution(self.workflow, {"topic": "pause"})
        self.assertEqual("paused", client.pause_execution(run["id"])["status"])
        with self.assertRaises(Conflict) as caught:
            client.pause_execution(run["id"])
        self.assertEqual("paused", caught.exception.current_status)
        self.assertEqual("running", client.resume_execution(run["id"])["status"])
        completed = client.complete_execution(run["id"], output={"by": "api"}, tokens_in=3)
        self.assertEqual(("completed", {"by": "api"}, 3), (completed["status"], completed["output"],
                                                           completed["tokens_in"]))

    def test_fail_from_outside_then_replay_as_a_new_execution(self):
        client = admin()
        run = client.start_execution(self.workflow, {"topic": "fail"})
        self.assertEqual("failed", client.fail_execution(run["id"], error="gave up")["status"])
        letter = next(d for d in client.list_dead_letters(limit=100) if d["execution"]["id"] == run["id"])
        self.assertIsNone(letter["failed_step"])
        with self.assertRaises(Conflict):
            client.retry_execution(run["id"])  # it did not fail in a step
        replayed = client.replay_execution(run["id"])
        self.assertNotEqual(run["id"], replayed["id"])
        self.assertEqual({"topic": "fail"}, replayed["input"])
        self.assertEqual("cancelled", client.cancel_execution(replayed["id"], reason="done")["status"])

    def test_retry_a_run_that_failed_in_its_task_step(self):
        client = admin()
        run = client.start_execution(self.workflow, {"topic": "retry"})
        task = self.claim(run["id"])
        client.fail_task(task["id"], error="cannot do it", retryable=False)
        self.assertEqual("failed", client.wait_for_execution(run["id"], timeout=30)["status"])
        letter = next(d for d in client.list_dead_letters() if d["execution"]["id"] == run["id"])
        self.assertEqual("research", letter["failed_step"]["step_id"])
        self.assertEqual("running", client.retry_execution(run["id"])["status"])
        again = self.claim(run["id"])
        self.assertNotEqual(task["id"], again["id"])
        self.assertIn(again["id"], [t["id"] for t in client.list_tasks(execution_id=run["id"], status="claimed")])
        client.complete_task(again["id"], {"findings": ["second try"]})
        self.assertEqual({"findings": ["second try"]}, client.wait_for_execution(run["id"], timeout=30)["output"])


class TasksTest(unittest.TestCase):
    def test_claim_heartbeat_and_complete_a_task_step(self):
        client = admin()
        capability = named("research")
        workflow = named("task")
        client.create_workflow(task_workflow(workflow, capability))
        worker = client.create_agent(name=unique("researcher"), capabilities=[capability])["id"]
        self.assertIsNone(client.claim_task(agent_id=worker, capabilities=[capability], wait_seconds=0))
        run = client.start_execution(workflow, {"topic": "contracts"})
        task = client.claim_task(agent_id=worker, capabilities=[capability], wait_seconds=10)
        self.assertIsNotNone(task)
        self.assertEqual({"topic": "contracts"}, task["input"])
        client.heartbeat_task(task["id"], lease_seconds=60)
        self.assertEqual(task["id"], client.get_task(task["id"])["id"])
        client.complete_task(task["id"], {"findings": ["ok"]})
        done = client.wait_for_execution(run["id"], timeout=30)
        self.assertEqual({"findings": ["ok"]}, done["output"])

    def test_a_failed_task_fails_its_run_and_a_cancelled_run_ends(self):
        client = admin()
        capability = named("other")
        workflow = named("task-2")
        client.create_workflow(task_workflow(workflow, capability))
        worker = client.create_agent(name=unique("worker"), capabilities=[capability])["id"]
        run = client.start_execution(workflow, {"topic": "x"})
        task = client.claim_task(agent_id=worker, capabilities=[capability], wait_seconds=10)
        self.assertEqual("failed", client.fail_task(task["id"], error="cannot do it", retryable=False)["status"])
        self.assertEqual("failed", client.wait_for_execution(run["id"], timeout=30)["status"])
        run2 = client.start_execution(workflow, {"topic": "y"})
        self.assertEqual("cancelled", client.cancel_execution(run2["id"])["status"])


class HandoffsEscalationsInterpretTest(unittest.TestCase):
    def test_handoff_lifecycle(self):
        client = admin()
        source = client.create_agent(name=unique("from"))["id"]
        target = client.create_agent(name=unique("to"))["id"]
        handoff = client.create_handoff(from_agent_id=source, to_agent_id=target, context={"doc": 1},
                                        reason="needs review")
        self.assertEqual("accepted", client.accept_handoff(handoff["id"], agent_id=target)["status"])
        self.assertEqual("completed", client.complete_handoff(handoff["id"], result={"ok": True})["status"])
        self.assertEqual({"ok": True}, client.get_handoff(handoff["id"])["result"])
        self.assertIn(handoff["id"], [h["id"] for h in client.list_handoffs(from_agent_id=source)])
        other = client.create_handoff(from_agent_id=source, to_agent_id=target)
        self.assertEqual("rejected", client.reject_handoff(other["id"], reason="busy")["status"])

    def test_escalate_claim_and_resolve(self):
        client = admin()
        escalation = client.escalate(reason="Vendor unknown", priority="high", context={"invoice": "inv-42"})
        self.assertEqual(escalation["id"], client.get_escalation(escalation["id"])["id"])
        claimed = client.claim_escalation(escalation["id"], assigned_to="alice")
        self.assertEqual(("in_progress", "alice"), (claimed["status"], claimed["assigned_to"]))
        with self.assertRaises(Conflict):
            client.claim_escalation(escalation["id"])
        resolved = client.resolve_escalation(escalation["id"], resolution={"vendor": "ACME"}, resolved_by="alice")
        self.assertEqual("resolved", resolved["status"])
        dismissed = client.dismiss_escalation(client.escalate(reason="noise")["id"], reason="duplicate")
        self.assertEqual("dismissed", dismissed["status"])
        self.assertIn(escalation["id"], [e["id"] for e in client.list_escalations(assigned_to="alice")])

    def test_interpret_without_a_model(self):
        answer = admin().interpret(data="John Smith, email: John@Acme.com, he is 32",
                                   schema={"name": "string", "email": "email", "age": "integer"})
        self.assertEqual("john@acme.com", answer["data"]["email"])


class KeysSigningAuditUsageTest(unittest.TestCase):
    def test_a_signed_key_works_only_with_its_signing_secret(self):
        client = admin()
        created = client.create_api_key(name=unique("signed"), role="developer", signed=True)
        self.assertTrue(created["signing_secret"].startswith("aps_"))
        signed = AgentPlane(SERVER["url"], created["key"], signing_secret=created["signing_secret"])
        namespace = unique("signed")
        signed.save_state(namespace, "k:x@y", {"a": 1})
        self.assertEqual({"a": 1}, signed.load_state(namespace, "k:x@y")["value"])
        self.assertEqual(["k:x@y"], [k["key"] for k in signed.list_state_keys(namespace, prefix="k:")])
        with self.assertRaises(Unauthorized):
            AgentPlane(SERVER["url"], created["key"], signing_secret="").list_agents().page()
        rotated = client.rotate_api_key(created["id"])
        self.assertTrue(rotated["key"])
        self.assertIsNotNone(client.revoke_api_key(rotated["id"])["revoked_at"])
        self.assertTrue(any(k["id"] == created["id"] for k in client.list_api_keys()))

    def test_audit_usage_and_templates(self):
        client = admin()
        self.assertTrue(client.list_audit_entries(limit=5).page().items)
        self.assertTrue(client.verify_audit_chain()["valid"])
        self.assertIn("totals", client.get_usage())
        templates = client.list_templates().to_list()
        self.assertTrue(templates)
        self.assertEqual(templates[0]["name"], client.get_template(templates[0]["name"])["name"])


class WorkflowsAndSchedulesTest(unittest.TestCase):
    def test_versions_rollout_compare_and_deactivate(self):
        client = admin()
        name = named("versioned")
        self.assertEqual(1, client.create_workflow(quick_workflow(name))["version"])
        self.assertEqual(2, client.create_workflow(quick_workflow(name, "hi"))["version"])
        self.assertEqual([2, 1], [v["version"] for v in client.list_workflow_versions(name)])
        self.assertEqual(1, client.get_workflow_version(name, 1)["version"])
        self.assertEqual(2, client.get_workflow(name)["version"])
        rollout = client.set_workflow_rollout(name, versions=[{"version": 1, "weight": 1}, {"version": 2, "weight": 0}])
        self.assertEqual([1, 2], [share["version"] for share in rollout["versions"]])
        self.assertEqual(rollout["versions"], client.get_workflow_rollout(name)["versions"])
        run = client.start_execution(name, {"who": "rollout"}, routing_key="customer-1")
        self.assertEqual(1, run["workflow_version"])
        client.wait_for_execution(run["id"], timeout=30)
        compared = client.compare_workflow_versions(name)
        self.assertEqual(1, next(i for i in compared["items"] if i["version"] == 1)["stats"]["total"])
        client.delete_workflow_rollout(name)
        with self.assertRaises(NotFound):
            client.get_workflow_rollout(name)
        self.assertFalse(client.deactivate_workflow_version(name, 1)["active"])
        with self.assertRaises(Conflict):
            client.start_execution(name, {"who": "pinned"}, version=1)

    def test_schedules(self):
        client = admin()
        workflow = named("scheduled")
        client.create_workflow(quick_workflow(workflow))
        schedule = client.create_schedule(name=unique("nightly"), workflow=workflow, cron="0 3 * * *",
                                          input={"who": "cron"})
        self.assertTrue(client.pause_schedule(schedule["id"])["paused"])
        self.assertFalse(client.resume_schedule(schedule["id"])["paused"])
        updated = client.update_schedule(schedule["id"], cron="30 4 * * *", timezone="Europe/Paris")
        self.assertEqual(("30 4 * * *", "Europe/Paris"), (updated["cron"], updated["timezone"]))
        self.assertEqual([], client.list_schedule_fires(schedule["id"]).to_list())
        self.assertEqual([schedule["id"]], [s["id"] for s in client.list_schedules(workflow=workflow)])
        self.assertEqual("30 4 * * *", client.get_schedule(schedule["id"])["cron"])
        client.delete_schedule(schedule["id"])
        with self.assertRaises(NotFound):
            client.get_schedule(schedule["id"])

    def test_templates_and_secrets(self):
        client = admin()
        made = client.instantiate_template("human_in_loop", name=named("approval"))
        self.assertEqual((named("approval"), 1), (made["name"], made["version"]))
        self.assertEqual("SDK_TOKEN", client.put_secret("SDK_TOKEN", "s3cret")["name"])
        self.assertIn("SDK_TOKEN", [s["name"] for s in client.list_secrets()["items"]])
        client.delete_secret("SDK_TOKEN")
        self.assertNotIn("SDK_TOKEN", [s["name"] for s in client.list_secrets()["items"]])


class OrgsAndLimitsTest(unittest.TestCase):
    def test_the_instance_admin_manages_orgs_and_quotas_and_an_org_admin_its_limits(self):
        root = instance_admin()
        created = root.create_org(name=named("tenant"))
        org_id = created["org"]["id"]
        self.assertEqual("active", root.get_org(org_id)["status"])
        self.assertIn(org_id, [o["id"] for o in root.list_orgs()])
        quota = root.set_org_quota(org_id, monthly_executions=1000, rate_limits_per_minute={"viewer": 100})
        self.assertEqual(1000, quota["quota"]["monthly_executions"])
        self.assertEqual(1000, root.get_org_quota(org_id)["quota"]["monthly_executions"])
        tenant = AgentPlane(SERVER["url"], created["admin_key"]["key"])
        limits = tenant.set_limits(monthly_executions=5000, monthly_cost_usd=12.5)
        self.assertEqual((5000, 1000), (limits["limits"]["monthly_executions"],
                                        limits["effective"]["monthly_executions"]))
        self.assertEqual(12.5, tenant.get_limits()["limits"]["monthly_cost_usd"])
        with self.assertRaises(NotFound):
            tenant.get_org(org_id)  # only the instance admin sees orgs
        self.assertEqual("disabled", root.disable_org(org_id)["status"])
        with self.assertRaises(Unauthorized):
            tenant.get_limits()


class OperationCoverageLiveTest(unittest.TestCase):
    """Runs last (see load_tests): every operation of openapi.yaml was called against the server."""

    def test_every_operation_was_called_by_the_tests_above(self):
        every = {operation_id for _, _, operation_id in openapi_spec.operations()}
        self.assertEqual([], sorted(every - CALLED), "operations no live test called")


def load_tests(loader, tests, pattern):
    """This module's tests, with the operation coverage check last."""
    suite = unittest.TestSuite()
    last = []
    for test in _flatten(tests):
        (last if isinstance(test, OperationCoverageLiveTest) else suite._tests).append(test)
    suite.addTests(last)
    return suite


def _flatten(suite):
    for test in suite:
        if isinstance(test, unittest.TestSuite):
            yield from _flatten(test)
        else:
            yield test


if __name__ == "__main__":
    unittest.main()
