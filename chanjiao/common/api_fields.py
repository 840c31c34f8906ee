"""Serializer fields shared by the API's query parameters."""

from typing import Any

from rest_framework import serializers

# Row ids are BigAutoField: anything above this cannot be an id (and would overflow the database).
MAX_ID = 2**63 - 1


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
