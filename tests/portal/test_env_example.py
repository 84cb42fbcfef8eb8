from __future__ import annotations

import re

from portal.devservices import BASE_DIR

# env("NAME"...), env.bool("NAME"...), _required("NAME"), os.environ.get("NAME"...), ${NAME}
READS = re.compile(
    r"""(?:(?:\benv(?:\.\w+)?|_required|os\.environ\.get)\(\s*["']|\$\{)([A-Z][A-Z0-9_]+)"""
)
SOURCES = [
    *sorted((BASE_DIR / "portal" / "settings").glob("*.py")),
    BASE_DIR / "portal" / "devrun.py",
    BASE_DIR / "portal" / "devservices.py",
    BASE_DIR / "docker-compose.yml",
]
# Set by the test runner (pytest-xdist, portal/settings/test.py), never by whoever deploys.
RUNNER_VARIABLES = {"PYTEST_XDIST_WORKER", "TEST_REDIS_OF_WORKER"}


def test_every_variable_the_code_reads_is_documented() -> None:
    documented = set(
        re.findall(r"^([A-Z][A-Z0-9_]+)=", (BASE_DIR / ".env.example").read_text(), re.M)
    )
    read = {name for path in SOURCES for name in READS.findall(path.read_text())}
    assert read, "the pattern no longer finds the variables"
    assert read - documented - RUNNER_VARIABLES == set()
