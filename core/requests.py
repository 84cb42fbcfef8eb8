"""A request whose user is known to be logged in, for views behind a login."""

from __future__ import annotations

from typing import Generic, TypeVar

from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest

UserT = TypeVar("UserT", bound=AbstractBaseUser)


class AuthenticatedRequest(HttpRequest, Generic[UserT]):
    """`AuthenticatedRequest[User]`: what `login_required` guarantees, said to the type checker.

    Core knows no user model; the stubs type `HttpRequest.user` with the project's, hence
    the one ignore.
    """

    user: UserT  # type: ignore[assignment]
