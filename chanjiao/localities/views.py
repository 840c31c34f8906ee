"""Pages of the locality profiles: the list, one locality, its document, and editing a parameter."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from chanjiao.common.users import acting_user
from chanjiao.localities.forms import PolicyParameterForm
from chanjiao.localities.hooks import locality_panels
from chanjiao.localities.models import Locality
from chanjiao.localities.permissions import user_can_manage_locality
from chanjiao.localities.selectors import (
    locality_document_text,
    locality_get,
    locality_summary_list,
    policy_parameter_get,
)
from chanjiao.localities.services import policy_parameter_update
from chanjiao.localities.text import clean_document_text, parameter_sentence
from chanjiao.localities.validation import LocalityDataError


def _forbidden(request: HttpRequest, locality: Locality) -> HttpResponse:
    return render(request, "localities/forbidden.html", {"locality": locality}, status=403)


def locality_list_page(request: HttpRequest) -> HttpResponse:
    """Every locality with its document and how much of its policy is recorded."""
    localities = locality_summary_list(fetched_by=request.user)
    return render(request, "localities/locality_list.html", {"localities": localities})


def locality_detail_page(request: HttpRequest, locality_id: int) -> HttpResponse:
    """One locality: its document, parameters with clause and quote, industries, institutions."""
    locality = locality_get(locality_id=locality_id)
    parameters = list(locality.parameters.all())
    for parameter in parameters:
        parameter.sentence = parameter_sentence(  # type: ignore[attr-defined]
            label=parameter.label, comparison=parameter.comparison, rule_text=parameter.rule_text
        )
    context = {
        "locality": locality,
        "parameters": parameters,
        "can_edit": user_can_manage_locality(request.user, locality),
        "has_document": locality_document_text(locality=locality) is not None,
        "extra_panels": [html for panel in locality_panels if (html := panel(request, locality))],
    }
    return render(request, "localities/locality_detail.html", context)


def locality_document_page(request: HttpRequest, locality_id: int) -> HttpResponse:
    """The full text of the locality's policy document as shipped with the platform."""
    locality = locality_get(locality_id=locality_id)
    text = locality_document_text(locality=locality)
    if text is None:
        raise Http404("该地区没有随平台发布的文件原文。")
    context = {"locality": locality, "text": clean_document_text(text)}
    return render(request, "localities/document.html", context)


def policy_parameter_edit_page(request: HttpRequest, locality_id: int, key: str) -> HttpResponse:
    """Edit one parameter; only staff and the locality's 政府管理员 may (others get 403)."""
    locality = locality_get(locality_id=locality_id)
    parameter = policy_parameter_get(locality=locality, key=key)
    if not user_can_manage_locality(request.user, locality):
        return _forbidden(request, locality)
    if request.method == "POST":
        form = PolicyParameterForm(request.POST)
        if form.is_valid():
            try:
                parameter = policy_parameter_update(
                    actor=acting_user(request), parameter=parameter, data=form.service_data()
                )
            except LocalityDataError as error:
                form.add_service_errors(error.errors)
            else:
                messages.success(request, f"已保存参数“{parameter.label}”。")
                return redirect(locality)
    else:
        form = PolicyParameterForm(initial=PolicyParameterForm.initial_for(parameter))
    sentence = parameter_sentence(
        label=parameter.label, comparison=parameter.comparison, rule_text=parameter.rule_text
    )
    context = {"locality": locality, "parameter": parameter, "form": form, "sentence": sentence}
    return render(request, "localities/parameter_form.html", context)
