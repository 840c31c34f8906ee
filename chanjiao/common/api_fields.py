"""Serializer fields shared by the API's query parameters."""

from typing import Any

from rest_framework import serializers

# Row ids are BigAutoField: anything above this cannot be an id (and would overflow the database).
MAX_ID = 2**63 - 1
# Counts are PositiveIntegerField or IntegerField: the largest value every database holds.
MAX_COUNT = 2**31 - 1


class IdField(serializers.IntegerField):
    """A row id in a query parameter: a positive integer the database can hold."""

    default_error_messages = {
        "invalid": "应为正整数编号。",
        "min_value": "应为正整数编号。",
        "max_value": "编号超出范围。",
        "max_string_length": "编号超出范围。",
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)


class YearField(serializers.IntegerField):
    """A calendar year in a query parameter or a body (年度, 届别, 入学年份)."""

    default_error_messages = {
        "invalid": "应为四位数的年份。",
        "min_value": "年份不能早于 {min_value} 年。",
        "max_value": "年份不能晚于 {max_value} 年。",
        "max_string_length": "应为四位数的年份。",
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1900)
        kwargs.setdefault("max_value", 2100)
        super().__init__(**kwargs)


class CountField(serializers.IntegerField):
    """A count of people or places (人数, 名额, 排序号): not negative, and one a table can hold."""

    default_error_messages = {
        "invalid": "应为整数。",
        "min_value": "不能小于 {min_value}。",
        "max_value": "不能超过 {max_value}。",
        "max_string_length": "数字过长。",
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", MAX_COUNT)
        super().__init__(**kwargs)


class StoredIntegerField(serializers.IntegerField):
    """Any number an integer column holds, for values whose sense the service judges (名额: the
    service says "须为正整数" naming the field); only numbers no table can hold are refused here."""

    default_error_messages = {
        "invalid": "应为整数。",
        "min_value": "数字超出范围。",
        "max_value": "数字超出范围。",
        "max_string_length": "数字超出范围。",
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", -MAX_COUNT - 1)
        kwargs.setdefault("max_value", MAX_COUNT)
        super().__init__(**kwargs)


# ``extra.fields`` of a refusal: each malformed field or parameter with its reasons (for a response
# schema that also lists other keys of ``extra``, such as an import's ``errors``).
FIELD_ERRORS = serializers.DictField(
    child=serializers.ListField(child=serializers.CharField()),
    required=False,
    help_text="请求本身有误时：各字段或参数的错误列表",
)
