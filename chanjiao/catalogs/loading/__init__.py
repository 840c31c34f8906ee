"""Loading the national reference catalogues shipped in ``chanjiao/catalogs/data``."""

from chanjiao.catalogs.loading.catalogs import CATALOGS, CatalogResult, catalogs_load

__all__ = ["CATALOGS", "CatalogResult", "catalogs_load"]
