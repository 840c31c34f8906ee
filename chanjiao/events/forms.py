"""Page forms of events: the organiser's event form and the list filters.

The form parses what the browser sends (times from ``datetime-local`` inputs in China time,
the region picked by name); the service checks every rule and its errors come back to the field
they name (``organizations.forms.form_errors_from``).
"""

from typing import Any

from django import forms

from chanjiao.catalogs.models import Region
from chanjiao.events.models import EventAudience, EventKind, MatchEvent
from chanjiao.organizations.forms import active_regions, region_choices
from chanjiao.organizations.models import Organization

LOCAL_FORMAT = "%Y-%m-%dT%H:%M"


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format=LOCAL_FORMAT, **kwargs)


def _moment(label: str, *, required: bool = True, help_text: str = "") -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=required,
        widget=LocalDateTimeInput(),
        input_formats=[LOCAL_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
        help_text=help_text,
        error_messages={"required": f"请填写{label}。", "invalid": f"{label}格式不对。"},
    )


class EventForm(forms.Form):
    organizer = forms.TypedChoiceField(
        label="主办单位",
        coerce=int,
        error_messages={"invalid_choice": "请选择您可以代表主办的单位。"},
    )
    title = forms.CharField(
        label="活动名称",
        max_length=200,
        error_messages={
            "required": "请填写活动名称。",
            "max_length": "活动名称不能超过 200 个字。",
        },
    )
    kind = forms.ChoiceField(label="活动类型", choices=EventKind.choices)
    audience = forms.ChoiceField(label="面向对象", choices=EventAudience.choices)
    starts_at = _moment("开始时间")
    ends_at = _moment("结束时间")
    registration_deadline = _moment(
        "报名截止时间", required=False, help_text="不填则报名到活动开始为止。"
    )
    is_online = forms.BooleanField(label="线上活动", required=False)
    place = forms.CharField(
        label="地点", max_length=200, required=False, help_text="线下活动必填，如学校体育馆。"
    )
    online_url = forms.CharField(
        label="线上参会链接",
        max_length=200,
        required=False,
        help_text="线上活动必填；只有报名者、参会单位和主办单位能看到。",
    )
    region = forms.TypedChoiceField(
        label="所在地区",
        coerce=int,
        error_messages={
            "required": "请选择活动所在地区。",
            "invalid_choice": "请从列表中选择地区。",
        },
    )
    enterprise_capacity = forms.IntegerField(
        label="参会单位上限", required=False, min_value=1, help_text="不限请留空。"
    )
    student_capacity = forms.IntegerField(
        label="求职者报名上限", required=False, min_value=1, help_text="不限请留空。"
    )
    description = forms.CharField(
        label="活动介绍", required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(
        self,
        *args: Any,
        organizations: list[Organization],
        event: MatchEvent | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.organizations = {org.pk: org for org in organizations}
        self.fields["organizer"].choices = [(org.pk, org.name) for org in organizations]  # type: ignore[attr-defined]
        if event is not None:
            del self.fields["organizer"]
        provinces = {org.region.code[:2] for org in organizations}
        if event is not None:
            provinces.add(event.region.code[:2])
        self.fields["region"].choices = [("", "请选择省、市或区县")] + region_choices(  # type: ignore[attr-defined]
            active_regions(within=sorted(provinces))
        )

    def values(self) -> dict[str, Any]:
        """The service's values: the cleaned fields, the region as its row."""
        data = dict(self.cleaned_data)
        data.pop("organizer", None)
        region_id = data.get("region")
        data["region"] = Region.objects.filter(pk=region_id).first() if region_id else None
        return data

    def chosen_organizer(self) -> Organization:
        return self.organizations[self.cleaned_data["organizer"]]


def event_initial(event: MatchEvent) -> dict[str, Any]:
    """The edit form's starting values."""
    return {
        "title": event.title,
        "kind": event.kind,
        "audience": event.audience,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "registration_deadline": event.registration_deadline,
        "is_online": event.is_online,
        "place": event.place,
        "online_url": event.online_url,
        "region": event.region_id,
        "enterprise_capacity": event.enterprise_capacity,
        "student_capacity": event.student_capacity,
        "description": event.description,
    }


class EventFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label="活动类型", required=False, choices=[("", "全部类型"), *EventKind.choices]
    )
    audience = forms.ChoiceField(
        label="面向对象", required=False, choices=[("", "全部对象"), *EventAudience.choices]
    )
    past = forms.BooleanField(label="看已结束的活动", required=False)
