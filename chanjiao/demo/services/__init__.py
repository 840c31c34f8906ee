"""Deterministic demonstration data: generate it for one locality and seed, or remove it all."""

from chanjiao.demo.services.generate import DEMO_PASSWORD, demo_data_generate, demo_data_remove
from chanjiao.demo.services.summary import DemoAccount, DemoCount, DemoSummary

__all__ = [
    "DEMO_PASSWORD",
    "DemoAccount",
    "DemoCount",
    "DemoSummary",
    "demo_data_generate",
    "demo_data_remove",
]
