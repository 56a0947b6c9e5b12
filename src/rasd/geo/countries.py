"""Countries by ISO code or by Arabic / English name (``data/geo/countries.yaml``).

>>> country("SY").name, country("سوريا").iso3, country(760).acled_region
('Syria', 'SYR', 'Middle East')
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Optional, Union

import yaml

from ..text import norm

DATA = Path(__file__).resolve().parent.parent / "data" / "geo" / "countries.yaml"


@dataclass(frozen=True)
class CountryInfo:
    iso2: str
    iso3: str
    numeric: int
    name: str
    name_ar: str
    acled_region: Optional[str] = None
    aliases: tuple[str, ...] = field(default=(), compare=False)
    capital_ar: Optional[str] = None  # what a bare "العاصمة" means in a story set here

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, self.name_ar) + self.aliases


def name_key(s: str) -> str:
    """The lookup key of a name: normalised, lower-cased, spaces collapsed."""
    return " ".join(norm(s).lower().replace("-", " ").split())


@lru_cache(maxsize=8)
def load(path: Path = DATA) -> tuple[CountryInfo, ...]:
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    out = []
    for c in raw.get("countries", []):
        out.append(CountryInfo(iso2=c["iso2"].upper(), iso3=c["iso3"].upper(), numeric=int(c["numeric"]),
                               name=c["name"], name_ar=c["name_ar"], acled_region=c.get("acled_region"),
                               aliases=tuple(c.get("aliases") or ()), capital_ar=c.get("capital_ar")))
    return tuple(out)


@lru_cache(maxsize=8)
def _index(path: Path = DATA) -> dict[str, CountryInfo]:
    idx: dict[str, CountryInfo] = {}
    for c in load(path):
        for k in (c.iso2, c.iso3, str(c.numeric)):
            idx.setdefault(k.lower(), c)
        for n in c.names:
            idx.setdefault(name_key(n), c)
    return idx


@lru_cache(maxsize=1024)
def country(code_or_name: Union[str, int, None], path: Path = DATA) -> Optional[CountryInfo]:
    """A country by ISO alpha-2, alpha-3, numeric, or English/Arabic name (None if unknown)."""
    if code_or_name is None:
        return None
    key = str(int(code_or_name)) if isinstance(code_or_name, int) else str(code_or_name).strip()
    if key.isdigit():
        key = str(int(key))
    idx = _index(path)
    k = name_key(key)
    return idx.get(key.lower()) or idx.get(k)


def by_name(name: str, path: Path = DATA) -> Optional[CountryInfo]:
    """A country by an Arabic or English name only (not by code): "سوريا", "Syria"."""
    c = _index(path).get(name_key(name))
    if c is None:
        return None
    return c if name_key(name) in {name_key(n) for n in c.names} else None


@lru_cache(maxsize=8)
def local_countries(path: Path = DATA) -> frozenset[str]:
    """The countries rasd indexes in full (``local_countries`` in the YAML)."""
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    return frozenset(str(c).upper() for c in raw.get("local_countries") or ())


def all_countries(path: Path = DATA) -> tuple[CountryInfo, ...]:
    return load(path)


__all__ = ["CountryInfo", "country", "by_name", "all_countries", "local_countries", "name_key"]
