"""Pages of 专业预警: flags (government: the locality's; schools: their own), one flag, rules."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from chanjiao.common.exceptions import ApplicationError
from chanjiao.common.users import acting_user
from chanjiao.early_warning.charts import flags_by_year_chart
from chanjiao.early_warning.describe import warning_rule_sentence
from chanjiao.early_warning.forms import WarningRuleForm
from chanjiao.early_warning.models import FlagStatus, Level, RuleType, WarningRule
from chanjiao.early_warning.params import RuleDataError, params_display
from chanjiao.early_warning.permissions import user_can_manage_warnings
from chanjiao.early_warning.rule_types import not_evaluated_text
from chanjiao.early_warning.selectors import (
    policy_parameters_by_key,
    policy_parameters_by_locality,
    warning_flag_get_for_user,
    warning_flag_list,
    warning_rule_get,
    warning_rule_list,
)
from chanjiao.early_warning.services import (
    run_not_evaluated,
    warning_flag_close,
    warning_response_create,
    warning_rule_update,
    warnings_evaluate,
)
from chanjiao.early_warning.workflow import WARNING_FLAG_WORKFLOW
from chanjiao.localities.models import Locality
from chanjiao.localities.selectors import locality_find
from chanjiao.workflow.selectors import transitions_available

FLAGS_PER_PAGE = 50
# The states as the people concerned read them.
STATUS_TEXTS: dict[str, str] = {
    FlagStatus.OPEN: "待学校回应",
    FlagStatus.RESPONDED: "学校已回应，待政府审阅",
    FlagStatus.CLOSED: "已关闭",
}
FILTERS = ("locality", "year", "level", "status", "school", "major", "rule")


@login_required
def flag_list_page(request: HttpRequest) -> HttpResponse:
    """The flags the user may see, with level tags and evidence; officers may run an evaluation."""
    filters = {name: request.GET.get(name, "").strip() for name in FILTERS}
    for name in ("locality", "year", "school"):
        if not filters[name].isdigit():
            filters[name] = ""
    flags = warning_flag_list(fetched_by=request.user, filters=filters)
    managed = [
        loc
        for loc in Locality.objects.select_related("region")
        if user_can_manage_warnings(request.user, loc)
    ]
    with_rules = set(
        WarningRule.objects.filter(locality__in=managed).values_list("locality_id", flat=True)
    )
    # The chart spans every year: the same filters less the year.
    chart_flags = warning_flag_list(fetched_by=request.user, filters={**filters, "year": ""})
    page = Paginator(flags, FLAGS_PER_PAGE).get_page(request.GET.get("page"))
    for flag in page.object_list:
        flag.status_text = STATUS_TEXTS.get(flag.status, flag.get_status_display())  # type: ignore[attr-defined]
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page_obj": page,
        "flags": page.object_list,
        "total": page.paginator.count,
        "chart": flags_by_year_chart(chart_flags),
        "querystring_without_page": query.urlencode() + "&" if query else "",
        "filters": filters,
        "levels": Level.choices,
        "statuses": FlagStatus.choices,
        "localities": Locality.objects.order_by("region__code"),
        "managed": managed,
        # A managed locality whose document sets no warning condition has no rule to evaluate.
        "without_rules": [loc for loc in managed if loc.pk not in with_rules],
    }
    return render(request, "early_warning/flag_list.html", context)


@login_required
def flag_detail_page(request: HttpRequest, flag_id: int) -> HttpResponse:
    """One flag with evidence, clause and responses; the school answers, the officer closes."""
    flag = warning_flag_get_for_user(flag_id=flag_id, user=request.user)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "close":
                warning_flag_close(
                    flag=flag, actor=acting_user(request), note=request.POST.get("text")
                )
                messages.success(request, "已关闭该预警。")
            else:
                warning_response_create(
                    flag=flag, actor=acting_user(request), text=request.POST.get("text")
                )
                messages.success(request, "回应已提交。")
        except ApplicationError as error:
            if error.status_code == 403:
                raise
            messages.error(request, error.message)
        return redirect("early_warning:flag-detail", flag_id=flag.pk)
    available = {
        t.name
        for t in transitions_available(workflow=WARNING_FLAG_WORKFLOW, obj=flag, actor=request.user)
    }
    context = {
        "flag": flag,
        "evidence": json.dumps(flag.evidence, ensure_ascii=False, indent=2),
        "sentence": warning_rule_sentence(
            flag.rule, policy_parameters_by_key(locality=flag.locality)
        ),
        "status_text": STATUS_TEXTS.get(flag.status, flag.get_status_display()),
        # The workflow's buttons: exactly the transitions this viewer may take now.
        "can_respond": "respond" in available,
        "can_close": "close" in available,
    }
    return render(request, "early_warning/flag_detail.html", context)


@login_required
@require_POST
def run_create_page(request: HttpRequest) -> HttpResponse:
    """Run an evaluation from the flags page (staff or the locality's 政府管理员)."""
    locality = locality_find(request.POST.get("locality", ""))
    year = request.POST.get("year", "")
    if not year.isdigit():
        messages.error(request, "请填写年度，如 2025。")
        return redirect("early_warning:flag-list")
    run = warnings_evaluate(locality=locality, year=int(year), actor=acting_user(request))
    messages.success(request, f"{locality.name} {run.year}年评估完成：预警 {run.flags_raised} 条。")
    for item in run_not_evaluated(run):
        messages.warning(request, f"规则“{item.get('rule_name', item['rule'])}”：{item['reason']}")
    return redirect(f"/warnings/?locality={locality.pk}&year={run.year}")


@login_required
def rule_list_page(request: HttpRequest) -> HttpResponse:
    """Each locality's warning rules with parameters, level, exemptions, clause and quote."""
    value = request.GET.get("locality", "")
    locality = locality_find(value) if value else None
    rules = list(warning_rule_list(locality=locality))
    parameters = policy_parameters_by_locality(locality_ids={r.locality_id for r in rules})
    for rule in rules:
        rule.can_edit = user_can_manage_warnings(request.user, rule.locality)  # type: ignore[attr-defined]
        # Each number as the next evaluation will read it, and the profile row it comes from.
        rule.param_rows = params_display(  # type: ignore[attr-defined]
            rule.rule_type, rule.params, parameters.get(rule.locality_id, {})
        )
        rule.sentence = warning_rule_sentence(  # type: ignore[attr-defined]
            rule, parameters.get(rule.locality_id, {})
        )
        rule.stored_params = json.dumps(rule.params, ensure_ascii=False)  # type: ignore[attr-defined]
        rule.not_evaluable = (  # type: ignore[attr-defined]
            not_evaluated_text(rule.params.get("data", "数据"))
            if rule.rule_type == RuleType.NEEDS_DATA
            else ""
        )
    context = {
        "rules": rules,
        "locality": locality,
        "localities": Locality.objects.order_by("region__code"),
    }
    return render(request, "early_warning/rule_list.html", context)


@login_required
def rule_edit_page(request: HttpRequest, rule_id: int) -> HttpResponse:
    """Edit one rule; only staff and the locality's 政府管理员 (others get 403); audited."""
    rule = warning_rule_get(rule_id=rule_id)
    if not user_can_manage_warnings(request.user, rule.locality):
        return render(request, "early_warning/forbidden.html", {"rule": rule}, status=403)
    parameters = policy_parameters_by_key(locality=rule.locality)
    form = WarningRuleForm(request.POST or None, rule=rule, parameters=parameters)
    if request.method == "POST" and form.is_valid():
        try:
            warning_rule_update(actor=acting_user(request), rule=rule, data=form.service_data())
        except RuleDataError as error:
            form.add_service_errors(error.errors)
        else:
            messages.success(request, f"已保存规则“{rule.name}”。")
            return redirect(f"/warnings/rules/?locality={rule.locality_id}")
    context = {
        "rule": rule,
        "form": form,
        "sentence": warning_rule_sentence(rule, parameters),
        "param_rows": params_display(rule.rule_type, rule.params, parameters),
        "stored_params": json.dumps(rule.params, ensure_ascii=False, indent=2),
    }
    return render(request, "early_warning/rule_form.html", context)
