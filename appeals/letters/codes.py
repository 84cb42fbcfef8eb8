"""Verification codes: 120 random bits in base32, in groups of four for reading aloud."""

from __future__ import annotations

import base64
import re
import secrets

CODE_BYTES = 15  # 24 base32 characters, no padding
GROUP = 4
# Six groups of four: "ABCD-EFGH-…"; what a person types is normalised to it first.
CODE = re.compile(r"[A-Z2-7]{4}(?:-[A-Z2-7]{4}){5}")
SEPARATORS = re.compile(r"[\s\-‐-―]+")


def code_new() -> str:
    raw = base64.b32encode(secrets.token_bytes(CODE_BYTES)).decode()
    return "-".join(raw[i : i + GROUP] for i in range(0, len(raw), GROUP))


def code_normal(text: str) -> str | None:
    """The code as stored, from what was typed or scanned; None for what cannot be one."""
    if len(text) > 64:
        return None
    bare = SEPARATORS.sub("", text).upper()
    grouped = "-".join(bare[i : i + GROUP] for i in range(0, len(bare), GROUP))
    return grouped if CODE.fullmatch(grouped) else None
