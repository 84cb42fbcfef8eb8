from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from accounts.models import User
from appeals.models import Appeal
from tests.conftest import People
from tests.security.access_world import PASSWORD, Cast


@pytest.fixture
def cast(people: People, appeal_in: Callable[[str], Appeal], settings: Any, tmp_path: Any) -> Cast:
    settings.MEDIA_ROOT = tmp_path
    superuser = User.objects.create_superuser(
        "root@otinish.test", PASSWORD, full_name="Root", iin_bin=""
    )
    return Cast(people, appeal_in, superuser)
