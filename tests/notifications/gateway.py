"""An SMS gateway on loopback, in a thread of the test process: it answers as told (200, 500,
or taking the message and closing the connection unanswered) and, as a well-behaved gateway
does, delivers each idempotency id once however often it is posted."""

from __future__ import annotations

import json
import socket
import threading
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

DROP = "drop"  # take the message, then close the connection without an answer


def free_port() -> int:
    """A loopback port nothing listens on (yet): a gateway that is down refuses there."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class Gateway:
    port: int
    key: str = "test-gateway-key"
    answers: deque[int | str] = field(default_factory=deque)  # then 200 for ever
    posts: list[dict[str, Any]] = field(default_factory=list)  # every request, in order
    delivered: dict[str, dict[str, Any]] = field(default_factory=dict)  # by idempotency id
    _server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1/messages"

    def start(self) -> None:
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                gateway.take(self)

            def log_message(self, *args: Any) -> None:
                """Quiet: the tests read `posts`."""

        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def take(self, request: BaseHTTPRequestHandler) -> None:
        length = int(request.headers.get("Content-Length", "0"))
        body = json.loads(request.rfile.read(length))
        self.posts.append({**body, "headers": dict(request.headers)})
        answer = self.answers.popleft() if self.answers else 200
        if request.headers.get("Authorization") != f"Bearer {self.key}":
            answer = 401
        if answer in (200, DROP):
            self.delivered.setdefault(body["id"], body)  # the same id again: no new SMS
        if answer == DROP:
            request.close_connection = True
            return
        status = int(answer)
        request.send_response(status)
        request.send_header("Content-Type", "application/json")
        request.end_headers()
        request.wfile.write(b'{"status": "queued"}' if status == 200 else b'{"error": "busy"}')
