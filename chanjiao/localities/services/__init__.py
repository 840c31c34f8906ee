"""Writes to locality profiles: loading them from JSON, adding localities, editing row by row."""

from chanjiao.localities.services.editing import (
    key_industry_create,
    key_industry_delete,
    key_industry_update,
    locality_update,
    named_institution_create,
    named_institution_delete,
    named_institution_update,
    policy_parameter_create,
    policy_parameter_delete,
    policy_parameter_update,
)
from chanjiao.localities.services.loading import (
    DEFAULT_DATA_FILE,
    LocalityLoadResult,
    RowCounts,
    localities_load,
    localities_load_default,
    localities_read_file,
    locality_create,
)

__all__ = [
    "DEFAULT_DATA_FILE",
    "LocalityLoadResult",
    "RowCounts",
    "key_industry_create",
    "key_industry_delete",
    "key_industry_update",
    "localities_load",
    "localities_load_default",
    "localities_read_file",
    "locality_create",
    "locality_update",
    "named_institution_create",
    "named_institution_delete",
    "named_institution_update",
    "policy_parameter_create",
    "policy_parameter_delete",
    "policy_parameter_update",
]
