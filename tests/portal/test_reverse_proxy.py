"""The shipped nginx configuration (deploy/nginx), in front of the portal: slow clients and
huge bodies stop at nginx, and the portal keeps answering."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from string import Template

import pytest
from pytest_django.live_server_helper import LiveServer

from portal.devservices import BASE_DIR
from portal.health import record_heartbeat

TEMPLATE = BASE_DIR / "deploy" / "nginx" / "otinish.conf.template"
TIMEOUT_SECONDS = 2
MAIN = """
worker_processes 1;
daemon off;
pid $folder/nginx.pid;
error_log $folder/error.log;
events { worker_connections 64; }
http {
    access_log off;
    client_body_temp_path $folder/body;
    proxy_temp_path $folder/proxy;
    fastcgi_temp_path $folder/fastcgi;
    uwsgi_temp_path $folder/uwsgi;
    scgi_temp_path $folder/scgi;
    include $folder/otinish.conf;
}
"""


def envsubst(text: str, values: dict[str, str]) -> str:
    """As the nginx image fills its templates: only the variables it is given."""
    return re.sub(r"\$\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0)), text)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def nginx(live_server: LiveServer, tmp_path: Path) -> Iterator[int]:
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(binary).is_file():
        if os.environ.get("CI"):
            pytest.fail("nginx is missing; .ci/run installs it", pytrace=False)
        pytest.skip("nginx is not installed (apt-get install nginx)")
    port = free_port()
    server = envsubst(TEMPLATE.read_text(), {
        "OTINISH_UPSTREAM": live_server.url.removeprefix("http://"), "NGINX_PORT": str(port),
        "NGINX_CLIENT_TIMEOUT": f"{TIMEOUT_SECONDS}s",
    })  # fmt: skip
    (tmp_path / "otinish.conf").write_text(server)
    (tmp_path / "nginx.conf").write_text(Template(MAIN).substitute(folder=tmp_path))
    process = subprocess.Popen(
        [binary, "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                break
            except OSError:
                time.sleep(0.05)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)


def ask(port: int, request: bytes, timeout: float = 5) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as connection:
        connection.sendall(request)
        return connection.recv(65536)


@pytest.mark.django_db(transaction=True)
def test_slow_clients_do_not_hold_the_portal(nginx: int) -> None:
    record_heartbeat()
    slow = [socket.create_connection(("127.0.0.1", nginx)) for _ in range(4)]
    for connection in slow:
        connection.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\n")  # and never the end
    started = time.monotonic()
    answer = ask(nginx, b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
    assert answer.split(b" ")[1] in (b"200", b"503")  # the portal answered, whatever its health
    assert time.monotonic() - started < 1
    time.sleep(TIMEOUT_SECONDS + 1)
    for connection in slow:  # nginx has given up on them: 408, or the connection closed
        connection.settimeout(2)
        assert connection.recv(4096)[:12] in (b"", b"HTTP/1.1 408")
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_a_huge_body_is_refused_before_it_is_sent(nginx: int) -> None:
    head = (
        b"POST /api/v1/auth/token/ HTTP/1.1\r\nHost: localhost\r\n"
        b"Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 314572800\r\n\r\n"
    )
    answer = ask(nginx, head)
    assert answer.startswith(b"HTTP/1.1 413") and b'"code": "too_large"' in answer


@pytest.mark.django_db(transaction=True)
def test_a_long_address_within_the_proxys_limit_reaches_the_portal(nginx: int) -> None:
    # 8 KB: over gunicorn's default limit, within nginx's; the portal judges it.
    line = b"GET /api/v1/agencies/?parent=" + b"x" * 8_000 + b" HTTP/1.1\r\n"
    answer = ask(nginx, line + b"Host: localhost\r\nConnection: close\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 400") and b'"code":"invalid"' in answer
