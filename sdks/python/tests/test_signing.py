import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src"))

from agentplane import sign  # noqa: E402
from agentplane._http import retry_after_seconds  # noqa: E402


class SigningTest(unittest.TestCase):
    def test_the_worked_example_of_docs_security_md(self):
        headers = sign("aps_docs-example-signing-secret-0123456789abcde", 1767225600, "PUT",
                       "/v1/state/checkout/cart-42", b'{"value":{"items":3}}')
        self.assertEqual({"AgentPlane-Timestamp": "1767225600",
                          "AgentPlane-Signature":
                              "v1=e9c6b00aa952d3a6293dad562982057c9a47d262de5d4dc529f633c4d8c3d43d"}, headers)


class RetryAfterTest(unittest.TestCase):
    def test_delta_seconds_are_taken_as_given(self):
        self.assertEqual(7.0, retry_after_seconds("7", 0))

    def test_an_http_date_in_the_past_means_now(self):
        self.assertEqual(0.0, retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", 0))

    def test_without_a_header_the_backoff_is_bounded(self):
        self.assertLessEqual(retry_after_seconds(None, 10), 8.0)


if __name__ == "__main__":
    unittest.main()
