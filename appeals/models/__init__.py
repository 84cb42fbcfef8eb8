"""The appeals app's models: the appeal with its route, files and rating (appeal.py); what
is exchanged with the citizen before an answer and the answer's letter (exchange.py); links
between appeals on one matter and the topic models (listening.py)."""

from appeals.models.appeal import (
    NEVER_DELETED,
    REFERENCE_SEQUENCE,
    SUBJECT_LIMIT,
    TEXT_LIMIT,
    TEXT_MINIMUM,
    Appeal,
    AppealEvent,
    Attachment,
    Feedback,
    format_reference,
    next_reference_numbers,
)
from appeals.models.exchange import AnswerTemplate, Hearing, Letter, Question
from appeals.models.listening import AppealLink, TopicModel

__all__ = [
    "NEVER_DELETED",
    "REFERENCE_SEQUENCE",
    "SUBJECT_LIMIT",
    "TEXT_LIMIT",
    "TEXT_MINIMUM",
    "AnswerTemplate",
    "Appeal",
    "AppealEvent",
    "AppealLink",
    "Attachment",
    "Feedback",
    "Hearing",
    "Letter",
    "Question",
    "TopicModel",
    "format_reference",
    "next_reference_numbers",
]  # fmt: skip
