"""Reading a search request's query string (shared by the API and the page)."""

from collections.abc import Mapping
from typing import Any

from django import forms

from chanjiao.common.api_fields import MAX_ID
from chanjiao.common.exceptions import ApplicationError
from chanjiao.search.backends import FACETS
from chanjiao.search.selectors import PAGE_SIZE, SearchParams

# Salaries are 元/月 (the listings' own bound).
MAX_SALARY = 100_000_000


class SearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=100, label="关键词")
    type = forms.CharField(required=False, max_length=200, label="信息类型")
    region = forms.CharField(required=False, max_length=20, label="地区代码")
    industry = forms.CharField(required=False, max_length=20, label="行业代码")
    occupation = forms.CharField(required=False, max_length=20, label="职业代码")
    major = forms.CharField(required=False, max_length=20, label="专业代码")
    education = forms.CharField(required=False, max_length=20, label="学历")
    salary_min = forms.IntegerField(
        required=False, min_value=0, max_value=MAX_SALARY, label="最低薪酬"
    )
    salary_max = forms.IntegerField(
        required=False, min_value=0, max_value=MAX_SALARY, label="最高薪酬"
    )
    published_since = forms.DateField(required=False, label="发布日期不早于")
    organization = forms.IntegerField(
        required=False, min_value=1, max_value=MAX_ID, label="发布机构"
    )
    sort = forms.CharField(required=False, max_length=20, label="排序")
    page = forms.IntegerField(required=False, min_value=1, label="页码")
    page_size = forms.IntegerField(required=False, min_value=1, label="每页条数")
    facets = forms.CharField(required=False, max_length=200, label="分面")


def search_params_from_query(data: Mapping[str, Any]) -> SearchParams:
    """Turn query-string values into SearchParams; raise a Chinese error naming the bad field."""
    form = SearchForm(
        {k: data.get(k) for k in SearchForm.base_fields if data.get(k) not in (None, "")}
    )
    if not form.is_valid():
        fields = {name: [str(e) for e in errors] for name, errors in form.errors.items()}
        name, messages = next(iter(fields.items()))
        label = SearchForm.base_fields[name].label
        raise ApplicationError(f"{label}：{messages[0]}", extra={"fields": fields})
    values = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
    if "facets" in values:
        raw = values["facets"].strip()
        wanted = () if raw == "none" else tuple(f.strip() for f in raw.split(",") if f.strip())
        unknown = [f for f in wanted if f not in FACETS]
        if unknown:
            message = f"分面“{unknown[0]}”无效，可选：{'、'.join(FACETS)}。"
            raise ApplicationError(message, extra={"fields": {"facets": [message]}})
        values["facets"] = wanted
    values.setdefault("page_size", PAGE_SIZE)
    return SearchParams(**values)
