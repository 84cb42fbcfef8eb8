"""A plain database role for a test: the owner's rights, not its superuser attribute."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def plain_role(cursor: Any, name: str) -> Iterator[None]:
    """Acting as a member of the owner's role until the block ends. The role is created in
    the test's transaction and rolled back with it."""
    cursor.execute("SELECT current_user")
    owner = cursor.fetchone()[0]
    cursor.execute(f'CREATE ROLE {name}; GRANT "{owner}" TO {name}')
    cursor.execute(f"SET ROLE {name}")
    try:
        yield
    finally:
        cursor.execute("RESET ROLE")
