"""The models of receptions and meetings, in two modules: what happens, and its figures."""

from receptions.models.figures import (
    FigureLevel,
    FigurePeriod,
    ReceptionFigure,
    ReceptionSnapshot,
)
from receptions.models.meetings import (
    QUESTION_LIMIT,
    Booking,
    BookingAttachment,
    Meeting,
    Question,
    QuestionFeedback,
    Slot,
)

__all__ = [
    "QUESTION_LIMIT",
    "Booking",
    "BookingAttachment",
    "FigureLevel",
    "FigurePeriod",
    "Meeting",
    "Question",
    "QuestionFeedback",
    "ReceptionFigure",
    "ReceptionSnapshot",
    "Slot",
]
