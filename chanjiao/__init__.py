"""Chanjiao: industry–education integration information service platform."""

__version__ = "0.1.0"
