"""The API's sign-in: tokens for an email and a password, listed and revoked by their owner."""

from __future__ import annotations

from typing import Any, cast

from django.contrib.auth import authenticate, logout
from drf_spectacular.utils import extend_schema
from knox.models import AuthToken
from rest_framework import serializers, status
from rest_framework.exceptions import AuthenticationFailed, NotFound
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User
from accounts.tokens import (
    TokenAuthentication,
    api_token_create,
    api_token_revoke,
    api_tokens_of,
    api_tokens_revoke_all,
)
from core.api_fields import Text


class TokenRequestSerializer(serializers.Serializer[dict[str, Any]]):
    email = serializers.EmailField(max_length=254)
    password = Text(min_length=1, max_length=4096)


class TokenSerializer(serializers.Serializer[dict[str, Any]]):
    token = serializers.CharField(help_text="Send as `Authorization: Token <token>`.")
    expiry = serializers.DateTimeField(allow_null=True)


class IssuedTokenSerializer(serializers.ModelSerializer[AuthToken]):
    """A token as its owner sees it: its first characters, never the whole of it."""

    class Meta:
        model = AuthToken
        fields = ("token_key", "created", "expiry")


def _user(request: Request) -> User:
    return cast(User, request.user)


class ObtainToken(APIView):
    """Exchange an email and a password for a new API token."""

    permission_classes = [AllowAny]
    # Only for the 401 challenge; the request itself carries no credentials yet.
    authentication_classes = [TokenAuthentication]

    @extend_schema(request=TokenRequestSerializer, responses={200: TokenSerializer})
    def post(self, request: Request) -> Response:
        data = TokenRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = authenticate(
            request._request, username=data.validated_data["email"].lower(),
            password=data.validated_data["password"],
        )  # fmt: skip
        if user is None:
            raise AuthenticationFailed()
        instance, token = api_token_create(user=cast(User, user))
        return Response({"token": token, "expiry": instance.expiry})


class Tokens(APIView):
    """The tokens issued to the user, newest first; DELETE revokes every one of them."""

    @extend_schema(responses={200: IssuedTokenSerializer(many=True)})
    def get(self, request: Request) -> Response:
        tokens = api_tokens_of(_user(request))
        return Response(IssuedTokenSerializer(tokens, many=True).data)

    @extend_schema(request=None, responses={204: None}, operation_id="auth_tokens_revoke_all")
    def delete(self, request: Request) -> Response:
        api_tokens_revoke_all(user=_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


class RevokeToken(APIView):
    """Revoke one of the user's tokens, named by its first characters (`token_key`)."""

    @extend_schema(request=None, responses={204: None}, operation_id="auth_token_revoke")
    def delete(self, request: Request, token_key: str) -> Response:
        if not api_token_revoke(user=_user(request), token_key=token_key):
            raise NotFound()
        return Response(status=status.HTTP_204_NO_CONTENT)


class Logout(APIView):
    """End this sign-in: revoke the token the request was made with, or end the session."""

    @extend_schema(request=None, responses={204: None})
    def post(self, request: Request) -> Response:
        if isinstance(request.auth, AuthToken):
            request.auth.delete()
        else:
            logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)
