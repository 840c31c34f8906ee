"""Change one locality's profile row by row; staff or the locality's 政府管理员, always audited."""

from typing import Any

from django.db import transaction

from chanjiao.accounts.models import User
from chanjiao.audit.services import audit_event_record
from chanjiao.localities.models import KeyIndustry, Locality, NamedInstitution, PolicyParameter
from chanjiao.localities.models import format_number as _number
from chanjiao.localities.services._common import check_can_edit, created, diff, removed
from chanjiao.localities.services.loading import (
    LOCALITY_FIELDS,
    PARAMETER_FIELDS,
    industry_codes,
    institution_values,
    key_industry_values,
    parameter_values,
)
from chanjiao.localities.validation import (
    LocalityDataError,
    institution_data_clean,
    key_industry_data_clean,
    locality_data_clean,
    parameter_data_clean,
)

DOCUMENT_FIELDS = [name for name in LOCALITY_FIELDS if name != "region"]


def _as_object(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise LocalityDataError(["应为对象"])
    return data


def _refuse_renaming(data: dict[str, Any], field: str, current: str, message: str) -> None:
    if field in data and data[field] != current:
        raise LocalityDataError([f"{field}: {message}"])


# Locality document -----------------------------------------------------------------------


def locality_update(*, actor: User, locality: Locality, data: Any) -> Locality:
    """Change the document fields of a locality (title, number, issuer, date, file, summary)."""
    check_can_edit(actor=actor, locality=locality, action="locality.update", target=locality)
    data = _as_object(data)
    _refuse_renaming(data, "name", locality.name, "地区名称不可修改")
    _refuse_renaming(data, "region_code", locality.region.code, "行政区划不可修改")
    for name in ("parameters", "key_industries", "institutions"):
        if name in data:
            raise LocalityDataError([f"{name}: 请使用对应的接口逐条修改"])
    current: dict[str, Any] = {"name": locality.name, "region_code": locality.region.code}
    current |= {name: getattr(locality, name) for name in DOCUMENT_FIELDS}
    current["issued_on"] = locality.issued_on.isoformat() if locality.issued_on else None
    entry = locality_data_clean(current | data)
    with transaction.atomic():
        locality = Locality.objects.select_for_update().select_related("region").get(pk=locality.pk)
        values = {name: getattr(entry, name) for name in DOCUMENT_FIELDS}
        changes = diff({name: getattr(locality, name) for name in DOCUMENT_FIELDS}, values)
        if changes:
            for name, value in values.items():
                setattr(locality, name, value)
            locality.full_clean()
            locality.save()
            audit_event_record(
                actor=actor, action="locality.update", target=locality, changes=changes
            )
    return locality


# Policy parameters -----------------------------------------------------------------------


def policy_parameter_create(*, actor: User, locality: Locality, data: Any) -> PolicyParameter:
    """Add a number the locality's policy sets."""
    check_can_edit(
        actor=actor, locality=locality, action="policy_parameter.create", target=locality
    )
    item = parameter_data_clean(data)
    with transaction.atomic():
        if PolicyParameter.objects.filter(locality=locality, key=item.key).exists():
            raise LocalityDataError([f"key: 参数键“{item.key}”已存在"])
        values = parameter_values(item)
        parameter = PolicyParameter(locality=locality, key=item.key, **values)
        parameter.full_clean()
        parameter.save()
        audit_event_record(
            actor=actor,
            action="policy_parameter.create",
            target=parameter,
            changes=created({"key": item.key, **values}),
        )
    return parameter


def policy_parameter_update(
    *, actor: User, parameter: PolicyParameter, data: Any
) -> PolicyParameter:
    """Change a parameter's value, range, comparison, unit, label, clause or quote."""
    locality = parameter.locality
    check_can_edit(
        actor=actor, locality=locality, action="policy_parameter.update", target=parameter
    )
    data = _as_object(data)
    _refuse_renaming(data, "key", parameter.key, "参数键不可修改")
    current: dict[str, Any] = {name: getattr(parameter, name) for name in PARAMETER_FIELDS}
    current |= {"key": parameter.key, "value": _number(parameter.value)}
    current["value_max"] = _number(parameter.value_max) or None
    if data.get("comparison", "range") != "range" and "value_max" not in data:
        # Leaving a range drops its upper bound unless the request says otherwise.
        current["value_max"] = None
    item = parameter_data_clean(current | data)
    with transaction.atomic():
        parameter = PolicyParameter.objects.select_for_update().get(pk=parameter.pk)
        values = parameter_values(item)
        changes = diff({name: getattr(parameter, name) for name in PARAMETER_FIELDS}, values)
        if changes:
            for name, value in values.items():
                setattr(parameter, name, value)
            parameter.full_clean()
            parameter.save()
            audit_event_record(
                actor=actor, action="policy_parameter.update", target=parameter, changes=changes
            )
    parameter.locality = locality
    return parameter


def policy_parameter_delete(*, actor: User, parameter: PolicyParameter) -> None:
    """Remove a parameter (its values stay in the audit log)."""
    values = {"key": parameter.key} | {n: getattr(parameter, n) for n in PARAMETER_FIELDS}
    _audited_delete(actor=actor, row=parameter, action="policy_parameter.delete", state=values)


def _audited_delete(*, actor: User, row: Any, action: str, state: dict[str, Any]) -> None:
    """Delete one row of a locality's profile, keeping its last values in the audit log."""
    check_can_edit(actor=actor, locality=row.locality, action=action, target=row)
    with transaction.atomic():
        audit_event_record(actor=actor, action=action, target=row, changes=removed(state))
        row.delete()


# Key industries --------------------------------------------------------------------------


def key_industry_create(*, actor: User, locality: Locality, data: Any) -> KeyIndustry:
    """Add a key industry with its GB/T 4754 codes."""
    check_can_edit(actor=actor, locality=locality, action="key_industry.create", target=locality)
    item = key_industry_data_clean(data)
    with transaction.atomic():
        if KeyIndustry.objects.filter(locality=locality, label=item.label).exists():
            raise LocalityDataError([f"label: 重点产业“{item.label}”已存在"])
        key_industry = KeyIndustry.objects.create(
            locality=locality, label=item.label, clause=item.clause, note=item.note
        )
        key_industry.industries.set(item.industries)
        audit_event_record(
            actor=actor,
            action="key_industry.create",
            target=key_industry,
            changes=created({"label": item.label, **key_industry_values(item)}),
        )
    return key_industry


def key_industry_update(*, actor: User, key_industry: KeyIndustry, data: Any) -> KeyIndustry:
    """Change a key industry's label, codes, clause or note."""
    check_can_edit(
        actor=actor,
        locality=key_industry.locality,
        action="key_industry.update",
        target=key_industry,
    )
    before = _key_industry_state(key_industry)
    item = key_industry_data_clean(before | _as_object(data))
    with transaction.atomic():
        if (
            item.label != key_industry.label
            and KeyIndustry.objects.filter(
                locality=key_industry.locality, label=item.label
            ).exists()
        ):
            raise LocalityDataError([f"label: 重点产业“{item.label}”已存在"])
        changes = diff(before, {"label": item.label, **key_industry_values(item)})
        if changes:
            key_industry.label, key_industry.clause = item.label, item.clause
            key_industry.note = item.note
            key_industry.full_clean()
            key_industry.save()
            key_industry.industries.set(item.industries)
            audit_event_record(
                actor=actor, action="key_industry.update", target=key_industry, changes=changes
            )
    return key_industry


def key_industry_delete(*, actor: User, key_industry: KeyIndustry) -> None:
    """Remove a key industry (its values stay in the audit log)."""
    _audited_delete(
        actor=actor,
        row=key_industry,
        action="key_industry.delete",
        state=_key_industry_state(key_industry),
    )


def _key_industry_state(key_industry: KeyIndustry) -> dict[str, Any]:
    return {
        "label": key_industry.label,
        "clause": key_industry.clause,
        "note": key_industry.note,
        "codes": industry_codes(key_industry),
    }


# Named institutions ----------------------------------------------------------------------


def named_institution_create(*, actor: User, locality: Locality, data: Any) -> NamedInstitution:
    """Add an institution the locality's document names, optionally linked to an organisation."""
    check_can_edit(
        actor=actor, locality=locality, action="named_institution.create", target=locality
    )
    item = institution_data_clean(data)
    with transaction.atomic():
        if NamedInstitution.objects.filter(locality=locality, name=item.name).exists():
            raise LocalityDataError([f"name: 机构“{item.name}”已存在"])
        values = institution_values(item)
        institution = NamedInstitution(locality=locality, name=item.name, **values)
        institution.full_clean()
        institution.save()
        audit_event_record(
            actor=actor,
            action="named_institution.create",
            target=institution,
            changes=created({"name": item.name, **values}),
        )
    return institution


def named_institution_update(
    *, actor: User, institution: NamedInstitution, data: Any
) -> NamedInstitution:
    """Change an institution's name, kind, clause or linked organisation."""
    check_can_edit(
        actor=actor,
        locality=institution.locality,
        action="named_institution.update",
        target=institution,
    )
    before = _institution_state(institution)
    item = institution_data_clean(before | _as_object(data))
    with transaction.atomic():
        if (
            item.name != institution.name
            and NamedInstitution.objects.filter(
                locality=institution.locality, name=item.name
            ).exists()
        ):
            raise LocalityDataError([f"name: 机构“{item.name}”已存在"])
        after = {"name": item.name, **institution_values(item)}
        changes = diff(before, after)
        if changes:
            for name, value in after.items():
                setattr(institution, name, value)
            institution.full_clean()
            institution.save()
            audit_event_record(
                actor=actor, action="named_institution.update", target=institution, changes=changes
            )
    return institution


def named_institution_delete(*, actor: User, institution: NamedInstitution) -> None:
    """Remove a named institution (its values stay in the audit log)."""
    _audited_delete(
        actor=actor,
        row=institution,
        action="named_institution.delete",
        state=_institution_state(institution),
    )


def _institution_state(institution: NamedInstitution) -> dict[str, Any]:
    return {
        "name": institution.name,
        "kind": institution.kind,
        "clause": institution.clause,
        "organization_id": institution.organization_id,
    }
