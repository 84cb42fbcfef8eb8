"""Cold start: the back-office queue and "my appeals" in the first minute after PostgreSQL
restarts with the operating system's cache dropped, warmed (portal/warming.py) and not.

Usage, as root on the database's machine (docs/benchmarks.md):
    DATABASE_URL=… REDIS_URL=… .venv/bin/python bench/cold_start.py \
        --stop 'pg_ctlcluster 15 main stop' --start 'pg_ctlcluster 15 main start'
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
TARGETS = {("backoffice", "queue"): 500, ("mine", "my appeals"): 100}
WARM = "import django; django.setup(); from portal import warming; print(warming.warm())"


def restart_cold(stop: str, start: str) -> None:
    """The server stopped, every cached page of the machine dropped, the server started."""
    subprocess.run(shlex.split(stop), check=True)  # noqa: S603  the operator's own command
    subprocess.run(["sync"], check=True)  # noqa: S607
    Path("/proc/sys/vm/drop_caches").write_text("3\n")
    subprocess.run(shlex.split(start), check=True)  # noqa: S603


def _python(*args: str, env: dict[str, str], **kwargs: Any) -> subprocess.Popen[bytes]:
    return subprocess.Popen([PYTHON, *args], cwd=ROOT, env=env, **kwargs)  # noqa: S603


def measure(warmed: bool, args: argparse.Namespace, env: dict[str, str]) -> dict[str, Any]:
    restart_cold(args.stop, args.start)
    started = time.monotonic()
    warming = _python("-c", WARM, env=env) if warmed else None
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        http = _python(
            "bench/http.py", "--only", "backoffice", "mine", "--duration", str(args.duration),
            "--report", out.name, *args.http_args, env=env,
        )  # fmt: skip
        http.wait()
        report = json.loads(Path(out.name).read_text() or "{}")
    if warming is not None:
        warming.wait()
    p95s = {(row["scenario"], row["name"]): row["p95"] for row in report.get("rows", [])}
    return {
        "warmed": warmed,
        "seconds": time.monotonic() - started,
        "errors": report.get("errors"),
        "p95": {f"{scenario} / {name}": p95s.get((scenario, name)) for scenario, name in TARGETS},
    }


def verdict(result: dict[str, Any]) -> str:
    parts = []
    for (scenario, name), target in TARGETS.items():
        p95 = result["p95"][f"{scenario} / {name}"]
        met = p95 is not None and p95 <= target
        parts.append(f"{name} p95 {p95} ms (≤ {target}: {'met' if met else 'MISSED'})")
    state = "warmed" if result["warmed"] else "cold  "
    return f"{state}  {'; '.join(parts)}; done {result['seconds']:.0f} s after the start, " + (
        f"errors {result['errors']}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--stop", required=True, help="the command that stops PostgreSQL")
    parser.add_argument("--start", required=True, help="the command that starts it")
    parser.add_argument("--rounds", type=int, default=2, help="pairs of cold and warmed runs")
    parser.add_argument("--duration", type=float, default=25, help="seconds per scenario")
    parser.add_argument("--report", type=Path, help="also write the results here as JSON")
    parser.add_argument("http_args", nargs="*", help="passed on to bench/http.py after --")
    args = parser.parse_args(argv)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.development"}
    results = []
    for _ in range(args.rounds):
        for warmed in (False, True):
            results.append(measure(warmed, args, env))
            print(verdict(results[-1]), flush=True)
    print("\n".join(verdict(result) for result in results))
    if args.report:
        args.report.write_text(json.dumps(results, indent=1))
    return 0 if all(result["errors"] == 0 for result in results) else 1


if __name__ == "__main__":
    sys.exit(main())
