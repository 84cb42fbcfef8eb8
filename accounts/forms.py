from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.services import password_reset_send


class AdminUserCreationForm(auth_forms.AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "full_name")


class AdminUserChangeForm(auth_forms.UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


class SignUpForm(forms.ModelForm[User]):
    """A citizen's or an organisation's account: identity, contact, language, password."""

    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    class Meta:
        model = User
        fields = (
            "email",
            "full_name",
            "kind",
            "iin_bin",
            "phone",
            "notify_by_sms",
            "preferred_language",
        )
        widgets = {"kind": forms.RadioSelect}
        help_texts = {"iin_bin": _("12 digits: IIN for a person, BIN for an organisation.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["iin_bin"].required = True
        self.fields["full_name"].required = True
        self.fields["phone"].required = True

    # Neither an email nor an IIN already known is refused here: the answer would tell
    # anyone whether it is registered (accounts.services.account_sign_up tells its owner).
    def clean_email(self) -> str:
        return User.objects.normalize_email(self.cleaned_data["email"]).lower()

    def clean_iin_bin(self) -> str:
        return str(self.cleaned_data["iin_bin"]).strip()

    def validate_unique(self) -> None:
        """The email's uniqueness is the service's to answer, without telling."""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            candidate = User(email=data.get("email", ""), full_name=data.get("full_name", ""))
            try:
                password_validation.validate_password(first, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class ProfileForm(forms.ModelForm[User]):
    class Meta:
        model = User
        fields = ("full_name", "phone", "notify_by_sms", "preferred_language")


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's, its email sent through the outbox, a few an hour for each account."""

    def send_mail(self, subject_template_name: str, email_template_name: str,
                  context: dict[str, Any], from_email: str | None, to_email: str,
                  html_email_template_name: str | None = None) -> None:  # fmt: skip
        password_reset_send(user=context["user"], uid=context["uid"], token=context["token"])
