"""The :class:`Store`: document records in a DuckDB file (see the package docstring)."""
from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional

import duckdb
import pyarrow as pa

from .. import cluster as _cl
from ..models import EXPORTED_MODALITIES, Document
from .schema import MIGRATIONS, SCHEMA_VERSION

EVENT_SEQ_STRIDE = 100_000  # event seq = document seq * stride + index in the document


class StoreError(Exception):
    """A store problem the user can fix (wrong file, locked file, newer schema)."""


@dataclass
class IngestStats:
    stored: int = 0
    duplicates: int = 0
    rejected: int = 0
    events: int = 0

    def __iadd__(self, other: "IngestStats") -> "IngestStats":
        self.stored += other.stored
        self.duplicates += other.duplicates
        self.rejected += other.rejected
        self.events += other.events
        return self


def _date(v: Any) -> Optional[_dt.date]:
    if v is None or v == "":
        return None
    if isinstance(v, _dt.datetime):
        return v.date()
    if isinstance(v, _dt.date):
        return v
    try:
        return _dt.date.fromisoformat(str(v)[:10])
    except ValueError:
        return None


@dataclass
class EventFilter:
    """Which events a query returns. Every field is optional; they combine with AND.

    ``since``/``until``: inclusive dates (the event date, else the publication date);
    ``type``: an event type or sub-event type (case-insensitive); ``actor``: a KB ref
    (``actor:hts``) or part of an actor's English/Arabic name; ``admin1``: governorate;
    ``near``: ``(lat, lon, km)``; ``outlet``: exact outlet name (case-insensitive);
    ``modalities``: which modalities (default: the exported ones, asserted and claimed;
    ``None`` = all); ``cluster_id``: members of one cluster.
    """

    since: Optional[_dt.date | str] = None
    until: Optional[_dt.date | str] = None
    type: Optional[str] = None
    actor: Optional[str] = None
    admin1: Optional[str] = None
    near: Optional[tuple[float, float, float]] = None
    outlet: Optional[str] = None
    modalities: Optional[tuple[str, ...]] = EXPORTED_MODALITIES
    cluster_id: Optional[str] = None

    def where(self, alias: str = "e") -> tuple[str, list]:
        """SQL condition over the ``events`` table (aliased ``alias``) and its parameters."""
        a = alias + "."
        conds: list[str] = []
        params: list = []
        if self.since:
            conds.append(f"{a}cdate >= ?")
            params.append(_date(self.since))
        if self.until:
            conds.append(f"{a}cdate <= ?")
            params.append(_date(self.until))
        if self.type:
            conds.append(f"(lower({a}event_type) = lower(?) OR lower({a}sub_event_type) = lower(?))")
            params += [self.type, self.type]
        if self.actor:
            conds.append(f"(list_contains({a}actor_refs, ?) OR {a}actor_names ILIKE ?)")
            params += [self.actor, "%" + self.actor + "%"]
        if self.admin1:
            conds.append(f"lower({a}admin1) = lower(?)")
            params.append(self.admin1)
        if self.near:
            lat, lon, km = (float(x) for x in self.near)
            conds.append(
                f"({a}latitude IS NOT NULL AND 2 * 6371.0088 * asin(least(1, sqrt("
                f"pow(sin(radians({a}latitude - ?) / 2), 2) + cos(radians(?)) * cos(radians({a}latitude)) * "
                f"pow(sin(radians({a}longitude - ?) / 2), 2)))) <= ?)"
            )
            params += [lat, lat, lon, km]
        if self.outlet:
            conds.append(f"lower({a}outlet) = lower(?)")
            params.append(self.outlet)
        if self.modalities is not None:
            conds.append(f"{a}modality IN ({', '.join('?' for _ in self.modalities)})")
            params += list(self.modalities)
        if self.cluster_id:
            conds.append(f"{a}cluster_id = ?")
            params.append(self.cluster_id)
        return (" AND ".join(conds) or "TRUE"), params


def _open_error(path: Path, e: Exception) -> StoreError:
    msg = str(e)
    if "not a valid DuckDB database" in msg or "Corrupt" in msg or "invalid" in msg.lower():
        return StoreError(f"{path} is not a DuckDB database file; give --db a new path or an existing rasd store")
    if "lock" in msg.lower():
        return StoreError(f"{path} is in use by another rasd process (DuckDB allows one writer); wait for it or use another --db")
    return StoreError(f"cannot open {path}: {msg.splitlines()[0] if msg else type(e).__name__}")


def _actor_cols(actor: Optional[dict]) -> tuple[Optional[str], Optional[str], Optional[int]]:
    if not actor:
        return None, None, None
    return actor.get("name"), actor.get("ref"), actor.get("inter")


class Store:
    """A DuckDB file holding document records, their events, clusters and rejects."""

    def __init__(self, path: str | Path = "rasd.duckdb", read_only: bool = False, rules: Optional[_cl.Rules] = None):
        self.path = Path(path)
        self.read_only = read_only
        self.rules = rules or _cl.load_rules()
        if read_only and not self.path.exists():
            raise StoreError(f"no store at {self.path}; create one with 'rasd ingest PATH --db {self.path}'")
        if self.path.exists() and self.path.is_dir():
            raise StoreError(f"{self.path} is a directory, not a DuckDB database file")
        try:
            self.con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as e:
            raise _open_error(self.path, e) from None
        try:
            self._migrate()
        except duckdb.Error as e:
            self.con.close()
            raise _open_error(self.path, e) from None

    # ------------------------------------------------------------ lifecycle
    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        try:
            self.con.close()
        except duckdb.Error:
            pass

    def schema_version(self) -> int:
        return self.con.execute("SELECT max(version) FROM schema_version").fetchone()[0] or 0

    def _migrate(self) -> None:
        have = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
        ).fetchone()[0]
        if not have:
            if self.read_only:
                raise StoreError(f"{self.path} is a DuckDB file but not a rasd store (no schema_version table)")
            tables = self.con.execute("SELECT count(*) FROM information_schema.tables").fetchone()[0]
            if tables:
                raise StoreError(f"{self.path} is a DuckDB database of something else, not a rasd store")
            self.con.execute("CREATE TABLE schema_version (version INTEGER, applied_at TIMESTAMP DEFAULT current_timestamp)")
        current = self.schema_version()
        if current > SCHEMA_VERSION:
            raise StoreError(f"{self.path} has store schema {current}, newer than this rasd ({SCHEMA_VERSION}); upgrade rasd")
        if current < SCHEMA_VERSION and self.read_only:
            raise StoreError(f"{self.path} has store schema {current}; open it once without read-only to migrate")
        for version in range(current, SCHEMA_VERSION):
            self.con.begin()
            try:
                for stmt in MIGRATIONS[version]:
                    self.con.execute(stmt)
                self.con.execute("INSERT INTO schema_version (version) VALUES (?)", [version + 1])
                self.con.commit()
            except BaseException:
                self.con.rollback()
                raise

    # ------------------------------------------------------------ writing
    def add_documents(self, docs: Iterable[Document], batch_size: int = 200) -> IngestStats:
        """Store documents, one transaction per ``batch_size``; known ``content_hash`` = duplicate."""
        stats = IngestStats()
        batch: list[Document] = []
        for d in docs:
            batch.append(d)
            if len(batch) >= batch_size:
                stats += self._add_batch(batch)
                batch = []
        if batch:
            stats += self._add_batch(batch)
        return stats

    def add_reject(self, reason: str, sha256: str, where: str) -> bool:
        """Record input that could not be processed; False when already recorded."""
        n = self.con.execute(
            "INSERT INTO rejects (sha256, where_, reason) VALUES (?, ?, ?) ON CONFLICT DO NOTHING RETURNING 1",
            [sha256, where, reason],
        ).fetchall()
        return bool(n)

    def add_batch(self, docs: list[Document], rejects: Iterable[tuple[str, str, str]] = ()) -> IngestStats:
        """One transaction: documents plus rejects ``(reason, sha256, where)``."""
        return self._add_batch(docs, list(rejects))

    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        hs = list(dict.fromkeys(hashes))
        if not hs:
            return set()
        rows = self.con.execute("SELECT content_hash FROM documents WHERE content_hash IN (SELECT unnest(?))", [hs]).fetchall()
        return {r[0] for r in rows}

    def _tx(self):
        return _Tx(self.con)

    def _add_batch(self, docs: list[Document], rejects: list[tuple[str, str, str]] | None = None) -> IngestStats:
        stats = IngestStats()
        with self._tx():
            for reason, sha, where in rejects or ():
                self.add_reject(reason, sha, where)
                stats.rejected += 1
            known = self.known_hashes(d.content_hash for d in docs)
            fresh: list[Document] = []
            for d in docs:
                if d.content_hash in known:
                    stats.duplicates += 1
                else:
                    known.add(d.content_hash)
                    fresh.append(d)
            if fresh:
                stats.stored = len(fresh)
                stats.events = self._insert(fresh)
        return stats

    def _next_seq(self) -> int:
        return (self.con.execute("SELECT max(seq) FROM documents").fetchone()[0] or 0) + 1

    def _near_duplicates(self, docs: list[Document], seqs: list[int]) -> tuple[list[Optional[str]], list, list]:
        """For each doc: the content_hash of the original it copies (or None), signatures, band rows."""
        rules = self.rules
        sigs = [_cl.signature(d.text, rules) for d in docs]
        bands = [_cl.band_hashes(s, rules) for s in sigs]
        all_bands = sorted({b for bs in bands for b in bs})
        stored: dict[int, list[str]] = {}
        info: dict[str, tuple[int, Optional[str], list]] = {}
        if all_bands:
            rows = self.con.execute(
                "SELECT b.band, d.content_hash, d.seq, d.dup_of, d.minhash FROM doc_bands b "
                "JOIN documents d USING (content_hash) WHERE b.band IN (SELECT unnest(?))",
                [all_bands],
            ).fetchall()
            for band, h, seq, dup, mh in rows:
                stored.setdefault(band, []).append(h)
                info[h] = (seq, dup, mh)
        dup_of: list[Optional[str]] = []
        for d, seq, sig, bs in zip(docs, seqs, sigs, bands):
            cands = {h for b in bs for h in stored.get(b, ())}
            best: Optional[tuple[int, str]] = None
            for h in cands:
                cseq, cdup, cmh = info[h]
                if _cl.similarity(sig, cmh) >= rules.near_duplicate_jaccard:
                    if best is None or cseq < best[0]:
                        best = (cseq, cdup or h)
            dup_of.append(best[1] if best else None)
            info[d.content_hash] = (seq, dup_of[-1], sig)
            for b in bs:
                stored.setdefault(b, []).append(d.content_hash)
        band_rows = [{"band": b, "content_hash": d.content_hash} for d, bs in zip(docs, bands) for b in bs]
        return dup_of, sigs, band_rows

    def _insert(self, docs: list[Document], seqs: Optional[list[int]] = None) -> int:
        """Insert new documents with their entities, events, relations; cluster their events."""
        if seqs is None:
            first = self._next_seq()
            seqs = list(range(first, first + len(docs)))
        dup_of, sigs, band_rows = self._near_duplicates(docs, seqs)
        doc_rows, ent_rows, ev_rows, rel_rows = [], [], [], []
        cevents: list[_cl.CEvent] = []
        for d, seq, dup, sig in zip(docs, seqs, dup_of, sigs):
            rec = d.to_dict()
            pub = _date(d.source.published)
            doc_rows.append({
                "content_hash": d.content_hash, "seq": seq, "doc_id": d.doc_id, "outlet": d.source.outlet,
                "url": d.source.url, "published": pub, "language": d.language, "title": d.title, "text": d.text,
                "record": json.dumps(rec, ensure_ascii=False),
                "provenance": json.dumps(rec["provenance"], ensure_ascii=False),
                "n_events": len(d.events), "dup_of": dup, "minhash": [int(x) for x in sig],
            })
            for e in rec["entities"]:
                ent_rows.append({"content_hash": d.content_hash, "doc_id": d.doc_id, "entity_id": e["id"],
                                 "type": e["type"], "text": e["text"], "start_": e["start"], "end_": e["end"],
                                 "ref": e.get("ref")})
            for r in rec["relations"]:
                rel_rows.append({"content_hash": d.content_hash, "doc_id": d.doc_id, "type": r["type"],
                                 "source_ref": r["source"].get("ref"), "source_name": r["source"].get("name"),
                                 "target_ref": r["target"].get("ref"), "target_name": r["target"].get("name"),
                                 "relation": json.dumps(r, ensure_ascii=False)})
            for i, ev in enumerate(rec["events"]):
                row = self._event_row(d, ev, seq * EVENT_SEQ_STRIDE + i, pub)
                ev_rows.append(row)
                if ev.get("modality") in EXPORTED_MODALITIES:
                    cevents.append(self._cevent(row))
        if cevents:
            asg = self._assign(cevents)
            for row in ev_rows:
                row["cluster_id"] = asg.clusters.get(row["event_key"])
        self._append("documents", doc_rows)
        self._append("doc_bands", band_rows)
        self._append("entities", ent_rows)
        self._append("events", ev_rows)
        self._append("relations", rel_rows)
        if cevents:
            self._apply_renames(asg.renamed)
            self._refresh_clusters(set(asg.clusters.values()) | set(asg.renamed.values()))
        return len(ev_rows)

    def _append(self, table: str, rows: list[dict]) -> None:
        if not rows:
            return
        tmp = f"_rasd_tmp_{table}"
        self.con.register(tmp, pa.Table.from_pylist(rows))
        try:
            self.con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {tmp}")
        finally:
            self.con.unregister(tmp)

    @staticmethod
    def _event_row(d: Document, ev: dict, seq: int, pub: Optional[_dt.date]) -> dict:
        loc = ev.get("location") or {}
        a1n, a1r, a1i = _actor_cols(ev.get("actor1"))
        a2n, a2r, a2i = _actor_cols(ev.get("actor2"))
        actors = [a for a in [ev.get("actor1"), ev.get("actor2")] if a] + ev.get("assoc_actor_1", []) + ev.get("assoc_actor_2", [])
        ed = _date(ev.get("event_date"))
        return {
            "event_key": f"{d.content_hash}#{ev['id']}", "seq": seq, "content_hash": d.content_hash,
            "doc_id": d.doc_id, "event_id": ev["id"], "event_type": ev["event_type"],
            "sub_event_type": ev.get("sub_event_type"), "plover": ev.get("plover"),
            "event_date": ed, "cdate": ed or pub, "time_precision": ev.get("time_precision"),
            "modality": ev.get("modality"),
            "actor1": a1n, "actor1_ref": a1r, "actor1_inter": a1i,
            "actor2": a2n, "actor2_ref": a2r, "actor2_inter": a2i,
            "assoc_actor_1": "; ".join(a["name"] for a in ev.get("assoc_actor_1", [])) or None,
            "assoc_actor_2": "; ".join(a["name"] for a in ev.get("assoc_actor_2", [])) or None,
            "actor_refs": [a["ref"] for a in actors if a.get("ref")],
            "actor_names": " | ".join(x for a in actors for x in (a.get("name"), a.get("name_ar")) if x),
            "country": loc.get("country"), "country_code": loc.get("country_code"), "iso": loc.get("iso"),
            "admin1": loc.get("admin1"), "admin2": loc.get("admin2"), "admin3": loc.get("admin3"),
            "location": loc.get("name") or loc.get("name_ar"), "location_ar": loc.get("name_ar"),
            "location_ref": loc.get("ref"),
            "latitude": loc.get("latitude"), "longitude": loc.get("longitude"),
            "geo_precision": loc.get("geo_precision"), "fatalities": ev.get("fatalities"),
            "confidence": ev.get("confidence"), "outlet": d.source.outlet, "published": pub,
            "event": json.dumps(ev, ensure_ascii=False), "cluster_id": None,
        }

    def _cevent(self, row: dict) -> _cl.CEvent:
        return _cl.CEvent(
            key=row["event_key"], seq=row["seq"], event_type=row["event_type"], date=_date(row["cdate"]),
            place=_cl.place_key(row["location_ar"] or row["location"], self.rules), place_ref=row["location_ref"],
            lat=row["latitude"], lon=row["longitude"], country=row["country_code"] or row["country"],
            actor1=(row["actor1_ref"], row["actor1"]), actor2=(row["actor2_ref"], row["actor2"]),
            sub_event_type=row["sub_event_type"],
        )

    _CEVENT_COLS = ("event_key, seq, event_type, cdate, location_ar, location, location_ref, latitude, longitude, "
                    "country_code, country, actor1_ref, actor1, actor2_ref, actor2, sub_event_type, cluster_id")

    def _cevent_from_db(self, r: tuple) -> tuple[_cl.CEvent, str]:
        (key, seq, et, cdate, loc_ar, loc, loc_ref, lat, lon, cc, country, a1r, a1, a2r, a2, sub, cid) = r
        ev = _cl.CEvent(key=key, seq=seq, event_type=et, date=_date(cdate), place=_cl.place_key(loc_ar or loc, self.rules),
                        place_ref=loc_ref, lat=lat, lon=lon, country=cc or country, actor1=(a1r, a1), actor2=(a2r, a2),
                        sub_event_type=sub)
        return ev, cid

    def _assign(self, cevents: list[_cl.CEvent]) -> _cl.Assignment:
        keys = sorted({(e.event_type, e.date.toordinal() + k) for e in cevents if e.date
                       for k in range(-self.rules.max_days, self.rules.max_days + 1)})
        existing: list[tuple[_cl.CEvent, str]] = []
        if keys:
            self.con.register("_rasd_keys", pa.Table.from_pylist(
                [{"t": t, "d": _dt.date.fromordinal(o)} for t, o in keys]))
            try:
                rows = self.con.execute(
                    f"SELECT {self._CEVENT_COLS} FROM events e JOIN _rasd_keys k ON e.event_type = k.t AND e.cdate = k.d "
                    "WHERE e.cluster_id IS NOT NULL").fetchall()
            finally:
                self.con.unregister("_rasd_keys")
            existing = [self._cevent_from_db(r) for r in rows]
        cids = sorted({cid for _, cid in existing})
        firsts: dict[str, tuple[int, str]] = {}
        if cids:
            for cid, fseq, fkey in self.con.execute(
                    "SELECT cluster_id, first_seq, first_key FROM clusters WHERE cluster_id IN (SELECT unnest(?))", [cids]).fetchall():
                firsts[cid] = (fseq, fkey)
        return _cl.assign(cevents, existing, firsts, self.rules)

    def _apply_renames(self, renamed: dict[str, str]) -> None:
        for old, new in sorted(renamed.items()):
            self.con.execute("UPDATE events SET cluster_id = ? WHERE cluster_id = ?", [new, old])
            self.con.execute("DELETE FROM clusters WHERE cluster_id = ?", [old])

    def _refresh_clusters(self, cids: set[str]) -> None:
        """Recompute the rows of ``clusters`` for these ids from their member events."""
        if not cids:
            return
        ids = sorted(cids)
        rows = self.con.execute(
            """SELECT e.cluster_id, e.event_key, e.seq, e.event_type, e.cdate, e.country_code, e.confidence,
                      e.outlet, e.content_hash, coalesce(o.outlet, 'doc:' || o.content_hash),
                      (e.actor1 IS NOT NULL)::INT + (e.actor2 IS NOT NULL)::INT + (e.latitude IS NOT NULL)::INT
                      + (e.event_date IS NOT NULL)::INT + (e.fatalities IS NOT NULL)::INT
               FROM events e JOIN documents d USING (content_hash)
               JOIN documents o ON o.content_hash = coalesce(d.dup_of, d.content_hash)
               WHERE e.cluster_id IN (SELECT unnest(?)) ORDER BY e.seq""", [ids]).fetchall()
        groups: dict[str, list[tuple]] = {}
        for r in rows:
            groups.setdefault(r[0], []).append(r)
        out = []
        for cid in ids:
            members = groups.get(cid)
            if not members:
                continue
            first = min(members, key=lambda r: (r[2], r[1]))
            rep = max(members, key=lambda r: (r[6] or 0.0, r[10], -r[2]))
            out.append({
                "cluster_id": cid, "first_seq": first[2], "first_key": first[1], "representative": rep[1],
                "event_type": rep[3], "event_date": rep[4], "country_code": rep[5],
                "sources": json.dumps(sorted({r[7] for r in members if r[7]}), ensure_ascii=False),
                "corroboration": len({r[9] for r in members}), "n_events": len(members),
                "n_documents": len({r[8] for r in members}),
            })
        self.con.execute("DELETE FROM clusters WHERE cluster_id IN (SELECT unnest(?))", [ids])
        self._append("clusters", out)

    # ------------------------------------------------------- re-extraction
    def replace_documents(self, docs: list[Document], recluster: bool = True) -> int:
        """Replace stored records (same ``content_hash``) with new extractions and recluster
        (or leave that to one :meth:`recluster` call after many batches). Returns events stored."""
        with self._tx():
            hashes = [d.content_hash for d in docs]
            info = dict(self.con.execute(
                "SELECT content_hash, seq FROM documents WHERE content_hash IN (SELECT unnest(?))", [hashes]).fetchall())
            docs = [d for d in docs if d.content_hash in info]
            if not docs:
                return 0
            hs = [d.content_hash for d in docs]
            for table in ("doc_bands", "entities", "events", "relations", "documents"):
                self.con.execute(f"DELETE FROM {table} WHERE content_hash IN (SELECT unnest(?))", [hs])
            n = self._insert(docs, seqs=[info[d.content_hash] for d in docs])
            if recluster:
                self._recluster_all()
        return n

    def recluster(self) -> int:
        """Recompute every cluster from scratch (same rules, same ids); returns the number of clusters."""
        with self._tx():
            self._recluster_all()
        return self.con.execute("SELECT count(*) FROM clusters").fetchone()[0]

    def _recluster_all(self) -> None:
        rows = self.con.execute(
            f"SELECT {self._CEVENT_COLS} FROM events WHERE modality IN ('asserted', 'claimed') ORDER BY seq").fetchall()
        evs = [self._cevent_from_db(r)[0] for r in rows]
        asg = _cl.assign(evs, [], {}, self.rules)
        self.con.execute("UPDATE events SET cluster_id = NULL")
        self.con.execute("DELETE FROM clusters")
        if asg.clusters:
            self.con.register("_rasd_asg", pa.Table.from_pylist(
                [{"k": k, "c": c} for k, c in asg.clusters.items()]))
            try:
                self.con.execute("UPDATE events SET cluster_id = a.c FROM _rasd_asg a WHERE events.event_key = a.k")
            finally:
                self.con.unregister("_rasd_asg")
            self._refresh_clusters(set(asg.clusters.values()))

    def stale_documents(self, provenance: dict, force: bool = False) -> Iterator[tuple[str, dict]]:
        """(content_hash, record) of documents whose provenance differs from ``provenance`` (all if ``force``)."""
        cur = self.con.cursor()
        cur.execute("SELECT content_hash, provenance, record FROM documents ORDER BY seq")
        while True:
            chunk = cur.fetchmany(500)
            if not chunk:
                break
            for h, prov, rec in chunk:
                if force or json.loads(prov or "{}") != provenance:
                    yield h, json.loads(rec)
        cur.close()

    # ------------------------------------------------------------ reading
    def get_document(self, doc_id: str) -> Optional[Document]:
        """The record with this ``doc_id`` (or ``content_hash``); the first stored when several share it."""
        r = self.con.execute(
            "SELECT record FROM documents WHERE doc_id = ? OR content_hash = ? ORDER BY seq LIMIT 1", [doc_id, doc_id]
        ).fetchone()
        return Document.model_validate_json(r[0]) if r else None

    _ROW_SQL = ("SELECT e.event, e.doc_id, e.outlet, e.published, e.cluster_id FROM events e WHERE {where} "
                "ORDER BY {order}")

    @staticmethod
    def _row(r: tuple) -> dict:
        ev = json.loads(r[0])
        ev.update(doc_id=r[1], outlet=r[2], published=r[3].isoformat() if r[3] else None, cluster_id=r[4])
        return ev

    def query_events(self, f: Optional[EventFilter] = None, limit: Optional[int] = 100, offset: int = 0) -> list[dict]:
        """Event rows (the record's event plus doc_id, outlet, published, cluster_id), newest first."""
        where, params = (f or EventFilter()).where()
        sql = self._ROW_SQL.format(where=where, order="e.cdate DESC NULLS LAST, e.seq")
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [int(limit), int(offset)]
        return [self._row(r) for r in self.con.execute(sql, params).fetchall()]

    def iter_events(self, f: Optional[EventFilter] = None, chunk: int = 1000) -> Iterator[dict]:
        """All matching event rows in ingest order, streamed."""
        where, params = (f or EventFilter()).where()
        cur = self.con.cursor()
        cur.execute(self._ROW_SQL.format(where=where, order="e.seq"), params)
        while rows := cur.fetchmany(chunk):
            for r in rows:
                yield self._row(r)
        cur.close()

    def iter_clusters(self, f: Optional[EventFilter] = None, chunk: int = 1000) -> Iterator[dict]:
        """One row per cluster whose representative matches ``f``, in order of first report:
        the representative's event row plus ``sources``, ``corroboration``, ``n_events``,
        ``first_seq`` (ingest order of its first report) and ``timestamp`` (Unix time stored)."""
        where, params = (f or EventFilter()).where()
        cur = self.con.cursor()
        cur.execute(
            "SELECT e.event, e.doc_id, e.outlet, e.published, e.cluster_id, c.sources, c.corroboration, c.n_events, "
            "c.first_seq, epoch(d.ingested_at)::BIGINT "
            "FROM clusters c JOIN events e ON e.event_key = c.representative "
            f"JOIN documents d ON d.content_hash = e.content_hash WHERE {where} ORDER BY c.first_seq",
            params)
        while rows := cur.fetchmany(chunk):
            for r in rows:
                row = self._row(r)
                row.update(sources=json.loads(r[5]), corroboration=r[6], n_events=r[7], first_seq=r[8], timestamp=r[9])
                yield row
        cur.close()

    def count_events(self, f: Optional[EventFilter] = None) -> int:
        where, params = (f or EventFilter()).where()
        return self.con.execute(f"SELECT count(*) FROM events e WHERE {where}", params).fetchone()[0]

    def get_cluster(self, cluster_id: str) -> Optional[dict]:
        """``{cluster_id, representative, members, sources, corroboration, n_documents}`` or None."""
        r = self.con.execute(
            "SELECT representative, sources, corroboration, n_documents, event_type, event_date FROM clusters WHERE cluster_id = ?",
            [str(cluster_id)]).fetchone()  # ids are text: an int would make DuckDB cast the column
        if not r:
            return None
        members = list(self.iter_events(EventFilter(cluster_id=cluster_id, modalities=None)))
        reps = self.con.execute(
            self._ROW_SQL.format(where="e.event_key = ?", order="e.seq"), [r[0]]).fetchall()
        return {
            "cluster_id": cluster_id,
            "representative": self._row(reps[0]) if reps else None,
            "members": members,
            "sources": json.loads(r[1]),
            "corroboration": r[2],
            "n_documents": r[3],
            "event_type": r[4],
            "event_date": r[5].isoformat() if r[5] else None,
        }

    def actor_summary(self, ref: str) -> dict:
        """Event counts for an actor (by type, by month) and its relations in both directions."""
        cond = "list_contains(actor_refs, ?) AND modality IN ('asserted', 'claimed')"
        by_type = dict(self.con.execute(
            f"SELECT event_type, count(*) FROM events WHERE {cond} GROUP BY 1 ORDER BY 2 DESC, 1", [ref]).fetchall())
        by_month = dict(self.con.execute(
            f"SELECT strftime(cdate, '%Y-%m'), count(*) FROM events WHERE {cond} AND cdate IS NOT NULL GROUP BY 1 ORDER BY 1",
            [ref]).fetchall())

        def rels(me: str, other: str) -> list[dict]:
            rows = self.con.execute(
                f"SELECT type, {other}_ref, any_value({other}_name), count(*), count(DISTINCT content_hash) "
                f"FROM relations WHERE {me}_ref = ? GROUP BY 1, 2 ORDER BY 4 DESC, 1, 2", [ref]).fetchall()
            return [{"type": t, "ref": r, "name": n, "mentions": c, "documents": dc} for t, r, n, c, dc in rows]

        return {
            "ref": ref,
            "events": sum(by_type.values()),
            "by_type": by_type,
            "by_month": by_month,
            "relations": {"outgoing": rels("source", "target"), "incoming": rels("target", "source")},
        }

    def outlets(self) -> list[dict]:
        """``[{outlet, documents, events}]``, most documents first."""
        rows = self.con.execute(
            "SELECT outlet, count(*), sum(n_events) FROM documents GROUP BY 1 ORDER BY 2 DESC, 1 NULLS LAST").fetchall()
        return [{"outlet": o, "documents": n, "events": int(e or 0)} for o, n, e in rows]

    def rejects(self) -> list[dict]:
        rows = self.con.execute("SELECT reason, sha256, where_, rejected_at FROM rejects ORDER BY rejected_at, where_").fetchall()
        return [{"reason": r, "sha256": s, "where": w, "rejected_at": t.isoformat()} for r, s, w, t in rows]

    def counts(self) -> dict[str, int]:
        """Row counts of the main tables."""
        out = {}
        for t in ("documents", "entities", "events", "relations", "clusters", "rejects"):
            out[t] = self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        return out


@dataclass
class _Tx:
    con: Any
    depth: list = field(default_factory=list)

    def __enter__(self):
        self.con.begin()
        return self

    def __exit__(self, et, ev, tb):
        if et is None:
            self.con.commit()
        else:
            self.con.rollback()
        return False
