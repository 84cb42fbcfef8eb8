"""`make run`: the whole portal on one machine, for development and demos.

Starts the embedded services when no servers are named, migrates, loads the
reference and demo data, then runs the web server, a Celery worker and beat
until Ctrl-C, and stops every child (and the services) cleanly.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from types import FrameType

from portal.devservices import BASE_DIR, DEVDATA, embedded_services

STOP_TIMEOUT_SECONDS = 20


def _prepare() -> None:
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_reference")
    call_command("load_petition_rules")
    call_command("load_demo")
    call_command("load_demo_meetings")  # receptions/: after the appeals it links to
    call_command("load_demo_petitions")  # petitions/: after the staff who answer them
    call_command("train_topic_model", verbosity=0)  # the form's proposal; beat retrains daily
    call_command("recompute_rankings", verbosity=0)  # beat refreshes them every 10 minutes
    call_command("publish_meeting_figures", verbosity=0)  # and these


def _children(port: str) -> dict[str, list[str]]:
    python = sys.executable
    celery = [python, "-m", "celery", "-A", "portal"]
    return {
        "web": [python, "manage.py", "runserver", f"127.0.0.1:{port}"],
        "worker": [*celery, "worker", "--loglevel=INFO", "--concurrency=2"],
        "beat": [*celery, "beat", "--loglevel=INFO"],
    }


def _stop(processes: dict[str, subprocess.Popen[bytes]]) -> None:
    for process in processes.values():
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
    deadline = time.monotonic() + STOP_TIMEOUT_SECONDS
    for name, process in processes.items():
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            print(f"{name} did not stop in time; killing it.", flush=True)
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def main() -> int:
    os.chdir(BASE_DIR)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.development")
    port = os.environ.get("PORT", "8000")
    DEVDATA.mkdir(exist_ok=True)
    stopping = False

    def request_stop(signum: int, frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True

    with embedded_services("run") as urls:
        os.environ.update(urls)
        _prepare()
        # Each child gets a session of its own so that Ctrl-C reaches only us,
        # and we stop the children before the services they depend on.
        processes = {
            name: subprocess.Popen(command, start_new_session=True)  # noqa: S603
            for name, command in _children(port).items()
        }
        signal.signal(signal.SIGINT, request_stop)
        signal.signal(signal.SIGTERM, request_stop)
        print(
            f"\nOtinish is running at http://127.0.0.1:{port}/ "
            f"(admin: /admin/, health: /healthz). Press Ctrl-C to stop.\n",
            flush=True,
        )
        exit_code = 0
        while not stopping:
            dead = [name for name, process in processes.items() if process.poll() is not None]
            if dead:
                print(f"{', '.join(dead)} stopped unexpectedly; stopping the rest.", flush=True)
                exit_code = 1
                break
            time.sleep(0.5)
        print("\nStopping web, worker and beat…", flush=True)
        _stop(processes)
    print("Stopped.", flush=True)
    return exit_code


if __name__ == "__main__":
    sys.exit(main())
