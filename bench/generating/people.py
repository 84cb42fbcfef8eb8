"""Citizens and staff for a run: contiguous blocks of ids, valid IINs, one password hash.

A second run numbers its people after the first's (citizen-N, staff-N), so both sets stay.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction

from accounts.identifiers import FIRST_WEIGHTS, SECOND_WEIGHTS
from agencies.workdays import ALMATY
from appeals.models import REFERENCE_SEQUENCE
from bench.generating.plan import BENCH_DOMAIN, Plan
from bench.generating.sql import BATCH_SETTINGS
from bench.generating.words import NAMES, person_name, unit

# The LIKE prefix uses the email index; the pattern keeps out anything not numbered.
LAST_PERSON_NUMBER = """
    SELECT max(substring(email FROM '-([0-9]+)@')::bigint) FROM accounts_user
    WHERE email LIKE %s AND email ~ %s
"""

# IIN = birth date (YYMMDD), century-and-sex digit, 3-digit serial, a free digit, check digit.
# A citizen's number m fixes the first ten digits one to one (birth dates over 50 years,
# stirred by a factor prime to their count), so numbers below the capacity never repeat.
# The free digit is moved off the one value that would leave no valid check digit.
BIRTH_DAYS, BIRTH_STIR = 18262, 7919
IIN_CAPACITY = BIRTH_DAYS * 2 * 1000
_DIGITS = (
    "d.yy / 10", "mod(d.yy, 10)", "d.mm / 10", "mod(d.mm, 10)", "d.dd / 10", "mod(d.dd, 10)",
    "d.c", "d.serial / 100", "mod(d.serial / 10, 10)", "mod(d.serial, 10)",
)  # fmt: skip
_SUM_FIRST = " + ".join(f"{w} * ({d})" for w, d in zip(FIRST_WEIGHTS, _DIGITS, strict=False))
_SUM_SECOND = " + ".join(f"{w} * ({d})" for w, d in zip(SECOND_WEIGHTS, _DIGITS, strict=False))
# FIRST_WEIGHTS[10] is 11: the free digit never changes the first remainder.
_FREE_WEIGHT = SECOND_WEIGHTS[10]

_USER_COLUMNS = (
    "id, password, last_login, is_superuser, email, full_name, kind, iin_bin, phone, "
    "preferred_language, is_staff, is_active, date_joined"
)
_LANGUAGE = "CASE WHEN {u} < 0.65 THEN 'ru' WHEN {u} < 0.98 THEN 'kk' ELSE 'en' END"

INSERT_CITIZENS = f"""
    INSERT INTO accounts_user ({_USER_COLUMNS})
    SELECT %(base)s + p.i, %(password)s, NULL, false,
           'citizen-' || p.m || '@' || %(domain)s, {person_name("p.m", "p.female")},
           'individual',
           -- An IIN someone already has (a real person's) is left empty rather than taken.
           -- `<> ''` lets the lookup use the partial unique index on iin_bin.
           CASE WHEN EXISTS (SELECT 1 FROM accounts_user u
                             WHERE u.iin_bin = iin.value AND u.iin_bin <> '')
                THEN '' ELSE iin.value END,
           '+7701' || lpad(mod(p.m, 10000000)::text, 7, '0'),
           {_LANGUAGE.format(u=unit("p.m", "14"))}, false, true, %(joined)s
    FROM (
        SELECT i, %(first)s + i AS m, mod((%(first)s + i) / {BIRTH_DAYS}, 2) = 1 AS female
        FROM generate_series(0, %(count)s - 1) AS i
    ) AS p
    CROSS JOIN LATERAL (
        SELECT date '1955-01-01' + mod(mod(p.m, {BIRTH_DAYS}) * {BIRTH_STIR}, {BIRTH_DAYS})
               AS born,
               mod(p.m / {BIRTH_DAYS * 2}, 1000) AS serial
    ) AS b
    CROSS JOIN LATERAL (
        SELECT mod(extract(year FROM b.born)::int, 100) AS yy,
               extract(month FROM b.born)::int AS mm, extract(day FROM b.born)::int AS dd,
               CASE WHEN b.born < date '2000-01-01' THEN 3 ELSE 5 END + p.female::int AS c,
               b.serial,
               mod((hashint8extended(p.m, 13) & 1048575)::int, 10) AS free
    ) AS d
    CROSS JOIN LATERAL (
        SELECT mod({_SUM_FIRST}, 11) AS first, {_SUM_SECOND} AS second
    ) AS s
    CROSS JOIN LATERAL (
        SELECT CASE WHEN s.first = 10 AND mod(s.second + {_FREE_WEIGHT} * d.free, 11) = 10
                    THEN mod(d.free + 1, 10) ELSE d.free END AS free
    ) AS f
    CROSS JOIN LATERAL (
        SELECT to_char(b.born, 'YYMMDD') || d.c || lpad(d.serial::text, 3, '0') || f.free
               || CASE WHEN s.first <> 10 THEN s.first
                       ELSE mod(s.second + {_FREE_WEIGHT} * f.free, 11) END AS value
    ) AS iin
"""  # noqa: S608 - constant fragments only

INSERT_STAFF = f"""
    INSERT INTO accounts_user ({_USER_COLUMNS})
    SELECT %(base)s + i, %(password)s, NULL, false,
           'staff-' || (%(first)s + i) || '@' || %(domain)s,
           {person_name("%(first)s + i", "mod(%(first)s + i, 2) = 1")}, 'individual', '',
           '+7717' || lpad(mod(%(first)s + i, 10000000)::text, 7, '0'), 'ru', false, true,
           %(joined)s
    FROM generate_series(0, %(count)s - 1) AS i
"""  # noqa: S608 - constant fragments only

INSERT_MEMBERSHIPS = """
    INSERT INTO accounts_membership (user_id, agency_id, role, is_active, created_at)
    SELECT u, a, r, true, %(now)s
    FROM unnest(%(users)s::bigint[], %(agencies)s::bigint[], %(roles)s::text[]) AS m(u, a, r)
"""


def reserve_ids(table: str, count: int) -> int:
    """The first of `count` consecutive ids nobody else will be given.

    The exclusive lock waits for writers that already drew an id and keeps new ones out
    until the sequence has been moved past the block (a moment: the rows come later).
    """
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"LOCK TABLE {table} IN EXCLUSIVE MODE")
        cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
        (sequence,) = cursor.fetchone()
        return _advance(cursor, sequence, count)


def reserve_reference_numbers(count: int) -> int:
    """The first of `count` consecutive reference numbers; submissions continue after them.

    ALTER SEQUENCE takes a lock that nextval() waits for (LOCK TABLE refuses sequences).
    """
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"ALTER SEQUENCE {REFERENCE_SEQUENCE} INCREMENT BY 1")
        return _advance(cursor, REFERENCE_SEQUENCE, count)


def _advance(cursor: Any, sequence: str, count: int) -> int:
    cursor.execute(f"SELECT last_value, is_called FROM {sequence}")  # noqa: S608 - our name
    last, called = cursor.fetchone()
    first = last + 1 if called else last
    cursor.execute("SELECT setval(%s, %s)", [sequence, first + count - 1])
    return int(first)


def _next_number(prefix: str) -> int:
    """The next free n of `{prefix}-{n}@bench…`, so a second run adds people beside the first."""
    with connection.cursor() as cursor:
        pattern = f"^{prefix}-[0-9]+@{re.escape(BENCH_DOMAIN)}$"
        cursor.execute(LAST_PERSON_NUMBER, [f"{prefix}-%", pattern])
        (last,) = cursor.fetchone()
    return int(last or 0) + 1


@dataclass(frozen=True)
class People:
    citizen_base: int  # id of citizen number citizen_first
    citizen_first: int
    citizens: int
    staff_base: int
    staff_first: int
    staff: int


def people_create(plan: Plan, password_hash: str) -> People:
    """Citizens with valid IINs and staff in every role of every agency, one password hash."""
    options = plan.options
    citizens = options.citizens or max(1, options.count // 8)
    layout = plan.staff_layout(options.staff)
    staff = sum(n for _agency, _role, n in layout)
    citizen_first, staff_first = _next_number("citizen"), _next_number("staff")
    if citizen_first + citizens > IIN_CAPACITY:
        raise ValueError(f"At most {IIN_CAPACITY:,} generated citizens fit the IIN scheme.")
    base = reserve_ids("accounts_user", citizens + staff)
    people = People(base, citizen_first, citizens, base + citizens, staff_first, staff)
    joined = datetime.datetime.combine(plan.days[0][0], datetime.time(9), tzinfo=ALMATY)
    common: dict[str, Any] = {
        "password": password_hash,
        "joined": joined,
        "domain": BENCH_DOMAIN,
        **NAMES,
    }
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(BATCH_SETTINGS)
        cursor.execute(
            INSERT_CITIZENS,
            {**common, "base": base, "first": citizen_first, "count": citizens},
        )
        cursor.execute(
            INSERT_STAFF,
            {**common, "base": people.staff_base, "first": staff_first, "count": staff},
        )
        user_ids: list[int] = []
        agency_ids: list[int] = []
        roles: list[str] = []
        next_id = people.staff_base
        for agency_id, role, size in layout:
            plan.agencies[agency_id].staff[role] = (next_id, size)
            user_ids += range(next_id, next_id + size)
            agency_ids += [agency_id] * size
            roles += [role] * size
            next_id += size
        cursor.execute(
            INSERT_MEMBERSHIPS,
            {"users": user_ids, "agencies": agency_ids, "roles": roles, "now": plan.now},
        )
    return people
