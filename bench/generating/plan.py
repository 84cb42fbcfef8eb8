"""What a run decides before it writes a row: where appeals go, when they come, the deadlines
of each day, and who works where."""

from __future__ import annotations

import bisect
import datetime
import math
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from accounts.models import Membership
from agencies.models import Agency, AppealType, Category, Region
from agencies.workdays import ALMATY, WorkCalendar, end_of_day
from appeals.forwards import FORWARD_WORKING_DAYS
from appeals.services import EXTENSION_MONTHS, add_months

BENCH_DOMAIN = "bench.otinish.test"
DEFAULT_PASSWORD = "bench-pass-2026"  # noqa: S105 - printed on purpose: benchmark logins
DEFAULT_STAFF = 5_000
AKIMAT_SHARE = 0.82  # akimats with their district bodies; the rest goes to ministries
DISTRICT_SHARE = 0.45  # of a city's traffic, what its district akimats receive
CITY_FACTOR = 2.0  # republican cities write more per head than the oblasts
# Population in thousands (2024), the base of each region's traffic.
POPULATION = {
    "KZ-10": 603, "KZ-11": 786, "KZ-15": 930, "KZ-19": 1520, "KZ-23": 700, "KZ-27": 690,
    "KZ-31": 1220, "KZ-33": 700, "KZ-35": 1130, "KZ-39": 830, "KZ-43": 830, "KZ-47": 780,
    "KZ-55": 750, "KZ-59": 530, "KZ-61": 2110, "KZ-62": 220, "KZ-63": 720, "KZ-71": 1420,
    "KZ-75": 2230, "KZ-79": 1220,
}  # fmt: skip
MINISTRY_WEIGHTS = {
    "mtszn": 24, "mvd": 17, "mf": 12, "mz": 8, "mp": 6, "mju": 5, "mps": 4, "mt": 4, "msh": 4,
    "mtsriap": 3, "mne": 3, "mepr": 2, "mnvo": 2, "mchs": 1.5, "me": 1.5, "mti": 1.5,
    "mvri": 1, "mki": 1, "mts": 0.7, "mid": 0.5, "mo": 0.5,
}  # fmt: skip
# Ministries with no topic of their own in the reference answer these.
MINISTRY_TOPICS = {
    "mps": ("construction-quality", "construction-shared-equity"),
    "mvri": ("ecology-water",),
    "mki": ("other-culture-sport", "other-religion"),
    "mts": ("other-culture-sport",),
}
FALLBACK_TOPIC = "other-misc"
# Abolished bodies received their successors' appeals until the reorganisation.
PREDECESSORS = {
    "mp": ("mon", datetime.date(2022, 6, 11)),
    "mnvo": ("mon", datetime.date(2022, 6, 11)),
    "mepr": ("megpr", datetime.date(2023, 9, 1)),
    "mvri": ("megpr", datetime.date(2023, 9, 1)),
    "mps": ("miir", datetime.date(2023, 9, 1)),
    "mt": ("miir", datetime.date(2023, 9, 1)),
}
TOPIC_WEIGHTS = {
    "housing": 24, "public-spaces": 13, "roads-transport": 10, "construction": 5, "land": 9,
    "agriculture": 4, "ecology": 4, "employment": 6, "social-protection": 9,
    "pensions-benefits": 8, "healthcare": 8, "education": 8, "prices": 4, "public-safety": 7,
    "public-services": 5, "corruption": 2, "other": 6,
}  # fmt: skip
TYPE_WEIGHTS = {
    "application": 45, "complaint": 18, "request": 14, "message": 10, "proposal": 8, "response": 5,
}  # fmt: skip
# Share of each role among an agency's staff; everyone gets at least one of each.
ROLE_SHARES = {
    Membership.Role.EXECUTOR.value: 0.58,
    Membership.Role.REGISTRAR.value: 0.15,
    Membership.Role.FRONT_OFFICE.value: 0.10,
    Membership.Role.HEAD.value: 0.08,
    Membership.Role.CONTROLLER.value: 0.07,
    # Heads and deputies who hold receptions (bench/generating/meetings.py).
    Membership.Role.OFFICIAL.value: 0.02,
}
# Appeals by hour of the day, Almaty time: office hours on working days, flatter on days off.
WORKING_HOURS = (1, 1, 1, 1, 1, 2, 3, 5, 8, 12, 12, 12, 9, 10, 12, 12, 11, 10, 7, 5, 4, 3, 2, 1)
DAY_OFF_HOURS = (1, 1, 1, 1, 1, 1, 1, 2, 3, 4, 5, 5, 5, 5, 5, 5, 5, 4, 4, 3, 3, 2, 2, 1)
DAY_OFF_WEIGHT = 0.3
# Shares of all appeals; each agency adds its own share of appeals never answered.
FORWARDED, WITHDRAWN, TERMINATED, EXTENDED, RATED = 0.05, 0.03, 0.05, 0.03, 0.34
# Of the appeals of the type "complaint", those about an earlier appeal (the rest are about
# something else); of those decided, upheld and partly upheld.
COMPLAINTS_LINKED, UPHELD, PARTLY_UPHELD = 0.35, 0.22, 0.13
# Of the forwards of the last year (since returns are recorded), those that go back and forth.
RETURNED, RETURNS_SINCE_DAYS = 0.2, 365
# Yearly growth of traffic: steep lately (1.7 M in 2022, 4.4 M in 2024), gentler before.
RECENT_GROWTH, RECENT_YEARS, EARLY_GROWTH = 0.48, 3.0, 0.18


@dataclass(frozen=True)
class Options:
    count: int
    seed: int = 2026
    years: int = 10
    citizens: int = 0  # 0: count / 8
    staff: int = DEFAULT_STAFF
    password: str = DEFAULT_PASSWORD
    workers: int = 2
    batch_size: int = 250_000
    meetings: int = -1  # -1: in proportion to the appeals (bench/generating/meetings.py)


@dataclass
class AgencyPlan:
    agency: Agency
    weight: float = 0.0  # share of all appeals it receives as the responsible body
    categories: list[tuple[int, float]] = field(default_factory=list)
    predecessor_id: int | None = None
    predecessor_until: datetime.datetime | None = None
    dissatisfied: float = 0.0  # stable per agency: 25–50 % of ratings
    late: float = 0.0  # share of answers after the deadline
    abandoned: float = 0.0  # share of appeals never answered
    staff: dict[str, tuple[int, int]] = field(default_factory=dict)  # role → first id, count


@dataclass
class Report:
    """What a run wrote, for the command to print."""

    appeals: int = 0
    events: int = 0
    ratings: int = 0
    meetings: int = 0
    questions: int = 0  # raised at the meetings
    citizens: int = 0
    staff: int = 0
    seconds: float = 0.0
    people_seconds: float = 0.0
    interrupted: bool = False
    logins: list[tuple[str, str]] = field(default_factory=list)  # (email, who)


def cumulative(weights: Sequence[float]) -> list[float]:
    """Lower bounds of each choice's bucket in [0, 1), for SQL's width_bucket()."""
    total = float(sum(weights))
    bounds, running = [], 0.0
    for weight in weights:
        bounds.append(running / total)
        running += weight
    return bounds


def _largest_remainder(total: int, weights: Sequence[float]) -> list[int]:
    """`total` split in proportion to `weights`, in whole numbers that add up exactly."""
    scale = total / float(sum(weights))
    exact = [w * scale for w in weights]
    counts = [int(x) for x in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: counts[i] - exact[i])
    for index in by_remainder[: total - sum(counts)]:
        counts[index] += 1
    return counts


class Plan:
    """Everything decided in Python before a single appeal is written."""

    def __init__(self, options: Options, now: datetime.datetime) -> None:
        self.options = options
        self.now = now
        self.rng = random.Random(options.seed)
        self.types = list(AppealType.objects.order_by("position", "pk"))
        self.regions = list(Region.objects.order_by("code"))
        self.agencies = self._agencies()
        if not self.types or not self.regions or not self.agencies:
            raise ValueError("No reference data: run `manage.py load_reference` first.")
        self.today = now.astimezone(ALMATY).date()
        self.first_day = self.today - datetime.timedelta(days=round(options.years * 365.25) - 1)
        # Deadlines and extensions reach up to two months past the last day.
        calendar = WorkCalendar.load(self.first_day, self.today + datetime.timedelta(days=120))
        span = (self.today - self.first_day).days + 121
        every_day = (self.first_day + datetime.timedelta(days=i) for i in range(span))
        self.working_days = [day for day in every_day if calendar.is_working_day(day)]
        self.is_working = frozenset(self.working_days)
        self.days = self._days()

    # --- where appeals go ---------------------------------------------------------

    def region_weight(self, region: Region) -> float:
        base = POPULATION.get(region.code, 500)
        return base * (CITY_FACTOR if region.kind == Region.Kind.CITY else 1.0)

    def _agencies(self) -> dict[int, AgencyPlan]:
        agencies = list(Agency.objects.order_by("pk"))
        by_code = {a.code: a for a in agencies}
        plans = {a.pk: AgencyPlan(a) for a in agencies}
        regional = [a for a in agencies if a.kind == Agency.Kind.AKIMAT and a.is_active]
        region_total = sum(self.region_weight(a.region) for a in regional if a.region)
        for akimat in regional:
            if akimat.region is None:
                continue
            share = AKIMAT_SHARE * self.region_weight(akimat.region) / region_total
            districts = [a for a in agencies if a.parent_id == akimat.pk and a.is_active]
            plans[akimat.pk].weight = share * (1 - DISTRICT_SHARE if districts else 1)
            jitter = [self.rng.uniform(0.7, 1.3) for _ in districts]
            for district, factor in zip(districts, jitter, strict=True):
                plans[district.pk].weight = share * DISTRICT_SHARE * factor / sum(jitter)
        central = [
            a
            for a in agencies
            if a.kind in (Agency.Kind.MINISTRY, Agency.Kind.CENTRAL) and a.is_active
        ]
        central_total = sum(MINISTRY_WEIGHTS.get(a.code, 1) for a in central)
        for ministry in central:
            plans[ministry.pk].weight = (
                (1 - AKIMAT_SHARE) * MINISTRY_WEIGHTS.get(ministry.code, 1) / central_total
            )
        self._categories(plans)
        for code, (old_code, until) in PREDECESSORS.items():
            if code in by_code and old_code in by_code and not by_code[old_code].is_active:
                plan = plans[by_code[code].pk]
                plan.predecessor_id = by_code[old_code].pk
                plan.predecessor_until = datetime.datetime.combine(
                    until, datetime.time.min, tzinfo=ALMATY
                )
        for plan in plans.values():  # the stable character of each body
            plan.dissatisfied = self.rng.uniform(0.25, 0.5)
            plan.late = self.rng.uniform(0.03, 0.2)
            plan.abandoned = self.rng.uniform(0.01, 0.08)
        predecessors = {p.predecessor_id for p in plans.values() if p.predecessor_id}
        # The bodies above them decide the complaints about them (the Government above the
        # ministries and the regional akimats): they have staff, and receive no other appeals.
        higher = {
            p.agency.parent_id for pk, p in plans.items() if p.weight > 0 or pk in predecessors
        }
        kept = predecessors | higher
        return {pk: p for pk, p in plans.items() if p.weight > 0 or pk in kept}

    def _categories(self, plans: dict[int, AgencyPlan]) -> None:
        """Akimats get the local topics; a ministry its own (or a few named ones)."""
        categories = list(Category.objects.filter(is_active=True).select_related("parent"))
        leaves = [c for c in categories if not any(o.parent_id == c.pk for o in categories)]

        def weight(category: Category) -> float:
            top = category.parent or category
            siblings = sum(1 for c in leaves if (c.parent or c) == top)
            return TOPIC_WEIGHTS.get(top.code, 2) / siblings

        local = [(c.pk, weight(c)) for c in leaves if c.jurisdiction == Category.Jurisdiction.LOCAL]
        by_topic = {c.code: c for c in leaves}
        for plan in plans.values():
            agency = plan.agency
            if agency.kind in (Agency.Kind.AKIMAT, Agency.Kind.LOCAL):
                plan.categories = local
                continue
            own = [(c.pk, weight(c)) for c in leaves if c.central_agency_id == agency.pk]
            named = [by_topic[c] for c in MINISTRY_TOPICS.get(agency.code, ()) if c in by_topic]
            fallback = named or (
                [by_topic[FALLBACK_TOPIC]] if FALLBACK_TOPIC in by_topic else leaves[:1]
            )
            plan.categories = own or [(c.pk, 1.0) for c in fallback]

    # --- when appeals come ----------------------------------------------------------

    def _days(self) -> list[tuple[datetime.date, int, bool]]:
        """(day, appeals that day, working day?) from the oldest day to today."""
        today, first = self.today, self.first_day
        days, weights = [], []
        midnight = datetime.datetime.combine(today, datetime.time.min, tzinfo=ALMATY)
        elapsed = (self.now - midnight).total_seconds() / 86400
        for offset in range((today - first).days + 1):
            day = first + datetime.timedelta(days=offset)
            years_ago = (today - day).days / 365.25
            growth = -RECENT_GROWTH * min(years_ago, RECENT_YEARS) - EARLY_GROWTH * max(
                years_ago - RECENT_YEARS, 0
            )
            working = day in self.is_working
            weight = math.exp(growth) * (1 if working else DAY_OFF_WEIGHT)
            days.append((day, working))
            weights.append(weight * (elapsed if day == today else 1))
        counts = _largest_remainder(self.options.count, weights)
        return [(day, n, working) for (day, working), n in zip(days, counts, strict=True)]

    def working_day_after(self, day: datetime.date, count: int = 1) -> datetime.date:
        """The `count`-th working day after `day`, as WorkCalendar.add_working_days counts."""
        return self.working_days[bisect.bisect_right(self.working_days, day) + count - 1]

    def deadline_rows(self) -> Iterator[tuple[datetime.date, int, bool, datetime.datetime]]:
        """(day, working days, received after the cutoff?, deadline) for every day and type.

        Counted once per day, not per appeal: day zero is the day itself when it is a working
        day and the appeal came before the cutoff, else the next working day (WorkCalendar).
        """
        spans = sorted({t.deadline_working_days for t in self.types} | {FORWARD_WORKING_DAYS})
        for day, _count, working in self.days:
            for after in (False, True):
                day_zero = day if working and not after else self.working_day_after(day)
                for span in spans:
                    yield day, span, after, end_of_day(self.working_day_after(day_zero, span))

    def extension_until(self, day: datetime.date) -> datetime.datetime:
        """The latest working day the law allows an extension to: two months after receipt."""
        until = add_months(day, EXTENSION_MONTHS)
        while until not in self.is_working:
            until -= datetime.timedelta(days=1)
        return end_of_day(until)

    # --- who works where --------------------------------------------------------------

    def staff_layout(self, total: int) -> list[tuple[int, str, int]]:
        """(agency id, role, people) blocks, every agency with every role, sized by traffic."""
        roles = list(ROLE_SHARES)
        plans = list(self.agencies.values())
        minimum = len(roles) * len(plans)
        if total < minimum:
            raise ValueError(f"--staff must be at least {minimum}: every role in every agency.")
        sizes = _largest_remainder(total - minimum, [max(p.weight, 0.001) ** 0.8 for p in plans])
        blocks = []
        for plan, extra in zip(plans, sizes, strict=True):
            by_role = _largest_remainder(extra, list(ROLE_SHARES.values()))
            blocks += [
                (plan.agency.pk, role, 1 + n) for role, n in zip(roles, by_role, strict=True)
            ]
        return blocks

    def biggest_agency(self) -> AgencyPlan:
        return max(self.agencies.values(), key=lambda p: p.weight)
