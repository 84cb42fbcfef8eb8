"""The access walk's rows for receptions and meetings (receptions/): the public calendar, its
feed, the meetings' pages and figures for anyone; booking for anyone signed in; a booking,
its file and a question's rating for their citizen (and the body's staff, and the front
office that books for walk-ins); the back-office's pages for the body's staff, its
announcing and recording for its managers (receptions/permissions.py MANAGING_ROLES)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.urls import reverse
from django.utils import timezone

from receptions.models import Booking, Meeting, QuestionFeedback
from receptions.rating_links import question_rating_token
from tests.factories import valid_iin
from tests.security.access_table import URL, api, backoffice, constant, page, to
from tests.security.access_world import (
    AGENCY_STAFF,
    APPLICANT,
    EVERYONE,
    LOGGED_IN,
    NOBODY,
    STAFF,
    World,
)
from tests.security.reception_world import QUESTION, heating

# The body's managers (registrar and head; people has no official); the front office.
MANAGERS = frozenset({"registrar", "head"})
FRONT_DESK = frozenset({"front_office"})
# An operator cancels only the bookings he made; the citizen booked this one himself.
BOOKING_CANCELLERS = APPLICANT | MANAGERS
NOT_FOUND = frozenset({404})

Of = Callable[[World], Meeting]


def planned(w: World) -> Meeting:
    return w.receptions.planned


def started(w: World) -> Meeting:
    return w.receptions.started


def held(w: World) -> Meeting:
    w.receptions.question  # noqa: B018 - the held meeting has its citizen's question
    return w.receptions.held


def held_unrecorded(w: World) -> Meeting:
    return w.receptions.held


def not_held(w: World) -> Meeting:
    return w.receptions.not_held


def pk_of(meeting: Of) -> Callable[[World], int]:
    return lambda w: meeting(w).pk


def snapshot_pk(w: World) -> int:
    return w.receptions.snapshot.pk


# --- What each POST changes -------------------------------------------------------------------


def active_bookings(meeting: Of) -> Callable[[World], int]:
    return lambda w: meeting(w).bookings.filter(status=Booking.Status.ACTIVE).count()


def booking_state(w: World) -> tuple[Any, ...]:
    booking = Booking.objects.filter(pk=w.receptions.booking.pk)
    return booking.values_list("status", "cancelled_at").get()


def meeting_state(meeting: Of) -> Callable[[World], tuple[Any, ...]]:
    fields = ("status", "not_held_reason", "attendance", "starts_at", "official_name")
    return lambda w: Meeting.objects.filter(pk=meeting(w).pk).values_list(*fields).get()


def questions(meeting: Of) -> Callable[[World], int]:
    return lambda w: meeting(w).questions.count()


def question_feedback(w: World) -> list[tuple[bool, str]]:
    rated = QuestionFeedback.objects.filter(question=w.receptions.question)
    return list(rated.values_list("satisfied", "comment"))


def meetings_of_body(w: World) -> int:
    return Meeting.objects.filter(agency=w.people.agency).count()


# --- What each POST sends ---------------------------------------------------------------------


def booking_form(w: World) -> dict[str, Any]:
    slot = w.receptions.planned.slots.exclude(bookings__status=Booking.Status.ACTIVE).first()
    assert slot is not None
    return {"slot": slot.pk, "category": heating().pk, "question": QUESTION}


def walk_in_booking(w: World) -> dict[str, Any]:
    form = booking_form(w)
    return {
        "slot_id": form["slot"], "category": form["category"], "question": form["question"],
        "iin": valid_iin(4343), "full_name": "Гость Приёмной", "document": "", "email": "",
        "phone": "",
    }  # fmt: skip


def announcement(w: World) -> dict[str, Any]:
    starts = timezone.localtime() + datetime.timedelta(days=5)
    moment = "%Y-%m-%dT10:00"
    return {
        "agency": w.people.agency.pk, "kind": Meeting.Kind.PERSONAL,
        "official_name": "Ерлан Аким", "official_post": "Аким города", "official": "",
        "region": w.people.agency.region_id, "locality": "", "place": "Абая, 1",
        "video_link": "", "target_group": "", "topics": "ЖКХ",
        "starts_at": starts.strftime(moment), "ends_at": starts.strftime("%Y-%m-%dT11:00"),
        "slot_minutes": 15,
    }  # fmt: skip


def floor_question(w: World) -> dict[str, Any]:
    row = {"category": heating().pk, "outcome": "resolved", "locality": "Медеу"}
    management = {"rows": "floor", "floor-TOTAL_FORMS": "1", "floor-INITIAL_FORMS": "0"}
    return {**management, **{f"floor-0-{key}": value for key, value in row.items()}}


# --- The rows ---------------------------------------------------------------------------------

MEETING = "receptions:meeting"
MINE = to("receptions:mine")
RATE = to("receptions:rate", lambda w: w.receptions.question.pk)


def _rating_link(w: World) -> str:
    return reverse("receptions:rate_by_link", args=[question_rating_token(w.receptions.question)])


def _forged_rating_link(w: World) -> str:
    token = question_rating_token(w.receptions.question)
    return reverse(
        "receptions:rate_by_link", args=[token[:-4] + ("B" if token[-1] == "A" else "A") * 4]
    )


CHANGE = "backoffice:receptions_meeting_change"
RESULT = "backoffice:receptions_meeting_result"
RECORD = "backoffice:receptions_meeting_record"
WALK_IN = "backoffice:receptions_meeting_walk_in"
ANNOUNCE = "backoffice:receptions_meeting_announce"


def result(meeting: Of, outcome: str) -> URL:
    return to(RESULT, pk_of(meeting), constant(outcome))


def walk_in_at(meeting: Of) -> URL:
    return lambda w: f"{reverse(WALK_IN)}?meeting={meeting(w).pk}"


def figures(query: str) -> URL:
    def url(w: World) -> str:
        w.receptions.snapshot  # noqa: B018 - the page shows the latest snapshot
        return f"{reverse('receptions:figures')}?{query}"

    return url


def api_figures(path: str) -> URL:
    return lambda w: path.format(id=snapshot_pk(w))


PAGES = [
    page("receptions:calendar", EVERYONE),
    page("receptions:calendar", EVERYONE, label="filtered",
         url=to("receptions:calendar", then="?body=akimat-kz-75&region=KZ-75&kind=personal")),
    page("receptions:ical", EVERYONE),
    page("receptions:ical", EVERYONE, url=to("receptions:ical", then="?body=akimat-kz-75"),
         label="of a body"),
    *[page(MEETING, EVERYONE, url=to(MEETING, pk_of(meeting)), label=label)
      for label, meeting in (("planned", planned), ("held", held), ("not held", not_held))],
    # Anyone signed in books a time with his own question, staff included.
    page("receptions:book", LOGGED_IN, url=to("receptions:book", pk_of(planned))),
    page("receptions:book", LOGGED_IN, "POST", url=to("receptions:book", pk_of(planned)),
         data=booking_form, effect=active_bookings(planned), lands=MINE),
    page("receptions:mine", LOGGED_IN),
    # The citizen gives his time back; the front office and the body's managers may for him.
    page("receptions:cancel", BOOKING_CANCELLERS, "POST",
         url=to("receptions:cancel", lambda w: w.receptions.booking.pk), data=lambda w: {},
         effect=booking_state, lands=MINE),
    page("receptions:booking_file", APPLICANT | AGENCY_STAFF,
         url=to("receptions:booking_file", lambda w: w.receptions.booking_file.pk)),
    page("receptions:rate", APPLICANT, url=RATE),
    page("receptions:rate", APPLICANT, "POST", url=RATE, effect=question_feedback,
         data=lambda w: {"satisfied": "no", "comment": "Отопления так и нет."}, lands=RATE),
    # The notice's link is the key: whoever holds it (the citizen's mailbox) may rate.
    page("receptions:rate_by_link", EVERYONE, url=_rating_link),
    page("receptions:rate_by_link", EVERYONE, "POST", url=_rating_link, effect=question_feedback,
         data=lambda w: {"satisfied": "no", "comment": "Отопления так и нет."},
         lands=lambda w: "/receptions/questions/rate/[^/]+/"),
    page("receptions:rate_by_link", NOBODY, url=_forged_rating_link, refused_with=NOT_FOUND,
         label="forged"),
    page("receptions:rate_by_link", NOBODY, "POST", url=_forged_rating_link,
         effect=question_feedback, data=lambda w: {"satisfied": "no"}, refused_with=NOT_FOUND,
         label="forged"),
    *[page("receptions:figures", EVERYONE, url=figures(query), label=query)
      for query in ("period=last_365_days&level=body", "period=all_time&level=official")],
    *[page("receptions:figures_export", EVERYONE, label=extension,
           url=to("receptions:figures_export", snapshot_pk, constant(extension)))
      for extension in ("csv", "json")],
    page("receptions:figures_export", NOBODY, label="other extension", refused_with=NOT_FOUND,
         url=to("receptions:figures_export", snapshot_pk, constant("xml"))),
    page("receptions:methodology", EVERYONE),
]  # fmt: skip

API = [
    api("GET /api/v1/receptions/meetings/", EVERYONE),
    api("GET /api/v1/receptions/meetings/{id}/", EVERYONE,
        url=lambda w: f"/api/v1/receptions/meetings/{held(w).pk}/"),
    api("GET /api/v1/receptions/figures/", EVERYONE,
        url=api_figures("/api/v1/receptions/figures/?period=last_365_days")),
    api("GET /api/v1/receptions/figures/{id}/", EVERYONE,
        url=api_figures("/api/v1/receptions/figures/{id}/")),
]  # fmt: skip

BACKOFFICE = [
    backoffice("backoffice:receptions_meeting_changelist", STAFF),
    # A meeting's page names its booked citizens and their questions: its body's staff only.
    backoffice(CHANGE, AGENCY_STAFF, url=to(CHANGE, pk_of(held))),
    # No edit form: a POST shows the page and changes nothing.
    backoffice(CHANGE, AGENCY_STAFF, "POST", url=to(CHANGE, pk_of(planned)),
               data=lambda w: {"status": "not_held", "official_name": "Другой"},
               effect=meeting_state(planned), writes=False, label="edit"),
    # Whoever manages a body has the form (with his own bodies to choose from).
    backoffice(ANNOUNCE, MANAGERS | {"other_agency_head"}),
    # Another body's head posting this body is refused by the form (200, its error shown);
    # the site's gate for the others is the GET row's.
    backoffice(ANNOUNCE, MANAGERS, "POST", data=announcement, effect=meetings_of_body,
               lands=lambda w: r"/backoffice/receptions/meeting/\d+/change/",
               refused_with=frozenset({200, 302, 404})),
    backoffice(RESULT, MANAGERS, url=result(started, "held"), label="held"),
    backoffice(RESULT, MANAGERS, "POST", url=result(started, "held"), label="held",
               data=lambda w: {"attendance": "40"}, effect=meeting_state(started),
               lands=to(CHANGE, pk_of(started))),
    backoffice(RESULT, MANAGERS, url=result(planned, "not_held"), label="not held"),
    backoffice(RESULT, MANAGERS, "POST", url=result(planned, "not_held"), label="not held",
               data=lambda w: {"reason": "Аким в командировке."}, effect=meeting_state(planned),
               lands=to(CHANGE, pk_of(planned))),
    backoffice(RESULT, NOBODY, url=result(planned, "cancelled"), label="no such result"),
    backoffice(RECORD, MANAGERS, url=to(RECORD, pk_of(held_unrecorded))),
    backoffice(RECORD, MANAGERS, "POST", url=to(RECORD, pk_of(held_unrecorded)),
               data=floor_question, effect=questions(held_unrecorded),
               lands=to(RECORD, pk_of(held_unrecorded))),
    backoffice(WALK_IN, FRONT_DESK),
    backoffice(WALK_IN, FRONT_DESK, url=walk_in_at(planned), label="a reception"),
    backoffice(WALK_IN, FRONT_DESK, "POST", url=walk_in_at(planned), data=walk_in_booking,
               effect=active_bookings(planned), lands=to(WALK_IN), label="a reception"),
]  # fmt: skip

RECEPTIONS_ROWS = [*PAGES, *API, *BACKOFFICE]
