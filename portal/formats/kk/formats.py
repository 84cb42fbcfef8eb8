"""Dates in Kazakh: the formats of every language (portal/formats/common.py); what is not set
there comes from Django's own formats for the language."""

from portal.formats.common import *  # noqa: F403
