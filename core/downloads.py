"""A private file download: kept by no cache, never second-guessed by a browser."""

from __future__ import annotations

from typing import IO

from django.http import FileResponse


def private_download(data: IO[bytes], filename: str, content_type: str) -> FileResponse:
    """A download of a file only its owner and the staff who may see it ever receive."""
    response = FileResponse(data, as_attachment=True, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
