"""The SDK against a real AgentPlane server started from agentplane-cli/target/agentplane.jar.

Build the jar first: `JAVA_HOME=... mvn -q -o -DskipTests package` at the repository root. JAVA_HOME (else the
`java` on PATH) runs it; AGENTPLANE_JAR overrides the jar's path.
"""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "src"))

import agentplane  # noqa: E402
from agentplane import (AgentPlane, BadRequest, NotFound, PreconditionFailed, RateLimited,  # noqa: E402
                        Unauthorized)

ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
JAR = os.environ.get("AGENTPLANE_JAR", os.path.join(ROOT, "agentplane-cli", "target", "agentplane.jar"))
ADMIN_KEY = "sdk-python-test-admin-key-" + uuid.uuid4().hex
SERVER = {}

QUICK_WORKFLOW = """
name: sdk-quick
steps:
  - id: greet
    type: set
    values: {greeting: "hello ${{ inputs.who }}"}
outputs:
  greeting: "${{ steps.greet.output.greeting }}"
"""

TASK_WORKFLOW = """
name: sdk-task
steps:
  - id: research
    type: task
    capability: sdk-research
    input: {topic: "${{ inputs.topic }}"}
    timeout: 1h
outputs:
  findings: "${{ steps.research.output.findings }}"
"""


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
    env = dict(os.environ, AGENTPLANE_BOOTSTRAP_ADMIN_KEY=ADMIN_KEY)
    process = subprocess.Popen([java, "-jar", JAR, "server", "--port", str(port), "--data-dir", data_dir],
                               stdout=log, stderr=subprocess.STDOUT, env=env)
    SERVER.update(process=process, data_dir=data_dir, log=log, url=f"http://127.0.0.1:{port}")
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            with urllib.request.urlopen(SERVER["url"] + "/health/ready", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    tearDownModule()
    raise RuntimeError("the server did not become ready; see its log above")


def tearDownModule():
    process = SERVER.get("process")
    if process and process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
    if SERVER.get("log"):
        SERVER["log"].close()
        if process and process.returncode not in (0, 143, -15, None) and os.environ.get("SDK_TEST_VERBOSE"):
            with open(os.path.join(SERVER["data_dir"], "server.log"), encoding="utf-8", errors="replace") as f:
                sys.stderr.write(f.read()[-5000:])
    shutil.rmtree(SERVER.get("data_dir", ""), ignore_errors=True)


def admin():
    return AgentPlane(SERVER["url"], ADMIN_KEY)


def unique(prefix):
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


class ZeroConfigTest(unittest.TestCase):
    def test_the_url_and_key_come_from_the_environment(self):
        saved = {k: os.environ.get(k) for k in ("AGENTPLANE_URL", "AGENTPLANE_API_KEY")}
        os.environ.update(AGENTPLANE_URL=SERVER["url"], AGENTPLANE_API_KEY=ADMIN_KEY)
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
        admin().create_workflow(QUICK_WORKFLOW)

    def test_idempotent_start_wait_and_inspect(self):
        client = admin()
        key = unique("idem")
        started = client.start_execution("sdk-quick", {"who": "sdk"}, idempotency_key=key)
        again = client.start_execution("sdk-quick", {"who": "sdk"}, idempotency_key=key)
        self.assertEqual(started["id"], again["id"])
        done = client.wait_for_execution(started["id"], timeout=30)
        self.assertEqual("completed", done["status"])
        self.assertEqual({"greeting": "hello sdk"}, done["output"])
        self.assertIn(started["id"], [e["id"] for e in client.list_executions(workflow="sdk-quick", limit=50)])
        self.assertTrue(client.list_execution_steps(started["id"])["items"])
        types = [e["type"] for e in client.list_execution_events(started["id"], limit=1)]
        self.assertEqual("execution.started", types[0])
        self.assertEqual("execution.completed", types[-1])
        observed = client.observe_executions(workflow="sdk-quick", limit=5)
        self.assertIn("stats", observed)

    def test_stream_execution_ends_with_the_last_event_and_resumes_after_an_id(self):
        client = admin()
        run = client.start_execution("sdk-quick", {"who": "stream"})
        events = list(client.stream_execution(run["id"]))
        self.assertEqual("execution.completed", events[-1].event)
        self.assertEqual([str(i) for i in range(1, len(events) + 1)], [e.id for e in events])
        self.assertEqual(run["id"], events[0].data["execution_id"])
        resumed = list(client.stream_execution(run["id"], last_event_id=events[0].id))
        self.assertEqual([e.id for e in events[1:]], [e.id for e in resumed])

    def test_stream_events_over_the_websocket_replays_an_execution(self):
        client = admin()
        run = client.start_execution("sdk-quick", {"who": "ws"})
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
        run = client.start_execution("sdk-quick", {"who": "events"})
        client.wait_for_execution(run["id"], timeout=30)
        event = client.create_event(execution_id=run["id"], type="agent.note", message="hi")
        self.assertEqual("agent.note", event["type"])


class TasksTest(unittest.TestCase):
    def test_claim_and_complete_a_task_step(self):
        client = admin()
        client.create_workflow(TASK_WORKFLOW)
        worker = client.create_agent(name=unique("researcher"), capabilities=["sdk-research"])["id"]
        self.assertIsNone(client.claim_task(agent_id=worker, capabilities=["sdk-research"], wait_seconds=0))
        run = client.start_execution("sdk-task", {"topic": "contracts"})
        task = client.claim_task(agent_id=worker, capabilities=["sdk-research"], wait_seconds=10)
        self.assertIsNotNone(task)
        self.assertEqual({"topic": "contracts"}, task["input"])
        client.heartbeat_task(task["id"], lease_seconds=60)
        self.assertEqual(task["id"], client.get_task(task["id"])["id"])
        client.complete_task(task["id"], {"findings": ["ok"]})
        done = client.wait_for_execution(run["id"], timeout=30)
        self.assertEqual({"findings": ["ok"]}, done["output"])


class HandoffsEscalationsInterpretTest(unittest.TestCase):
    def test_handoff_lifecycle(self):
        client = admin()
        source = client.create_agent(name=unique("from"))["id"]
        target = client.create_agent(name=unique("to"))["id"]
        handoff = client.create_handoff(from_agent_id=source, to_agent_id=target, context={"doc": 1},
                                        reason="needs review")
        self.assertEqual("accepted", client.accept_handoff(handoff["id"], agent_id=target)["status"])
        self.assertEqual("completed", client.complete_handoff(handoff["id"], result={"ok": True})["status"])
        self.assertIn(handoff["id"], [h["id"] for h in client.list_handoffs(from_agent_id=source)])
        other = client.create_handoff(from_agent_id=source, to_agent_id=target)
        self.assertEqual("rejected", client.reject_handoff(other["id"], reason="busy")["status"])

    def test_escalate_and_resolve(self):
        client = admin()
        escalation = client.escalate(reason="Vendor unknown", priority="high", context={"invoice": "inv-42"})
        self.assertEqual(escalation["id"], client.get_escalation(escalation["id"])["id"])
        resolved = client.resolve_escalation(escalation["id"], resolution={"vendor": "ACME"}, resolved_by="alice")
        self.assertEqual("resolved", resolved["status"])
        dismissed = client.dismiss_escalation(client.escalate(reason="noise")["id"], reason="duplicate")
        self.assertEqual("dismissed", dismissed["status"])
        self.assertTrue(client.list_escalations(status="resolved").to_list(max_items=1))

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
        client.revoke_api_key(rotated["id"])
        self.assertTrue(any(k["id"] == created["id"] for k in client.list_api_keys()))

    def test_audit_usage_limits_templates_secrets(self):
        client = admin()
        self.assertTrue(client.list_audit_entries(limit=5).page().items)
        self.assertIn("valid", json.dumps(client.verify_audit_chain()))
        self.assertIsInstance(client.get_usage(), dict)
        self.assertIsInstance(client.get_limits(), dict)
        self.assertTrue(client.list_templates().to_list())


class MoreResourcesTest(unittest.TestCase):
    def test_workflow_versions_schedules_templates_secrets_orgs(self):
        client = admin()
        client.create_workflow(QUICK_WORKFLOW)
        versions = client.list_workflow_versions("sdk-quick").to_list()
        self.assertTrue(versions)
        self.assertEqual("sdk-quick", client.get_workflow_version("sdk-quick", versions[0]["version"])["name"])
        self.assertEqual("sdk-quick", client.get_workflow("sdk-quick")["name"])
        schedule = client.create_schedule(name=unique("nightly"), workflow="sdk-quick", cron="0 3 * * *",
                                          input={"who": "cron"})
        self.assertTrue(client.pause_schedule(schedule["id"])["paused"])
        self.assertFalse(client.resume_schedule(schedule["id"])["paused"])
        self.assertEqual([], client.list_schedule_fires(schedule["id"]).to_list())
        self.assertIn(schedule["id"], [s["id"] for s in client.list_schedules(workflow="sdk-quick")])
        client.delete_schedule(schedule["id"])
        with self.assertRaises(NotFound):
            client.get_schedule(schedule["id"])
        made = client.instantiate_template("human_in_loop", name=unique("approval"))
        self.assertEqual(1, made["version"])
        client.put_secret("SDK_TOKEN", "s3cret")
        self.assertIn("SDK_TOKEN", json.dumps(client.list_secrets()))
        client.delete_secret("SDK_TOKEN")
        org = client.create_org(name=unique("org"))
        self.assertTrue(org)

    def test_cancel_a_running_execution_and_fail_a_task(self):
        client = admin()
        # its own workflow and capability, so no task of it is left for TasksTest to claim
        client.create_workflow(TASK_WORKFLOW.replace("sdk-task", "sdk-task-2").replace("sdk-research", "sdk-other"))
        worker = client.create_agent(name=unique("worker"), capabilities=["sdk-other"])["id"]
        run = client.start_execution("sdk-task-2", {"topic": "x"})
        task = client.claim_task(agent_id=worker, capabilities=["sdk-other"], wait_seconds=10)
        self.assertIsNotNone(task)
        client.fail_task(task["id"], error="cannot do it")
        run2 = client.start_execution("sdk-task-2", {"topic": "y"})
        self.assertEqual("cancelled", client.cancel_execution(run2["id"])["status"])
        self.assertIn(client.wait_for_execution(run["id"], timeout=30)["status"], ("failed", "completed"))


if __name__ == "__main__":
    unittest.main()
