"""Running calls at the same moment, each in its own thread and database connection."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from django.db import connection

from core.refusals import ActionRefused


def run_together(*calls: Callable[[], Any]) -> list[str]:
    """Release the calls together: each returns "won", "refused: …" or "crashed: …"."""
    barrier = threading.Barrier(len(calls))
    outcomes: list[str] = [""] * len(calls)

    def run(index: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            call()
            outcomes[index] = "won"
        except ActionRefused as refused:
            outcomes[index] = f"refused: {refused.message}"
        except Exception as error:
            outcomes[index] = f"crashed: {error!r}"
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes
