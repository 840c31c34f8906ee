"""Serializers for supply and demand items; personal fields masked unless the viewer may."""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from chanjiao.catalogs.resolve import CODE_PATTERNS, catalog_resolve
from chanjiao.common.api_fields import IdField
from chanjiao.common.masking import mask_phone
from chanjiao.listings.display import MASK, mask_name, publisher_name
from chanjiao.listings.kinds import Direction, Education, ListingKind
from chanjiao.listings.models import Listing, ListingStatus
from chanjiao.listings.selectors import ORDERINGS
from chanjiao.listings.workflow import LISTING_WORKFLOW
from chanjiao.workflow.selectors import transition_actions_available


class CodeNameSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


# Output formats of the fast path below, exactly as the declared fields write them.
_DATETIME = serializers.DateTimeField()
_DATE = serializers.DateField()


class ListingOutputSerializer(serializers.Serializer):
    """An item; ``contact_*`` and personal details are masked unless the viewer may see them."""

    id = serializers.IntegerField(source="pk")
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    direction = serializers.CharField()
    title = serializers.CharField()
    description = serializers.CharField()
    organization = serializers.SerializerMethodField()
    publisher = serializers.SerializerMethodField()
    region = CodeNameSerializer()
    industry = CodeNameSerializer(allow_null=True)
    occupation = CodeNameSerializer(allow_null=True)
    majors = CodeNameSerializer(many=True, source="majors.all")
    education = serializers.CharField()
    experience_years = serializers.IntegerField(allow_null=True)
    salary_min = serializers.IntegerField(allow_null=True)
    salary_max = serializers.IntegerField(allow_null=True)
    quantity = serializers.IntegerField(allow_null=True)
    skills = serializers.CharField()
    valid_from = serializers.DateField(allow_null=True)
    valid_until = serializers.DateField(allow_null=True)
    contact_name = serializers.SerializerMethodField()
    contact_phone = serializers.SerializerMethodField()
    details = serializers.SerializerMethodField()
    external_id = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    status_reason = serializers.CharField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    published_at = serializers.DateTimeField(allow_null=True)
    open_report_count = serializers.IntegerField()
    version = serializers.IntegerField()
    personal_data_visible = serializers.SerializerMethodField()

    def _full(self, listing: Listing) -> bool:
        return listing.pk in self.context.get("personal_ids", set())

    def get_organization(self, listing: Listing) -> dict[str, Any] | None:
        if listing.organization is None:
            return None
        return {"id": listing.organization_id, "name": listing.organization.name}

    def get_publisher(self, listing: Listing) -> str:
        return publisher_name(listing, self._full(listing))

    def get_contact_name(self, listing: Listing) -> str:
        return listing.contact_name if self._full(listing) else mask_name(listing.contact_name)

    def get_contact_phone(self, listing: Listing) -> str:
        return listing.contact_phone if self._full(listing) else mask_phone(listing.contact_phone)

    def get_details(self, listing: Listing) -> dict[str, Any]:
        full = self._full(listing)
        details = dict(listing.details)
        for field in listing.spec.details:
            if field.is_personal and not full and details.get(field.name):
                details[field.name] = MASK
        return details

    def get_personal_data_visible(self, listing: Listing) -> bool:
        return self._full(listing)

    def to_representation(self, instance: Listing) -> dict[str, Any]:
        """The declared fields, built directly: DRF's field-by-field walk was half of a list
        request. The declarations above still give the schema; the API tests pin the output."""
        listing = instance
        full = self._full(listing)

        def ref(item: Any) -> dict[str, str] | None:
            return None if item is None else {"code": item.code, "name": item.name}

        def moment(value: Any) -> str | None:
            return None if value is None else _DATETIME.to_representation(value)

        def day(value: Any) -> str | None:
            return None if value is None else _DATE.to_representation(value)

        return {
            "id": listing.pk,
            "kind": listing.kind,
            "kind_label": listing.get_kind_display(),
            "direction": listing.direction,
            "title": listing.title,
            "description": listing.description,
            "organization": self.get_organization(listing),
            "publisher": publisher_name(listing, full),
            "region": ref(listing.region),
            "industry": ref(listing.industry),
            "occupation": ref(listing.occupation),
            "majors": [ref(major) for major in listing.majors.all()],
            "education": listing.education,
            "experience_years": listing.experience_years,
            "salary_min": listing.salary_min,
            "salary_max": listing.salary_max,
            "quantity": listing.quantity,
            "skills": listing.skills,
            "valid_from": day(listing.valid_from),
            "valid_until": day(listing.valid_until),
            "contact_name": self.get_contact_name(listing),
            "contact_phone": self.get_contact_phone(listing),
            "details": self.get_details(listing),
            "external_id": listing.external_id,
            "status": listing.status,
            "status_label": listing.get_status_display(),
            "status_reason": listing.status_reason,
            "submitted_at": moment(listing.submitted_at),
            "published_at": moment(listing.published_at),
            "open_report_count": listing.open_report_count,
            "version": listing.version,
            "personal_data_visible": full,
        }


class TransitionOutputSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # DRF field name


class ListingDetailOutputSerializer(ListingOutputSerializer):
    """One item, with the workflow steps the viewer (``context["actor"]``) may take on it now."""

    available_transitions = serializers.SerializerMethodField()

    @extend_schema_field(TransitionOutputSerializer(many=True))
    def get_available_transitions(self, listing: Listing) -> list[dict[str, str]]:
        return transition_actions_available(
            workflow=LISTING_WORKFLOW, obj=listing, actor=self.context.get("actor")
        )

    def to_representation(self, instance: Listing) -> dict[str, Any]:
        data = super().to_representation(instance)
        data["available_transitions"] = self.get_available_transitions(instance)
        return data


class CatalogFilterField(serializers.CharField):
    """A filter on a catalogue: a code (a prefix, as the lists filter) or a Chinese name.

    A code passes as typed; a name (万秀区, 车工, 名称（代码）) is resolved to its row's code,
    and an unknown or ambiguous one is refused with the catalogue's own message.
    """

    def __init__(self, *, kind: str, **kwargs: Any) -> None:
        self.kind = kind
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 60)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> str:
        value = super().to_internal_value(data)
        code = value.upper() if self.kind == "industry" and len(value) == 1 else value
        if CODE_PATTERNS[self.kind].match(code):
            return code
        found = catalog_resolve(self.kind, value)
        if not found.ok:
            raise serializers.ValidationError(found.error)
        return str(found.row.code)


class ListingFilterSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ListingKind.choices, required=False)
    direction = serializers.ChoiceField(choices=Direction.choices, required=False)
    status = serializers.ChoiceField(choices=ListingStatus.choices, required=False)
    region = CatalogFilterField(
        kind="region", help_text="地区代码（如 4504，含下级地区）或名称（如 万秀区）"
    )
    industry = CatalogFilterField(
        kind="industry", help_text="行业门类字母、2—4 位代码或名称（如 制造业）"
    )
    occupation = CatalogFilterField(
        kind="occupation", help_text="职业代码（如 6-18-01，含下级）或名称（如 车工）"
    )
    major = CatalogFilterField(kind="major", help_text="专业代码或名称（如 护理（高职专科））")
    education = serializers.ChoiceField(choices=Education.choices, required=False)
    salary_at_least = serializers.IntegerField(
        required=False,
        min_value=0,
        max_value=100_000_000,
        error_messages={"max_value": "薪酬不能超过 100000000 元/月。"},
    )
    organization = IdField(required=False)
    published_since = serializers.DateField(required=False)
    q = serializers.CharField(required=False, max_length=100)
    ordering = serializers.ChoiceField(choices=list(ORDERINGS), required=False)


class ListingCreateInputSerializer(serializers.Serializer):
    """The item's kind and publisher; the remaining fields are those the kind declares."""

    kind = serializers.ChoiceField(choices=ListingKind.choices)
    organization = IdField(required=False, allow_null=True)
    details = serializers.DictField(required=False)


class ReasonInputSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=500)


class ReportInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=20)
    detail = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class ConsentInputSerializer(serializers.Serializer):
    organization = IdField(required=False, allow_null=True)
    application_for = IdField(required=False, allow_null=True)


class ConsentOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    organization = serializers.IntegerField(source="organization_id")
    organization_name = serializers.CharField(source="organization.name")
    application_for = serializers.IntegerField(source="application_for_id", allow_null=True)
    created_at = serializers.DateTimeField()
    withdrawn_at = serializers.DateTimeField(allow_null=True)


class ListingEventOutputSerializer(serializers.Serializer):
    action = serializers.CharField()
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    reason = serializers.CharField()
    version = serializers.IntegerField()
    actor = serializers.CharField(source="actor.username", allow_null=True, default=None)
    created_at = serializers.DateTimeField()
    snapshot = serializers.DictField()
