"""The gazetteer: countries, admin areas and places with Arabic and Latin names.

* :mod:`rasd.geo.countries` — ``country("SY")``, ``country("سوريا")``.
* :mod:`rasd.geo.store` — the indexed SQLite store (built once, cached).
"""
from __future__ import annotations

from .countries import CountryInfo, by_name, country

__all__ = ["CountryInfo", "country", "by_name", "version"]


def version(gazetteer_path=None) -> str | None:
    """Version string of the gazetteer a pipeline uses (provenance)."""
    try:
        from .store import store_version
    except ImportError:  # the store is not built into this checkout yet
        return None
    return store_version(gazetteer_path)
