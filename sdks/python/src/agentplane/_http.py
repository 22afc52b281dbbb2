"""HTTP transport over urllib: JSON in and out, problem+json to typed errors, 429/503 retries, signing."""
from __future__ import annotations

import email.utils
import json
import os
import random
import time
import urllib.error
import urllib.parse
import urllib.request
from http.client import HTTPResponse
from typing import Any, Dict, Iterator, Mapping, Optional, Tuple

from .errors import ConnectionFailed, error_for
from .signing import sign

RETRIED_STATUSES = (429, 503)
USER_AGENT = "agentplane-python/0.1.0"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:  # a redirect would drop the signature
        return None


def encode_query(query: Optional[Mapping[str, Any]]) -> str:
    if not query:
        return ""
    pairs = []
    for name, value in query.items():
        if value is None:
            continue
        if isinstance(value, bool):
            value = "true" if value else "false"
        pairs.append((name, str(value)))
    return urllib.parse.urlencode(pairs, quote_via=urllib.parse.quote, safe="")


def quote_segment(value: Any) -> str:
    return urllib.parse.quote(str(value), safe="")


def retry_after_seconds(value: Optional[str], attempt: int) -> float:
    """Seconds from a Retry-After header (delta-seconds or HTTP-date), else exponential backoff with jitter."""
    if value:
        value = value.strip()
        if value.isdigit():
            return float(value)
        try:
            when = email.utils.parsedate_to_datetime(value)
            return max(0.0, when.timestamp() - time.time())
        except (TypeError, ValueError):
            pass
    return min(8.0, 0.25 * (2 ** attempt)) * (0.5 + random.random() / 2)


class Transport:
    def __init__(self, base_url: Optional[str], api_key: Optional[str], signing_secret: Optional[str],
                 timeout: float, max_retries: int, max_retry_wait: float):
        url = base_url or os.environ.get("AGENTPLANE_URL") or "http://localhost:8080"
        self.base_url = url.rstrip("/")
        self.base_path = urllib.parse.urlsplit(self.base_url).path
        self.api_key = api_key if api_key is not None else os.environ.get("AGENTPLANE_API_KEY")
        self.signing_secret = (signing_secret if signing_secret is not None
                               else os.environ.get("AGENTPLANE_SIGNING_SECRET"))
        self.timeout = timeout
        self.max_retries = max_retries
        self.max_retry_wait = max_retry_wait
        self._opener = urllib.request.build_opener(_NoRedirect)

    def open(self, method: str, path: str, *, query: Optional[Mapping[str, Any]] = None, body: Any = None,
             raw_body: Optional[bytes] = None, content_type: str = "application/json",
             headers: Optional[Mapping[str, str]] = None, timeout: Optional[float] = None,
             accept: str = "application/json") -> HTTPResponse:
        """Sends the request (retrying 429/503) and returns the open 2xx response; raises ApiError otherwise."""
        qs = encode_query(query)
        target = self.base_path + path + ("?" + qs if qs else "")
        data = raw_body if raw_body is not None else (None if body is None else json.dumps(body).encode("utf-8"))
        attempt = 0
        while True:
            request = urllib.request.Request(self.base_url + path + ("?" + qs if qs else ""), data=data,
                                             method=method)
            request.add_header("Accept", accept)
            request.add_header("User-Agent", USER_AGENT)
            if data is not None:
                request.add_header("Content-Type", content_type)
            if self.api_key:
                request.add_header("Authorization", "Bearer " + self.api_key)
            if self.signing_secret:  # signed anew on every attempt: a signature is good for one request only
                for name, value in sign(self.signing_secret, int(time.time()), method, target, data or b"").items():
                    request.add_header(name, value)
            for name, value in (headers or {}).items():
                request.add_header(name, value)
            try:
                return self._opener.open(request, timeout=timeout or self.timeout)
            except urllib.error.HTTPError as error:
                status = error.code
                error_headers = {k: v for k, v in error.headers.items()} if error.headers else {}
                raw = error.read()
                error.close()
                if status in RETRIED_STATUSES and attempt < self.max_retries:
                    wait = retry_after_seconds(error.headers.get("Retry-After") if error.headers else None, attempt)
                    if wait <= self.max_retry_wait:
                        time.sleep(wait)
                        attempt += 1
                        continue
                raise error_for(status, _problem(status, raw, error.reason), error_headers) from None
            except urllib.error.URLError as error:
                raise ConnectionFailed(f"{method} {self.base_url}{path}: {error.reason}") from None
            except (TimeoutError, ConnectionError) as error:
                raise ConnectionFailed(f"{method} {self.base_url}{path}: {error}") from None

    def request(self, method: str, path: str, **kwargs: Any) -> Tuple[int, Dict[str, str], Any]:
        with self.open(method, path, **kwargs) as response:
            raw = response.read()
            headers = {k: v for k, v in response.headers.items()}
            status = response.status
        if not raw:
            return status, headers, None
        kind = headers.get("Content-Type", "")
        if "json" in kind:
            return status, headers, json.loads(raw)
        return status, headers, raw.decode("utf-8")


def _problem(status: int, raw: bytes, reason: Any) -> Dict[str, Any]:
    try:
        decoded = json.loads(raw) if raw else None
    except ValueError:
        decoded = None
    if isinstance(decoded, dict):
        return decoded
    return {"type": "about:blank", "title": str(reason or status), "status": status,
            "detail": raw.decode("utf-8", "replace")[:500] if raw else None}


def read_sse(response: HTTPResponse) -> Iterator[Tuple[Optional[str], str, str]]:
    """Yields (id, event, data) per Server-Sent Event; comments (keep-alives) are skipped."""
    event_id: Optional[str] = None
    event_type = "message"
    data_lines = []
    while True:
        line_bytes = response.readline()
        if not line_bytes:
            return
        line = line_bytes.decode("utf-8").rstrip("\r\n")
        if line == "":
            if data_lines:
                yield event_id, event_type, "\n".join(data_lines)
            event_type, data_lines = "message", []
            continue
        if line.startswith(":"):
            continue
        name, _, value = line.partition(":")
        if value.startswith(" "):
            value = value[1:]
        if name == "id":
            event_id = value
        elif name == "event":
            event_type = value
        elif name == "data":
            data_lines.append(value)
