"""A minimal WebSocket client (RFC 6455) over the standard library, enough for `GET /v1/stream`:
client handshake, masked frames, text messages (with continuation), ping/pong and close."""
from __future__ import annotations

import base64
import hashlib
import os
import socket
import ssl
import struct
import time
import urllib.parse
from typing import Iterator, Mapping, Optional

from .errors import ConnectionFailed, error_for
from .signing import sign

_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


def _read_exact(sock: socket.socket, n: int) -> bytes:
    chunks = b""
    while len(chunks) < n:
        chunk = sock.recv(n - len(chunks))
        if not chunk:
            raise ConnectionFailed("WebSocket closed by the server")
        chunks += chunk
    return chunks


def _send_frame(sock: socket.socket, opcode: int, payload: bytes) -> None:
    header = bytes([0x80 | opcode])
    length = len(payload)
    if length < 126:
        header += bytes([0x80 | length])
    elif length < 65536:
        header += bytes([0x80 | 126]) + struct.pack("!H", length)
    else:
        header += bytes([0x80 | 127]) + struct.pack("!Q", length)
    mask = os.urandom(4)
    sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))


def messages(url: str, headers: Mapping[str, str], read_timeout: float,
             signing_secret: Optional[str] = None) -> Iterator[str]:
    parts = urllib.parse.urlsplit(url)
    secure = parts.scheme in ("https", "wss")
    port = parts.port or (443 if secure else 80)
    try:
        sock = socket.create_connection((parts.hostname, port), timeout=read_timeout)
    except OSError as error:
        raise ConnectionFailed(f"WebSocket {url}: {error}") from None
    if secure:
        sock = ssl.create_default_context().wrap_socket(sock, server_hostname=parts.hostname)
    target = parts.path + ("?" + parts.query if parts.query else "")
    key = base64.b64encode(os.urandom(16)).decode("ascii")
    all_headers = {"Host": parts.netloc, "Upgrade": "websocket", "Connection": "Upgrade",
                   "Sec-WebSocket-Key": key, "Sec-WebSocket-Version": "13", **headers}
    if signing_secret:
        all_headers.update(sign(signing_secret, int(time.time()), "GET", target))
    request = f"GET {target} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in all_headers.items()) + "\r\n"
    try:
        sock.sendall(request.encode("latin-1"))
        response = b""
        while b"\r\n\r\n" not in response:
            chunk = sock.recv(4096)
            if not chunk:
                raise ConnectionFailed("WebSocket handshake: connection closed")
            response += chunk
        head, _, rest = response.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ")[1])
        response_headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            response_headers[name.strip().lower()] = value.strip()
        if status != 101:
            body = rest
            length = int(response_headers.get("content-length", "0") or 0)
            while len(body) < length:
                chunk = sock.recv(4096)
                if not chunk:
                    break
                body += chunk
            import json
            try:
                problem = json.loads(body[:length] if length else body)
            except ValueError:
                problem = {"title": lines[0], "detail": body.decode("utf-8", "replace")}
            raise error_for(status, problem, response_headers)
        expected = base64.b64encode(hashlib.sha1((key + _GUID).encode("ascii")).digest()).decode("ascii")
        if response_headers.get("sec-websocket-accept") != expected:
            raise ConnectionFailed("WebSocket handshake: bad Sec-WebSocket-Accept")
        buffer = rest
        fragments = b""

        def read(n: int) -> bytes:
            nonlocal buffer
            if len(buffer) >= n:
                out, buffer = buffer[:n], buffer[n:]
                return out
            out, buffer = buffer, b""
            return out + _read_exact(sock, n - len(out))

        while True:
            first, second = read(2)
            opcode = first & 0x0F
            length = second & 0x7F
            if length == 126:
                length = struct.unpack("!H", read(2))[0]
            elif length == 127:
                length = struct.unpack("!Q", read(8))[0]
            mask = read(4) if second & 0x80 else b""
            payload = read(length)
            if mask:
                payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
            if opcode == 0x9:
                _send_frame(sock, 0xA, payload)
            elif opcode == 0x8:
                try:
                    _send_frame(sock, 0x8, payload[:2])
                except OSError:
                    pass
                return
            elif opcode in (0x1, 0x0):
                fragments += payload
                if first & 0x80:
                    yield fragments.decode("utf-8")
                    fragments = b""
    except (socket.timeout, OSError) as error:
        if isinstance(error, ConnectionFailed):
            raise
        raise ConnectionFailed(f"WebSocket {url}: {error}") from None
    finally:
        sock.close()
