"""gunicorn for the benchmarks: production settings, 2 workers, on a free loopback port.

The process runs `portal.settings.production` unchanged. Production expects TLS to end at
a load balancer that sets `X-Forwarded-Proto`; on loopback the load generator plays that
part (see `PROXY_HEADERS`), so HSTS, the HTTPS redirect and the secure cookies stay on.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SETTINGS = "portal.settings.production"
WORKERS = 2
# What the TLS-terminating load balancer adds to every request it passes on.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}

# Collected with the plain manifest storage: production's storage also writes gzip and
# brotli copies of every file, which takes ~20 s here and changes nothing the benchmarks
# measure (whitenoise serves the copies it finds; the manifest is the same).
COLLECT_STATIC = """
import django
django.setup()
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

plain = {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}
with override_settings(STORAGES={**settings.STORAGES, "staticfiles": plain}):
    call_command("collectstatic", interactive=False, verbosity=0)
"""


@dataclass(frozen=True)
class Server:
    url: str  # http://127.0.0.1:PORT, without a trailing slash
    pid: int


def server_environment(
    *, database_url: str, redis_url: str, media_root: Path, appeals_per_hour: int
) -> dict[str, str]:
    """What production needs, for loopback; the limits the load users run under, explicitly."""
    return {
        "DJANGO_SETTINGS_MODULE": SETTINGS,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "MEDIA_ROOT": str(media_root),
        # A bench citizen sends more than the 10 appeals an hour a person may: the limits
        # have their own tests, and are not what these runs measure.
        "APPEALS_PER_HOUR": str(appeals_per_hour),
        "UPLOADS_PER_HOUR": str(appeals_per_hour),  # files, counted apart from appeals
        "API_WRITE_RATE": "100000/hour",  # the scenarios do not use the API; stated anyway
        "SMS_BACKEND": "console",  # no gateway behind loopback: the SMS are only logged
        "LOG_LEVEL": "WARNING",
    }


def use_environment(environment: dict[str, str]) -> None:
    """Configure Django in this process exactly as the server is configured."""
    os.environ.update(environment)
    import django

    django.setup()


def free_loopback_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _collect_static(environment: dict[str, str]) -> None:
    subprocess.run(  # noqa: S603 - our own interpreter, our own code
        [sys.executable, "-c", COLLECT_STATIC],
        cwd=BASE_DIR,
        env={**os.environ, **environment},
        check=True,
    )


def _wait_until_ready(url: str, process: subprocess.Popen[bytes], timeout: float = 60) -> None:
    """Until the home page renders (it needs the database and the collected static files)."""
    deadline = time.monotonic() + timeout
    home = urllib.request.Request(f"{url}/", headers=PROXY_HEADERS)  # noqa: S310 - loopback
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(home, timeout=5) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
        except OSError:  # not listening yet, or not answering well yet
            pass
        time.sleep(0.1)
    raise RuntimeError(f"gunicorn was not ready in {timeout} s")


@contextmanager
def gunicorn(
    environment: dict[str, str], *, workers: int = WORKERS, threads: int = 0
) -> Iterator[Server]:
    """Collect the static files, start gunicorn, yield its address; stop it on exit."""
    with tempfile.TemporaryDirectory(prefix="otinish-bench-static-") as static_root:
        environment = {**environment, "STATIC_ROOT": static_root}
        _collect_static(environment)
        with _running(environment, workers, threads) as server:
            yield server


@contextmanager
def target(
    host: str | None, environment: dict[str, str], *, workers: int = WORKERS, threads: int = 0
) -> Iterator[str]:
    """The base URL to load: a running server's (--host), or a gunicorn started for the run."""
    if host:
        yield host.rstrip("/")
        return
    with gunicorn(environment, workers=workers, threads=threads) as server:
        yield server.url


@contextmanager
def _running(environment: dict[str, str], workers: int, threads: int = 0) -> Iterator[Server]:
    port = free_loopback_port()
    command = [
        sys.executable, "-m", "gunicorn", "portal.wsgi:application",
        "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
        "--log-level", "warning", "--graceful-timeout", "10",
    ]  # fmt: skip
    if threads:  # the Dockerfile's gthread workers
        command += ["--worker-class", "gthread", "--threads", str(threads)]
    process = subprocess.Popen(command, cwd=BASE_DIR, env={**os.environ, **environment})  # noqa: S603
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_ready(url, process)
        yield Server(url=url, pid=process.pid)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def default_media_root() -> Path:
    """Uploads are kept under .devdata, beside the data that refers to them."""
    media_root = BASE_DIR / ".devdata" / "bench-media"
    media_root.mkdir(parents=True, exist_ok=True)
    return media_root
