"""Request signing for keys created with `"signed": true` (docs/security.md, "Request signing")."""
from __future__ import annotations

import hashlib
import hmac
from typing import Dict


def sign(secret: str, timestamp: int, method: str, target: str, body: bytes = b"") -> Dict[str, str]:
    """The two signing headers for one request. `target` is the path and query exactly as sent (still encoded)."""
    body_hash = hashlib.sha256(body).hexdigest()
    to_sign = f"{timestamp}\n{method.upper()}\n{target}\n{body_hash}"
    signature = hmac.new(secret.encode("utf-8"), to_sign.encode("utf-8"), hashlib.sha256).hexdigest()
    return {"AgentPlane-Timestamp": str(timestamp), "AgentPlane-Signature": "v1=" + signature}
