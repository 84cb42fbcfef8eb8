from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions, serializers

from accounts.identifiers import validate_iin
from accounts.models import IdentityCheck, User
from agencies import held
from agencies.models import Agency, AppealType, Category, Region
from appeals.attachments import MAX_BYTES, MAX_FILES, UploadLimitReached, clean_uploads
from appeals.complaints import ComplaintOffer, complaint_offer
from appeals.models import (
    SUBJECT_LIMIT,
    TEXT_LIMIT,
    TEXT_MINIMUM,
    Appeal,
    AppealEvent,
    Attachment,
    Feedback,
    Hearing,
    Question,
)
from appeals.questions import questions_of
from appeals.status_lookup import code_shown
from appeals.timeline import describe, public_comment
from appeals.workflow import TRANSITIONS, Action, Input, InputKind, input_choices
from core.api_fields import (
    CodeReference,
    Consent,
    CopiedFields,
    Flag,
    KeptModelFields,
    Reference,
    Text,
    Whole,
)


class AttachmentSerializer(KeptModelFields, serializers.ModelSerializer[Attachment]):
    download = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = ("id", "kind", "original_name", "content_type", "size", "download")

    def get_download(self, attachment: Attachment) -> str:
        return reverse("appeals:attachment", args=[attachment.pk])


class EventSerializer(KeptModelFields, serializers.ModelSerializer[AppealEvent]):
    text = serializers.SerializerMethodField()
    comment = serializers.SerializerMethodField()

    class Meta:
        model = AppealEvent
        fields = ("action", "created_at", "from_status", "to_status", "text", "comment")

    def get_text(self, event: AppealEvent) -> str:
        return describe(event)

    def get_comment(self, event: AppealEvent) -> str:
        return public_comment(event)


class AppealSerializer(KeptModelFields, serializers.ModelSerializer[Appeal]):
    type: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    category: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    region: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    agency: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    addressee: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    overdue = serializers.SerializerMethodField()
    answer_kind = serializers.ChoiceField(
        choices=Appeal.AnswerKind.choices, allow_blank=True, read_only=True
    )
    complaint_ground = serializers.ChoiceField(
        choices=Appeal.ComplaintGround.choices, allow_blank=True, read_only=True,
        help_text="Of a complaint: what it is about; empty for other appeals.",
    )  # fmt: skip
    complaint_outcome = serializers.ChoiceField(
        choices=Appeal.ComplaintOutcome.choices, allow_blank=True, read_only=True,
        help_text="Of a decided complaint: the higher body's decision.",
    )  # fmt: skip

    class Meta:
        model = Appeal
        fields: tuple[str, ...] = (
            "id", "reference", "type", "status", "subject", "category", "region", "addressee",
            "agency", "received_at", "due_at", "answered_at", "overdue", "forward_count",
            "answer_kind", "complaint_of", "complaint_ground", "complaint_outcome",
        )  # fmt: skip
        read_only_fields: tuple[str, ...] = fields

    def get_overdue(self, appeal: Appeal) -> bool:
        return appeal.is_open and appeal.due_at < timezone.now()


class ComplaintOfferSerializer(serializers.Serializer[ComplaintOffer]):
    """A complaint the applicant may send now: POST it to appeals/ with complaint_of, the
    type "complaint" and this addressee."""

    ground = serializers.ChoiceField(choices=Appeal.ComplaintGround.choices)
    addressee = serializers.CharField(source="higher.code", help_text="The body above's code.")


class QuestionSerializer(serializers.ModelSerializer[Question]):
    """A question of the body to the applicant, with the reply and its files once sent."""

    files = AttachmentSerializer(many=True, source="attachments")
    reply_url = serializers.SerializerMethodField(help_text="Where the applicant replies.")

    class Meta:
        model = Question
        fields = ("id", "kind", "text", "asked_at", "reply", "replied_at", "files", "reply_url")
        read_only_fields = fields

    def get_reply_url(self, question: Question) -> str:
        return reverse("api-question-reply", args=[question.appeal_id, question.pk])


class HearingSerializer(serializers.ModelSerializer[Hearing]):
    """An intended refusal told to the applicant, and their objection (APPC art. 73)."""

    class Meta:
        model = Hearing
        fields = (
            "id", "intended", "notified_at", "objection_until", "objection", "objected_at",
            "concluded_at",
        )  # fmt: skip
        read_only_fields = fields


class AppealDetailSerializer(AppealSerializer):
    timeline = EventSerializer(many=True, source="events")
    attachments = AttachmentSerializer(many=True)
    satisfied = serializers.SerializerMethodField()
    complaint = serializers.SerializerMethodField()
    questions = serializers.SerializerMethodField()
    hearings = serializers.SerializerMethodField()

    class Meta(AppealSerializer.Meta):
        fields = (
            *AppealSerializer.Meta.fields, "text", "address", "language", "co_applicants",
            "answer_text", "timeline", "attachments", "satisfied", "complaint", "questions",
            "hearings",
        )  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(ComplaintOfferSerializer(allow_null=True))
    def get_complaint(self, appeal: Appeal) -> dict[str, Any] | None:
        """The complaint the applicant may send now (staff see it too), or null."""
        offer = complaint_offer(appeal, timezone.now())
        return None if offer is None else dict(ComplaintOfferSerializer(offer).data)

    @extend_schema_field(QuestionSerializer(many=True))
    def get_questions(self, appeal: Appeal) -> list[Any]:
        """The body's questions to the applicant, oldest first (docs/workflow.md)."""
        return list(QuestionSerializer(questions_of(appeal), many=True).data)

    @extend_schema_field(HearingSerializer(many=True))
    def get_hearings(self, appeal: Appeal) -> list[Any]:
        """Intended refusals told to the applicant, oldest first; object at objection/."""
        hearings = appeal.hearings.order_by("notified_at", "pk")
        return list(HearingSerializer(hearings, many=True).data)

    def get_satisfied(self, appeal: Appeal) -> bool | None:
        feedback = Feedback.objects.filter(appeal=appeal).first()
        return None if feedback is None else feedback.satisfied


class AppealCreatedSerializer(AppealDetailSerializer):
    """The appeal just sent, with its lookup code: in this reply only, never again."""

    lookup_code = serializers.SerializerMethodField(
        help_text="With the reference, shows the status at status/ without a login; null in "
        "the reply to a request sent again. Not stored: keep it now."
    )

    class Meta(AppealDetailSerializer.Meta):
        fields = (*AppealDetailSerializer.Meta.fields, "lookup_code")
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_lookup_code(self, appeal: Appeal) -> str | None:
        code: str = self.context.get("lookup_code", "")
        return code_shown(code) if code else None

    # A new appeal (a lookup code is given for new ones only) has had no time to get a
    # rating, a question or a hearing: these are not read for it.
    def get_satisfied(self, appeal: Appeal) -> bool | None:
        return None if self.context.get("lookup_code") else super().get_satisfied(appeal)

    @extend_schema_field(QuestionSerializer(many=True))
    def get_questions(self, appeal: Appeal) -> list[Any]:
        """The body's questions to the applicant, oldest first (docs/workflow.md)."""
        return [] if self.context.get("lookup_code") else super().get_questions(appeal)

    @extend_schema_field(HearingSerializer(many=True))
    def get_hearings(self, appeal: Appeal) -> list[Any]:
        """Intended refusals told to the applicant, oldest first; object at objection/."""
        return [] if self.context.get("lookup_code") else super().get_hearings(appeal)


def files_field() -> serializers.ListField:
    """Attached files, sent only in a multipart body (core.api_fields.by_media_type)."""
    return serializers.ListField(
        child=serializers.FileField(), required=False, default=list, max_length=MAX_FILES,
        help_text=f"PDF, JPEG, PNG or DOCX files of at most {MAX_BYTES // 2**20} MB each, "
        "each named with its extension (.pdf, .jpg, .png, .docx).",
    )  # fmt: skip


class OwnAppealField(Reference):
    """One of the sender's own appeals. Another person's id is refused exactly like an id
    that does not exist, so the answer never tells whether someone else's appeal exists."""

    def get_queryset(self) -> Any:
        return Appeal.objects.filter(applicant=self.context["request"].user)


class AppealCreateSerializer(CopiedFields, serializers.Serializer[dict[str, Any]]):
    """A new appeal; send files as multipart `attachments` (the same rules as the web form)."""

    # Checked against the rows each process holds (agencies.held); the querysets say what
    # the schema lists.
    type = CodeReference(
        slug_field="code", queryset=AppealType.objects.all(), held=held.APPEAL_TYPES
    )
    category = CodeReference(
        slug_field="code", held=held.ACTIVE_TOPICS,
        queryset=Category.objects.filter(is_active=True, parent__isnull=False),
    )  # fmt: skip
    region = CodeReference(slug_field="code", queryset=Region.objects.all(), held=held.REGIONS)
    addressee = CodeReference(
        slug_field="code", queryset=Agency.objects.filter(is_active=True),
        held=held.ACTIVE_AGENCIES,
    )  # fmt: skip
    subject = Text(min_length=1, max_length=SUBJECT_LIMIT)
    text = Text(min_length=TEXT_MINIMUM, max_length=TEXT_LIMIT)
    address = Text(max_length=300, required=False, default="", allow_blank=True)
    language = serializers.ChoiceField(choices=settings.LANGUAGES)
    co_applicants = Whole(min_value=0, max_value=100_000, default=0)
    complaint_of = OwnAppealField(
        queryset=Appeal.objects.all(), required=False, allow_null=True, default=None
    )
    attachments = files_field()
    consent = Consent(help_text="Must be true: the appeal is considered only with it.")

    def validate_consent(self, value: bool) -> bool:
        if not value:
            raise serializers.ValidationError(
                _("The appeal cannot be considered without your consent.")
            )
        return value

    def validate_attachments(self, value: list[Any]) -> list[Any]:
        return clean_uploaded(value, self.context["request"].user.pk)


class RatingSerializer(serializers.Serializer[dict[str, Any]]):
    satisfied = Flag()
    reason = serializers.ChoiceField(choices=Feedback.Reason.choices, required=False, default="")
    comment = Text(required=False, default="", max_length=2000, allow_blank=True)


class WalkInAppealSerializer(AppealCreateSerializer):
    """A front-office operator sends the appeal of a citizen who came in person."""

    iin = serializers.RegexField(r"^[0-9]{12}$", help_text="12 digits, the last a check digit.")
    full_name = Text(min_length=1, max_length=200)
    document = serializers.ChoiceField(
        choices=IdentityCheck.Document.choices, required=False, allow_blank=True, default="",
        help_text="The identity document the operator checked, which proves the IIN; empty: "
        "none (the IIN and name are as the citizen gave them).",
    )  # fmt: skip
    email = serializers.EmailField(required=False, default="", allow_blank=True)
    phone = Text(required=False, default="", max_length=20, allow_blank=True)
    # The citizen is found by IIN later; the service checks that the appeal is theirs.
    complaint_of = Reference(  # type: ignore[assignment]
        queryset=Appeal.objects.all(), required=False, allow_null=True, default=None
    )

    def validate_iin(self, value: str) -> str:
        try:
            validate_iin(value)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from None
        return value


def clean_uploaded(files: list[Any], uploader_id: int) -> list[Any]:
    """The same rules as the web forms; the files count against the sender's hourly limit."""
    try:
        return clean_uploads(files, uploader_id=uploader_id)
    except UploadLimitReached as limit:
        raise exceptions.Throttled(wait=limit.retry_after, detail=limit.messages[0]) from None
    except DjangoValidationError as error:
        raise serializers.ValidationError(error.messages) from None


class ActionSerializer(serializers.Serializer[dict[str, Any]]):
    """A workflow action's input: its fields are the action's inputs (appeals.workflow)."""

    action: Action

    def __init__(
        self, *args: Any, appeal: Appeal | None = None, actor_id: int = 0, **kwargs: Any
    ) -> None:
        """Without an appeal (the schema's instance) the choices are only those of the kind."""
        super().__init__(*args, **kwargs)
        self.actor_id = actor_id
        if appeal is None:
            return
        for item in TRANSITIONS[self.action].inputs:
            field = self.fields.get(item.name)  # files: not in a JSON body
            if isinstance(field, Reference):
                field.queryset = input_choices(item, appeal)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        for item in TRANSITIONS[self.action].inputs:
            if item.kind == InputKind.FILES:
                attrs[item.name] = clean_uploaded(attrs.get(item.name, []), self.actor_id)
        return attrs


def serializer_field(item: Input) -> serializers.Field:
    """The API field of one input; the services check again what matters."""
    required = item.required
    match item.kind:
        case InputKind.CHOICE:
            assert item.choices is not None  # noqa: S101 - the table gives them
            return serializers.ChoiceField(choices=item.choices.choices, required=required)
        case InputKind.AGENCY:
            return Reference(queryset=Agency.objects.filter(is_active=True), required=required)
        case InputKind.EXECUTOR:
            return Reference(queryset=User.objects.none(), required=required)
        case InputKind.EARLIER:
            return Reference(
                queryset=Appeal.objects.none(), required=required, allow_null=True, default=None
            )
        case InputKind.PARALLEL:
            return Reference(queryset=Appeal.objects.none(), required=required)
        case InputKind.DATE:
            return serializers.DateField(required=required)
        case InputKind.FILES:
            return files_field()
        case InputKind.FLAG:
            return Flag(required=False, default=False)
    if required:
        return Text(min_length=1, max_length=item.max_length)
    return Text(required=False, default="", allow_blank=True, max_length=item.max_length)


ACTION_SERIALIZERS: dict[Action, type[ActionSerializer]] = {
    action: type(
        f"{action.value.title()}Request",
        (ActionSerializer,),
        {"action": action, **{item.name: serializer_field(item) for item in transition.inputs}},
    )
    for action, transition in TRANSITIONS.items()
}
