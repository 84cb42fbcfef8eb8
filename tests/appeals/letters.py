"""What the letter tests share: the server's signing pair in a temporary folder, the text of
a PDF, a copy with one byte changed."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from appeals.letters.keys import CERT_FILE, KEY_FILE, dev_pair


@pytest.fixture(scope="session")
def signing_pair(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return dev_pair(tmp_path_factory.mktemp("letter-signing") / "pair")


@pytest.fixture
def letter_settings(settings: Any, tmp_path: Path, signing_pair: Path) -> Iterator[None]:
    """Letters signed with the tests' pair and kept in the test's own media folder."""
    settings.LETTER_SIGNING_KEY = str(signing_pair / KEY_FILE)
    settings.LETTER_SIGNING_CERT = str(signing_pair / CERT_FILE)
    settings.MEDIA_ROOT = tmp_path
    yield


def pdf_text(data: bytes) -> str:
    """The text of every page, each run of spaces and line breaks made one space."""
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return " ".join(text.split())


def one_byte_changed(data: bytes, at: int | None = None) -> bytes:
    """The same file with one byte changed (in the middle, unless told where)."""
    changed = bytearray(data)
    position = len(data) // 2 if at is None else at
    changed[position] ^= 0x01
    return bytes(changed)


def body(response: Any) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return bytes(response.content)
