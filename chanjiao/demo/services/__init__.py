"""Deterministic demonstration data: generate it per locality and seed, or remove it all."""

from chanjiao.demo.services.derived import (
    DERIVED_DEMOS,
    counts_shown,
    demo_derived_background,
    demo_derived_write,
)
from chanjiao.demo.services.generate import DEMO_PASSWORD, demo_data_generate, demo_data_remove
from chanjiao.demo.services.summary import (
    DemoAccount,
    DemoCount,
    DemoSummary,
    locality_accounts,
)

__all__ = [
    "DERIVED_DEMOS",
    "DEMO_PASSWORD",
    "DemoAccount",
    "DemoCount",
    "DemoSummary",
    "counts_shown",
    "demo_data_generate",
    "demo_data_remove",
    "demo_derived_background",
    "demo_derived_write",
    "locality_accounts",
]
