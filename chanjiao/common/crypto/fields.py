"""Model fields that keep personal data encrypted in the database.

``EncryptedTextField`` stores an SM4-GCM token (``cipher.py``) and gives back the plaintext; an
empty value stays "" so "not given" filters keep working. A token is different at every save, so
the column cannot be searched: exact lookups go through a ``BlindIndexField`` beside it.
A value that is not a token (a row written before the encryption migration) reads as it is.
"""

from typing import Any

from django.core.exceptions import FieldError
from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.expressions import Expression
from django.db.models.lookups import Exact

from chanjiao.common.crypto.cipher import decrypt_text, encrypt_text, is_ciphertext
from chanjiao.common.crypto.index import blind_index


class EncryptedExact(Exact):
    """``field=""`` (not given) works; another value could never match a fresh ciphertext."""

    def get_prep_lookup(self) -> Any:
        if self.rhs not in ("", None) and not hasattr(self.rhs, "resolve_expression"):
            raise FieldError("加密字段不能按值查询：请用盲索引（BlindIndexField）查找。")
        return super().get_prep_lookup()


class EncryptedTextField(models.TextField):
    """Text stored as SM4-GCM ciphertext; ``max_length`` limits the plaintext (forms).

    Only ``isnull`` and ``exact`` with "" are lookups that mean something on ciphertext; the
    others raise ``FieldError`` instead of silently finding nothing.
    """

    description = "SM4 加密文本"

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name == "exact":
            return EncryptedExact
        if lookup_name != "isnull":
            raise FieldError(
                f"加密字段 {self.name} 不能按 {lookup_name} 查询："
                "请用盲索引（BlindIndexField）查找。"
            )
        return super().get_lookup(lookup_name)

    def from_db_value(
        self, value: str | None, expression: Expression, connection: BaseDatabaseWrapper
    ) -> str | None:
        if value is None or not is_ciphertext(value):
            return value
        return decrypt_text(value)

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str) and is_ciphertext(value):
            return decrypt_text(value)
        return super().to_python(value)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt_text(str(value))


class BlindIndexField(models.CharField):
    """HMAC-SM3 of another field of the row, filled on every ``save()`` (not by ``update()``)."""

    description = "盲索引（HMAC-SM3）"

    def __init__(self, *args: Any, source: str = "", purpose: str = "", **kwargs: Any) -> None:
        self.source = source
        self.purpose = purpose or source
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("db_index", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        if self.purpose != self.source:
            kwargs["purpose"] = self.purpose
        for key, default in (("max_length", 64), ("blank", True), ("editable", False)):
            if kwargs.get(key) == default:
                del kwargs[key]
        return name, path, args, kwargs

    def pre_save(self, model_instance: models.Model, add: bool) -> str:
        value = blind_index(getattr(model_instance, self.source), purpose=self.purpose)
        setattr(model_instance, self.attname, value)
        return value

    def index_of(self, value: str | None) -> str:
        """The index of a value to look up: ``filter(**{name: field.index_of(phone)})``."""
        return blind_index(value, purpose=self.purpose)
