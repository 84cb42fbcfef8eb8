"""A plain database role for a test: the owner's rights, or rights on its tables, never
the superuser's."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def plain_role(cursor: Any, name: str, *, member: bool = True, granted: str = "") -> Iterator[None]:
    """Acting as a new role until the block ends: a member of the owner's role, or (not a
    `member`) one with every right on the tables and sequences; allowed to set the
    `granted` parameter if one is named. Created in the test's transaction and rolled back
    with it. (A member of a superuser owner shares the rights a parameter is given.)"""
    cursor.execute("SELECT current_user")
    owner = cursor.fetchone()[0]
    cursor.execute(
        f'CREATE ROLE {name}; GRANT "{owner}" TO {name}'
        if member
        else f"CREATE ROLE {name}; GRANT ALL ON ALL TABLES IN SCHEMA public TO {name};"
        f" GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {name}"
    )
    if granted:
        cursor.execute(f"GRANT SET ON PARAMETER {granted} TO {name}")
    cursor.execute(f"SET ROLE {name}")
    try:
        yield
    finally:
        cursor.execute("RESET ROLE")
