"""Locust as a library: run user classes for a while on this process's gevent loop, and
print the figures as one table.

Import this module (or locust) before anything that opens sockets: locust patches the
standard library for gevent when it is imported.
"""

from __future__ import annotations

import os
import resource
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import gevent
from locust import User
from locust.env import Environment
from locust.stats import RequestStats, StatsEntry

PERCENTILES = (0.50, 0.95, 0.99)


@dataclass(frozen=True)
class Result:
    environment: Environment
    seconds: float  # from the start of spawning to the last user stopped
    cpu_seconds: float  # what this process (the load generator) used meanwhile

    @property
    def generator_load(self) -> str:
        share = self.cpu_seconds / self.seconds if self.seconds else 0.0
        return (
            f"load generator: {self.cpu_seconds:.0f} CPU-s in {self.seconds:.0f} s "
            f"({share:.0%} of one core, on the same 2 cores as the server)"
        )


def machine_load() -> str:
    """Other work on the machine skews every figure: say how busy it was."""
    one, five, _ = os.getloadavg()
    cores = os.cpu_count()
    return f"load average before the run: {one:.1f} (1 min), {five:.1f} (5 min); {cores} cores"


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


@dataclass(frozen=True)
class Row:
    scenario: str
    name: str
    requests: int
    failures: int
    p50: float
    p95: float
    p99: float
    rps: float


def run(
    user_classes: Sequence[type[User]],
    *,
    users: int,
    spawn_rate: float,
    duration: float,
    host: str,
    ready: Callable[[], bool] | None = None,
    go: Callable[[], None] | None = None,
    ready_timeout: float = 120,
    stop_timeout: float = 60,
) -> Result:
    """Spawn `users`, then run for `duration` seconds and stop them gracefully (each
    finishes the task it is in). With `ready`, the clock starts, and the figures are
    reset, once it returns true, and then `go` tells the users to begin: log-ins and
    start-up are not measured, and no measured request waits behind them."""
    environment = Environment(user_classes=list(user_classes), host=host, stop_timeout=stop_timeout)
    started, cpu = time.monotonic(), _cpu_seconds()
    runner = environment.create_local_runner()
    runner.start(users, spawn_rate=spawn_rate)
    if ready is not None:
        deadline = time.monotonic() + ready_timeout
        while not ready():
            if time.monotonic() > deadline:
                runner.quit()
                raise RuntimeError(f"the users were not ready in {ready_timeout} s")
            gevent.sleep(0.2)
        environment.stats.reset_all()
        started, cpu = time.monotonic(), _cpu_seconds()
        if go is not None:
            go()
    gevent.sleep(duration)
    runner.quit()
    runner.greenlet.join()
    return Result(environment, time.monotonic() - started, _cpu_seconds() - cpu)


def _row(scenario: str, entry: StatsEntry, name: str) -> Row:
    p50, p95, p99 = (entry.get_response_time_percentile(p) for p in PERCENTILES)
    return Row(
        scenario, name, entry.num_requests, entry.num_failures,
        p50 or 0.0, p95 or 0.0, p99 or 0.0, entry.total_rps,
    )  # fmt: skip


def rows(scenario: str, stats: RequestStats, *, total: bool = True) -> list[Row]:
    """One row per request type that was made, in the order they were named, and the total."""
    entries = [
        _row(scenario, entry, entry.name)
        for entry in stats.entries.values()
        if entry.num_requests or entry.num_failures
    ]
    if total:
        entries.append(_row(scenario, stats.total, "all requests"))
    return entries


def table(all_rows: Sequence[Row]) -> str:
    header = (
        f"{'scenario':<12} {'request':<28} {'requests':>9} {'fail':>5} "
        f"{'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'req/s':>8}"
    )
    lines = [header, "-" * len(header)]
    for row in all_rows:
        lines.append(
            f"{row.scenario:<12} {row.name:<28} {row.requests:>9} {row.failures:>5} "
            f"{row.p50:>8.0f} {row.p95:>8.0f} {row.p99:>8.0f} {row.rps:>8.1f}"
        )
    return "\n".join(lines)


def errors(stats: RequestStats) -> list[str]:
    """What failed, once per kind, with how often."""
    return [
        f"{error.occurrences} × {error.method} {error.name}: {error.error}"
        for error in stats.errors.values()
    ]
