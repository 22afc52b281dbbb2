"""Every operationId of openapi.yaml must have a method on AgentPlane (snake_case of the operationId)."""
import os
import re
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "src"))
sys.path.insert(0, HERE)

from agentplane import AgentPlane  # noqa: E402
import openapi_spec  # noqa: E402


def operation_ids():
    return [operation_id for _, _, operation_id in openapi_spec.operations()]


def method_name(operation_id):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", operation_id).lower()


class OperationCoverageTest(unittest.TestCase):
    def test_openapi_yaml_is_found_and_has_operations(self):
        self.assertGreater(len(set(operation_ids())), 80)

    def test_every_operation_has_a_method(self):
        missing = [f"{op} -> {method_name(op)}" for op in operation_ids()
                   if not callable(getattr(AgentPlane, method_name(op), None))]
        self.assertEqual([], missing, "operations of openapi.yaml without a method on AgentPlane")

    def test_the_readme_surface_exists(self):
        for name in ("interpret", "save_state", "load_state", "escalate", "create_handoff", "accept_handoff",
                     "create_agent", "start_execution", "wait_for_execution", "stream_execution", "claim_task",
                     "complete_task", "list_workflows", "list_audit_entries", "get_usage"):
            self.assertTrue(callable(getattr(AgentPlane, name, None)), name)


if __name__ == "__main__":
    unittest.main()
