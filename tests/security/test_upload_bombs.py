"""Every upload check holds a bounded amount of memory for a bounded time, whatever the
file: each crafted file is checked in a process of its own, whose peak memory is read."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from portal.devservices import BASE_DIR

# What one check may add to the process's peak memory, and take.
MEMORY_MB, SECONDS = 60, 10

# Makes the file in the child, then checks it there: the parent never holds it.
CHILD = """
import io, json, resource, sys, time, zipfile
import django
django.setup()
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from appeals.attachments import clean_upload

def docx(parts):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        for name, size in parts:
            with archive.open(name, "w", force_zip64=size > 2**31) as part:
                for _ in range(size // 2**20):
                    part.write(bytes(2**20))
                part.write(bytes(size % 2**20))
    return buffer.getvalue()

def png(width, height):
    from PIL import Image
    buffer = io.BytesIO()
    Image.new("1", (width, height)).save(buffer, format="PNG")  # a few KB, however large
    return buffer.getvalue()

{make}
baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
try:
    clean_upload(SimpleUploadedFile(NAME, DATA))
    verdict = "accepted"
except ValidationError as error:
    verdict = error.messages[0]
print(json.dumps({{
    "verdict": verdict, "seconds": time.perf_counter() - started, "size": len(DATA),
    "grew_mb": (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - baseline) / 1024,
}}))
"""

DOCX = 'NAME = "a.docx"\nDATA = docx({})'
CASES = {
    # Relationship parts of 1 MB of zeros each: the outside test's bomb (it had 1,000).
    "relationships": DOCX.format('[(f"_rels/{n}.rels", 2**20) for n in range(300)]'),
    # Many tiny parts: the archive's directory alone would be big to parse.
    "many parts": DOCX.format('[(f"word/media/{n}.xml", 0) for n in range(60000)]'),
    # One huge part, never read by the check, but Word would have to inflate it.
    "one huge part": DOCX.format('[("word/embeddings/x.bin", 300 * 2**20)]'),
    # One huge relationships part.
    "one huge relationships part": DOCX.format('[("_rels/.rels", 300 * 2**20)]'),
    # 10,950 × 10,950 pixels in some KB (the outside test's: RGBA 466 KB).
    "image of 120 megapixels": 'NAME = "a.png"\nDATA = png(10950, 10950)',
    # Just over the cap, where Pillow only warns.
    "image just over the cap": 'NAME = "a.png"\nDATA = png(6400, 6300)',
}


def check_in_a_process(make: str) -> dict[str, object]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test"}
    script = textwrap.dedent(CHILD).format(make=make)
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=BASE_DIR,
        timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize("case", CASES)
def test_a_crafted_file_is_checked_in_bounded_memory_and_time(case: str) -> None:
    result = check_in_a_process(CASES[case])
    assert result["verdict"] != "accepted", result
    assert result["grew_mb"] < MEMORY_MB, result  # type: ignore[operator]
    assert result["seconds"] < SECONDS, result  # type: ignore[operator]
