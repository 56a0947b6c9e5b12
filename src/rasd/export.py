"""Flat views of the store for analysts' tools: ACLED CSV, PLOVER JSONL, GeoJSON, Parquet, JSONL.

Unit of each format:

- ``acled-csv``, ``plover-jsonl``, ``geojson``: one row per *event cluster* (the
  reports of one event merged), described by its representative event; ``source``
  lists every outlet in the cluster.
- ``jsonl`` and ``parquet``: one row per *reported event* (as ``rasd events``), with its
  ``cluster_id``; Parquet is a directory partitioned by event month (``month=YYYY-MM``).

Only ``asserted`` and ``claimed`` events are exported.
"""
from __future__ import annotations

import csv
import datetime as _dt
import json
from pathlib import Path
from typing import IO, Iterable, Iterator, Optional

from .models import EXPORTED_MODALITIES
from .store import EventFilter, Store

FORMATS = ("acled-csv", "plover-jsonl", "geojson", "parquet", "jsonl")

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]

# ACLED's disorder type of each event type (ACLED codebook 2023).
DISORDER_TYPE = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
DISORDER_BY_SUB = {"Excessive force against protesters": "Political violence; Demonstrations"}

# PLOVER mode of each ACLED sub-event type (shared/spec/acled-coding.md).
PLOVER_MODE = {
    "Government regains territory": "firearms", "Non-state actor overtakes territory": "firearms",
    "Armed clash": "firearms", "Air/drone strike": "aerial", "Shelling/artillery/missile attack": "heavy-weapons",
    "Remote explosive/landmine/IED": "explosives", "Grenade": "explosives", "Suicide bomb": "suicide-attack",
    "Chemical weapon": "unconventional", "Attack": "targeted", "Abduction/forced disappearance": "abduct",
    "Sexual violence": "sexual", "Arrests": "arrest", "Disrupted weapons use": "seize",
    "Looting/property destruction": "destroy", "Non-violent transfer of territory": "withdraw",
    "Change to group/activity": "troops", "Headquarters or base established": "troops",
}
CIVILIANS_INTER = 7


def _export_filter(f: Optional[EventFilter]) -> EventFilter:
    f = f or EventFilter()
    return EventFilter(**{**f.__dict__, "modalities": EXPORTED_MODALITIES})


def _country(loc: dict):
    try:
        from .geo.countries import country
    except ImportError:  # pragma: no cover - rasd.geo is part of the package
        return None
    for key in (loc.get("country_code"), loc.get("iso"), loc.get("country")):
        if key:
            c = country(key)
            if c:
                return c
    return None


def _name(actor: Optional[dict]) -> str:
    return (actor or {}).get("name") or ""


def _inter(actor: Optional[dict]) -> Optional[int]:
    return (actor or {}).get("inter")


def interaction(i1: Optional[int], i2: Optional[int]) -> Optional[int]:
    """ACLED's two-digit interaction code: the two inter codes, smaller first (10 = state forces alone)."""
    if i1 is None and i2 is None:
        return None
    if i2 is None or i1 is None:
        return (i1 or i2) * 10
    a, b = sorted((i1, i2))
    return a * 10 + b


def notes(ev: dict) -> str:
    """The event's English ``notes``, or one sentence built from its fields."""
    if ev.get("notes"):
        return ev["notes"]
    try:
        from .events.notes import notes_for
        from .models import Event

        return notes_for(Event.model_validate({k: v for k, v in ev.items() if k in Event.model_fields}))
    except Exception:
        loc = ev.get("location") or {}
        place = loc.get("name") or loc.get("name_ar") or "an unspecified place"
        who = _name(ev.get("actor1")) or "Unidentified actors"
        whom = f" against {_name(ev.get('actor2'))}" if ev.get("actor2") else ""
        when = f"On {ev['event_date']}, " if ev.get("event_date") else ""
        return f"{when}{who}: {ev['sub_event_type'].lower()}{whom} in {place}."


def event_number(row: dict) -> int:
    """Stable per-event number: the ingest sequence of the cluster's first report."""
    return int(row.get("first_seq") or 0)


def acled_row(row: dict) -> dict:
    """One ACLED CSV row from a cluster row (:meth:`Store.iter_clusters`)."""
    loc = row.get("location") or {}
    c = _country(loc)
    a1, a2 = row.get("actor1"), row.get("actor2")
    i1, i2 = _inter(a1), _inter(a2)
    civ = row["event_type"] == "Violence against civilians" or i2 == CIVILIANS_INTER
    date = row.get("event_date") or row.get("published")
    tags = []
    if row.get("modality") == "claimed":
        tags.append("claimed" + (f" by {row['attribution']}" if row.get("attribution") else ""))
    if row.get("corroboration"):
        tags.append(f"corroboration={row['corroboration']}")
    iso3 = c.iso3 if c else "XXX"
    return {
        "event_id_cnty": f"{iso3}{event_number(row)}",
        "event_date": date or "",
        "year": date[:4] if date else "",
        # no event date: ACLED needs one, so the publication date stands in, at month precision;
        # with neither, the row has no date and no precision
        "time_precision": row.get("time_precision") or (3 if date and not row.get("event_date") else ""),
        "disorder_type": DISORDER_BY_SUB.get(row.get("sub_event_type"), DISORDER_TYPE.get(row["event_type"], "")),
        "event_type": row["event_type"],
        "sub_event_type": row.get("sub_event_type") or "",
        "actor1": _name(a1),
        "assoc_actor_1": "; ".join(a["name"] for a in row.get("assoc_actor_1") or []),
        "inter1": i1 if i1 is not None else "",
        "actor2": _name(a2),
        "assoc_actor_2": "; ".join(a["name"] for a in row.get("assoc_actor_2") or []),
        "inter2": i2 if i2 is not None else "",
        "interaction": interaction(i1, i2) or "",
        "civilian_targeting": "Civilian targeting" if civ else "",
        "iso": loc.get("iso") or (c.numeric if c else ""),
        "region": (c.acled_region if c else "") or "",
        "country": loc.get("country") or (c.name if c else ""),
        "admin1": loc.get("admin1") or "",
        "admin2": loc.get("admin2") or "",
        "admin3": loc.get("admin3") or "",
        "location": loc.get("name") or loc.get("name_ar") or "",
        "latitude": loc.get("latitude") if loc.get("latitude") is not None else "",
        "longitude": loc.get("longitude") if loc.get("longitude") is not None else "",
        "geo_precision": loc.get("geo_precision") or "",
        "source": "; ".join(row.get("sources") or ([row["outlet"]] if row.get("outlet") else [])),
        "source_scale": "",
        "notes": notes(row),
        "fatalities": row.get("fatalities") or 0,
        "tags": "; ".join(tags),
        "timestamp": row.get("timestamp") or "",
    }


def write_acled_csv(rows: Iterable[dict], out: IO[str]) -> int:
    w = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    w.writeheader()
    n = 0
    for r in rows:
        w.writerow(acled_row(r))
        n += 1
    return n


def plover_record(row: dict) -> dict:
    """A PLOVER-style event (one per cluster)."""
    loc = row.get("location") or {}
    c = _country(loc)
    return {
        "id": row["cluster_id"],
        "date": row.get("event_date") or row.get("published"),
        "event_type": row.get("plover"),
        "mode": PLOVER_MODE.get(row.get("sub_event_type")),
        "context": [],
        "actor": _name(row.get("actor1")) or None,
        "actor_ref": (row.get("actor1") or {}).get("ref"),
        "recipient": _name(row.get("actor2")) or None,
        "recipient_ref": (row.get("actor2") or {}).get("ref"),
        "country": c.iso3 if c else None,
        "location": {"name": loc.get("name") or loc.get("name_ar"), "admin1": loc.get("admin1"),
                     "lat": loc.get("latitude"), "lon": loc.get("longitude"), "geo_precision": loc.get("geo_precision")},
        "fatalities": row.get("fatalities"),
        "modality": row.get("modality"),
        "acled": {"event_type": row["event_type"], "sub_event_type": row.get("sub_event_type")},
        "sources": row.get("sources") or [],
        "corroboration": row.get("corroboration"),
        "doc_id": row.get("doc_id"),
        "notes": notes(row),
    }


def write_jsonl(records: Iterable[dict], out: IO[str]) -> int:
    n = 0
    for r in records:
        out.write(json.dumps(r, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_geojson(rows: Iterable[dict], out: IO[str]) -> int:
    """RFC 7946 FeatureCollection, one Point per cluster ([lon, lat], WGS84); clusters without
    coordinates are features with ``geometry: null``. Streamed."""
    out.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for r in rows:
        props = acled_row(r)
        props["cluster_id"] = r["cluster_id"]
        props = {k: (None if v == "" else v) for k, v in props.items()}
        loc = r.get("location") or {}
        geom = None
        if loc.get("latitude") is not None and loc.get("longitude") is not None:
            geom = {"type": "Point", "coordinates": [float(loc["longitude"]), float(loc["latitude"])]}
        feat = {"type": "Feature", "id": r["cluster_id"], "geometry": geom, "properties": props}
        out.write((",\n" if n else "") + json.dumps(feat, ensure_ascii=False))
        n += 1
    out.write("\n]}\n")
    return n


PARQUET_FIELDS = [
    ("month", "string"), ("event_id", "string"), ("doc_id", "string"), ("outlet", "string"),
    ("published", "date32"), ("cluster_id", "string"), ("event_type", "string"), ("sub_event_type", "string"),
    ("plover", "string"), ("event_date", "date32"), ("time_precision", "int32"), ("modality", "string"),
    ("actor1", "string"), ("actor1_ref", "string"), ("inter1", "int32"), ("actor2", "string"),
    ("actor2_ref", "string"), ("inter2", "int32"), ("country", "string"), ("country_code", "string"),
    ("admin1", "string"), ("admin2", "string"), ("location", "string"), ("location_ar", "string"),
    ("latitude", "float64"), ("longitude", "float64"), ("geo_precision", "int32"), ("fatalities", "int32"),
    ("confidence", "float64"), ("notes", "string"), ("event", "string"),
]


def _parquet_row(r: dict) -> dict:
    loc = r.get("location") or {}
    a1, a2 = r.get("actor1") or {}, r.get("actor2") or {}
    d = r.get("event_date")
    return {
        "month": d[:7] if d else "unknown", "event_id": r["id"], "doc_id": r["doc_id"], "outlet": r.get("outlet"),
        "published": _dt.date.fromisoformat(r["published"]) if r.get("published") else None,
        "cluster_id": r.get("cluster_id"), "event_type": r["event_type"], "sub_event_type": r.get("sub_event_type"),
        "plover": r.get("plover"), "event_date": _dt.date.fromisoformat(d) if d else None,
        "time_precision": r.get("time_precision"), "modality": r.get("modality"),
        "actor1": a1.get("name"), "actor1_ref": a1.get("ref"), "inter1": a1.get("inter"),
        "actor2": a2.get("name"), "actor2_ref": a2.get("ref"), "inter2": a2.get("inter"),
        "country": loc.get("country"), "country_code": loc.get("country_code"), "admin1": loc.get("admin1"),
        "admin2": loc.get("admin2"), "location": loc.get("name"), "location_ar": loc.get("name_ar"),
        "latitude": loc.get("latitude"), "longitude": loc.get("longitude"), "geo_precision": loc.get("geo_precision"),
        "fatalities": r.get("fatalities"), "confidence": r.get("confidence"), "notes": notes(r),
        "event": json.dumps({k: v for k, v in r.items()}, ensure_ascii=False),
    }


def write_parquet(rows: Iterable[dict], out_dir: Path, chunk: int = 10_000) -> int:
    """Write event rows as a Parquet dataset under ``out_dir``, partitioned ``month=YYYY-MM``."""
    import pyarrow as pa
    import pyarrow.dataset as ds

    schema = pa.schema([(n, getattr(pa, t)()) for n, t in PARQUET_FIELDS])
    count = 0

    def batches() -> Iterator[pa.RecordBatch]:
        nonlocal count
        buf: list[dict] = []
        for r in rows:
            buf.append(_parquet_row(r))
            if len(buf) >= chunk:
                count += len(buf)
                yield pa.RecordBatch.from_pylist(buf, schema=schema)
                buf = []
        if buf:
            count += len(buf)
            yield pa.RecordBatch.from_pylist(buf, schema=schema)

    out_dir.mkdir(parents=True, exist_ok=True)
    ds.write_dataset(batches(), out_dir, schema=schema, format="parquet",
                     partitioning=ds.partitioning(pa.schema([("month", pa.string())]), flavor="hive"),
                     existing_data_behavior="delete_matching", basename_template="part-{i}.parquet")
    return count


def export(store: Store, fmt: str, out: IO[str] | Path, f: Optional[EventFilter] = None) -> int:
    """Write the store's events in format ``fmt``; returns the number of rows written."""
    f = _export_filter(f)
    if fmt == "acled-csv":
        return write_acled_csv(store.iter_clusters(f), out)
    if fmt == "plover-jsonl":
        return write_jsonl((plover_record(r) for r in store.iter_clusters(f)), out)
    if fmt == "geojson":
        return write_geojson(store.iter_clusters(f), out)
    if fmt == "jsonl":
        return write_jsonl(store.iter_events(f), out)
    if fmt == "parquet":
        return write_parquet(store.iter_events(f), Path(out))
    raise ValueError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
