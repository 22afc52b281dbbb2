"""The response TypedDicts of agentplane.types have exactly the keys of their schemas in openapi.yaml."""
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "src"))
sys.path.insert(0, HERE)

from agentplane import types  # noqa: E402
import openapi_spec  # noqa: E402

# Response shapes written inline in openapi.yaml rather than as components: the live tests check them against
# the server's answers (test_live_server.ResponseShapes).
INLINE = {"UsageMonth", "VersionStats", "VersionComparison", "ExecutionStepList", "DeadLetter", "SecretList"}


def typed_dicts():
    return {name: value for name, value in vars(types).items()
            if isinstance(value, type) and issubclass(value, dict) and hasattr(value, "__required_keys__")
            and not name.startswith("_")}


class ResponseTypesTest(unittest.TestCase):
    def test_each_typed_dict_has_exactly_its_schemas_properties_and_required_keys(self):
        schemas = openapi_spec.schemas()
        for name, typed_dict in typed_dicts().items():
            if name in INLINE:
                continue
            with self.subTest(name):
                self.assertIn(name, schemas, f"{name} is neither a schema of openapi.yaml nor listed in INLINE")
                properties, required = schemas[name]
                self.assertEqual(sorted(properties), sorted(typed_dict.__annotations__.keys()
                                                            | typed_dict.__required_keys__
                                                            | typed_dict.__optional_keys__))
                self.assertEqual(sorted(required), sorted(typed_dict.__required_keys__))

    def test_the_reader_finds_the_schemas(self):
        schemas = openapi_spec.schemas()
        self.assertGreater(len(schemas), 50)
        self.assertEqual({"org", "admin_key"}, schemas["CreatedOrg"][0])
        self.assertIn("day", schemas["UsageDay"][0])  # through allOf and its $ref
        self.assertIn("api_calls", schemas["UsageDay"][1])


if __name__ == "__main__":
    unittest.main()
