"""Reads of locality profiles (public) and of their source documents."""

from pathlib import Path

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from chanjiao.accounts.models import User
from chanjiao.catalogs.models import Industry
from chanjiao.common.api_fields import MAX_ID
from chanjiao.common.exceptions import NotFoundError
from chanjiao.localities.models import KeyIndustry, Locality, NamedInstitution, PolicyParameter

DOCUMENTS_DIR = Path(__file__).resolve().parent / "data" / "documents"


def _with_profile(qs: QuerySet[Locality]) -> QuerySet[Locality]:
    return qs.select_related("region").prefetch_related(
        Prefetch("parameters", queryset=PolicyParameter.objects.order_by("pk")),
        Prefetch(
            "key_industries",
            queryset=KeyIndustry.objects.order_by("pk").prefetch_related(
                Prefetch("industries", queryset=Industry.objects.order_by("code"))
            ),
        ),
        Prefetch(
            "institutions",
            queryset=NamedInstitution.objects.order_by("pk").select_related("organization"),
        ),
    )


def locality_list(*, fetched_by: User | AnonymousUser) -> QuerySet[Locality]:
    """Return every locality with its parameters, key industries and institutions (public)."""
    # Profiles are public policy data, so every user sees the same list.
    return _with_profile(Locality.objects.all()).order_by("region__code", "name", "pk")


def locality_summary_list(*, fetched_by: User | AnonymousUser) -> QuerySet[Locality]:
    """Return every locality with the number of its parameters, industries and institutions."""
    return (
        Locality.objects.select_related("region")
        .annotate(
            parameter_count=Count("parameters", distinct=True),
            key_industry_count=Count("key_industries", distinct=True),
            institution_count=Count("institutions", distinct=True),
        )
        .order_by("region__code", "name", "pk")
    )


def locality_get(*, locality_id: int) -> Locality:
    """Return one locality with its whole profile; 404 when there is none."""
    return get_object_or_404(_with_profile(Locality.objects.all()), pk=locality_id)


def locality_find(value: str | int) -> Locality:
    """Return the locality a person names: by name (梧州市), region code (4504) or id.

    The one lookup of a locality from user input (URLs, forms, API parameters, commands).
    A name wins; digits are tried as a region code, then as an id. ``NotFoundError`` otherwise.
    """
    qs = Locality.objects.select_related("region").order_by("pk")
    if isinstance(value, int):
        locality = qs.filter(pk=value).first()
    else:
        text = (value or "").strip()
        # ASCII digits only ("³".isdigit() is true), and an id the database can hold.
        digits = text.isascii() and text.isdigit()
        condition = Q(name=text)
        if digits:
            condition |= Q(region__code=text)
        found = list(qs.filter(condition))
        locality = next((item for item in found if item.name == text), None) or (
            found[0] if found else None
        )
        if locality is None and digits and int(text) <= MAX_ID:
            locality = qs.filter(pk=int(text)).first()
    if locality is None:
        raise NotFoundError(
            f"未找到地区“{value}”：请填写地区配置中的名称（如 梧州市）或行政区划代码。"
        )
    return locality


def policy_parameter_get(*, locality: Locality, key: str) -> PolicyParameter:
    """Return the locality's parameter with this key; 404 when there is none."""
    return get_object_or_404(
        PolicyParameter.objects.select_related("locality__region"), locality=locality, key=key
    )


def key_industry_get(*, locality: Locality, key_industry_id: int) -> KeyIndustry:
    """Return one of the locality's key industries; 404 when it is not the locality's."""
    return get_object_or_404(
        KeyIndustry.objects.select_related("locality__region"),
        locality=locality,
        pk=key_industry_id,
    )


def named_institution_get(*, locality: Locality, institution_id: int) -> NamedInstitution:
    """Return one of the institutions the locality's document names; 404 otherwise."""
    return get_object_or_404(
        NamedInstitution.objects.select_related("locality__region"),
        locality=locality,
        pk=institution_id,
    )


def locality_document_text(*, locality: Locality) -> str | None:
    """Return the full text of the locality's shipped policy document, or ``None``."""
    name = locality.source_file
    # Only a plain file name inside the shipped folder: never a path a user could steer.
    if not name or Path(name).name != name:
        return None
    path = DOCUMENTS_DIR / name
    return path.read_text(encoding="utf-8") if path.is_file() else None
