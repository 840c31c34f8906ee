"""OpenAPI schema glue: unique component names for serializers nested in view classes."""

from typing import Any

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.utils import Direction


class AutoSchema(SpectacularAutoSchema):
    def get_serializer_name(self, serializer: Any, direction: Direction) -> str:
        """Name ``MeApi.OutputSerializer`` as ``MeOutput`` so nested serializers never collide."""
        cls = serializer.__class__
        qualname = cls.__qualname__
        if "." in qualname:
            outer, inner = qualname.rsplit(".", 1)
            outer = outer.split(".")[-1].removesuffix("Api")
            return outer + inner.removesuffix("Serializer")
        return super().get_serializer_name(serializer, direction)
