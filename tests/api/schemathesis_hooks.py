"""What schemathesis cannot take from a schema: files the API accepts (a schema says a part
is a file, not what makes a PDF or PNG well formed), and a fresh UUID for each
Idempotency-Key, as a client makes one per submission (hypothesis draws the simplest
UUIDs again and again, and a key sent again with another body is rightly a 422). Used by
tests/api/test_fuzz.py and from outside (docs/api.md):

    SCHEMATHESIS_HOOKS=tests.api.schemathesis_hooks st run http://…/api/schema/ --checks all
"""

from __future__ import annotations

import io
import uuid

import schemathesis
from hypothesis import strategies as st
from PIL import Image


@st.composite
def _image(draw: st.DrawFn, kind: str) -> bytes:
    size = (draw(st.integers(1, 64)), draw(st.integers(1, 64)))
    colour = tuple(draw(st.integers(0, 255)) for _ in range(3))
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format=kind)
    return buffer.getvalue()


@st.composite
def _pdf(draw: st.DrawFn) -> bytes:
    words = draw(st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", max_size=200))
    return b"%PDF-1.4\n1 0 obj<<>>endobj\n% " + words.encode() + b"\ntrailer<<>>\n%%EOF\n"


# A file part is a string of format "binary"; schemathesis names it by its first bytes, so
# no DOCX: a DOCX's are a ZIP's.
schemathesis.openapi.format("binary", st.one_of(_pdf(), _image("PNG"), _image("JPEG")))
# Only the Idempotency-Key is a UUID in the schema.
schemathesis.openapi.format("uuid", st.builds(lambda: str(uuid.uuid4())))
