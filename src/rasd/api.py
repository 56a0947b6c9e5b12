"""rasd's HTTP API and offline web page (``rasd serve``).

``create_app(db_path)`` returns a FastAPI application over a rasd store:

- ``POST /extract``            text or HTML in, a document record out (``?store=true`` keeps it)
- ``GET  /events``             events with the filters of ``rasd events``; ``?format=geojson``
- ``GET  /documents/{doc_id}`` a stored document record
- ``GET  /actors/{ref}``       knowledge-base entry, relations both ways, event counts
- ``GET  /clusters/{id}``      one cluster of reports of the same event
- ``GET  /facets``             the values the page's filters offer
- ``GET  /``                   the web page (map, timeline, article view, actor page)
- ``GET  /docs``               Swagger UI served from the package (no CDN); ``/openapi.json``

Security model: the server binds to 127.0.0.1 unless told otherwise; with an
``api_key`` every request needs it (header ``X-API-Key``, or the cookie that
``POST /login`` sets for the browser page); every response carries a strict
Content-Security-Policy (scripts and styles only from this origin, no inline
script, no remote origins); errors never carry a stack trace; request bodies
over ``max_body`` bytes get 413.
"""
from __future__ import annotations

import datetime as _dt
import hmac
import logging
import threading
from dataclasses import asdict, is_dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Iterable, Literal, Optional, Union
from urllib.parse import parse_qs

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field, model_validator
from starlette.exceptions import HTTPException as StarletteHTTPException

from . import __version__
from .models import EVENT_TYPES, Document, Event

log = logging.getLogger("rasd.api")

DEFAULT_MAX_BODY = 2_000_000  # bytes: a long article as HTML is ~300 kB
MAX_LIMIT = 1000  # rows per page of GET /events (JSON)
MAX_GEOJSON_LIMIT = 20000  # features per page of GET /events?format=geojson (the map)
COOKIE = "rasd_api_key"
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})

CSP = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "object-src 'none'",
    ]
)
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}


def static_dir() -> Path:
    """The folder of the built web page inside the installed package."""
    return Path(str(resources.files("rasd") / "web" / "static"))


def is_local_host(host: str) -> bool:
    """True for loopback addresses, where the server is reachable only from this machine."""
    h = host.strip().lower()
    return h in LOCAL_HOSTS or h.startswith("127.")


# --------------------------------------------------------------------------- request / response models


class ExtractRequest(BaseModel):
    """One article to extract: its text or its HTML, and what is known about it."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"oneOf": [{"required": ["text"]}, {"required": ["html"]}]},
    )

    # typed str (not Optional) so the schema says: a string when present, never null
    text: str = Field(None, description="the article's cleaned text (give text or html)")  # type: ignore[assignment]
    html: str = Field(None, description="the article page's HTML; boilerplate is removed")  # type: ignore[assignment]
    title: Optional[str] = Field(None, description="headline; becomes the first line of the record's text")
    published: Optional[_dt.date] = Field(None, description="publication date, YYYY-MM-DD; anchors relative dates")
    outlet: Optional[str] = None
    url: Optional[str] = None
    doc_id: Optional[str] = Field(None, max_length=500)

    @model_validator(mode="after")
    def _one_input(self) -> "ExtractRequest":
        if (self.text is None) == (self.html is None):
            raise ValueError("give exactly one of 'text' or 'html'")
        return self


class EventRow(Event):
    """An event as ``GET /events`` lists it: the record's event plus where it came from."""

    model_config = ConfigDict(extra="ignore")

    doc_id: str
    outlet: Optional[str] = None
    published: Optional[str] = None
    cluster_id: Optional[Union[str, int]] = None


class EventPage(BaseModel):
    total: int = Field(description="events matching the filters")
    limit: int
    offset: int
    events: list[EventRow]


class ActorPage(BaseModel):
    model_config = ConfigDict(extra="allow")

    ref: str
    name: str = Field(description="English name: the KB's, else the one events give")
    entry: Optional[dict[str, Any]] = Field(None, description="the knowledge-base entry, null when unknown")
    kb_relations: list[dict[str, Any]] = Field(default_factory=list, description="knowledge-base relations, both directions")


class Facets(BaseModel):
    event_types: list[str]
    sub_event_types: dict[str, list[str]]
    outlets: list[str]
    admin1: list[str]
    actors: list[dict[str, Any]] = Field(description="[{ref, name, count}] most frequent first")
    date_min: Optional[str] = None
    date_max: Optional[str] = None
    total: int


class ErrorBody(BaseModel):
    detail: Any


# --------------------------------------------------------------------------- pure helpers


def parse_near(value: Optional[str]) -> Optional[tuple[float, float, float]]:
    """``"lat,lon,km"`` → a tuple; ``ValueError`` with a readable message otherwise."""
    if value is None or value == "":
        return None
    parts = [p.strip() for p in value.split(",")]
    if len(parts) != 3:
        raise ValueError("near must be 'lat,lon,km', e.g. near=36.2,37.1,25")
    try:
        lat, lon, km = (float(p) for p in parts)
    except ValueError:
        raise ValueError("near must be three numbers 'lat,lon,km', e.g. near=36.2,37.1,25") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180 and 0 < km <= 20000):
        raise ValueError("near: latitude in [-90, 90], longitude in [-180, 180], km in (0, 20000]")
    return (lat, lon, km)


def is_event_type(value: str) -> bool:
    """An ACLED event type or sub-event type (case-insensitive), as the store's filter accepts."""
    v = value.strip().lower()
    return any(v == t.lower() or v in (x.lower() for x in subs) for t, subs in EVENT_TYPES.items())


MODALITIES = ("asserted", "claimed", "negated", "hypothetical", "future")
_MOD = "(" + "|".join(MODALITIES) + ")"
MODALITY_PATTERN = f"^(all|{_MOD}(,{_MOD})*)$"
TYPE_NAMES = list(EVENT_TYPES) + [s for subs in EVENT_TYPES.values() for s in subs if s not in EVENT_TYPES]


def parse_modalities(value: Optional[str]) -> Optional[tuple[str, ...]]:
    """``None`` → the exported ones; ``'all'`` → no filter (None); else a checked tuple."""
    from .models import EXPORTED_MODALITIES

    if value is None or value == "":
        return tuple(EXPORTED_MODALITIES)
    if value.strip().lower() == "all":
        return None
    out = tuple(m.strip().lower() for m in value.split(",") if m.strip())
    bad = [m for m in out if m not in MODALITIES]
    if bad or not out:
        raise ValueError(f"modality: comma-separated values among {', '.join(MODALITIES)}, or 'all'")
    return out


def to_geojson(rows: Iterable[dict], total: Optional[int] = None) -> dict:
    """Event rows → an RFC 7946 FeatureCollection.

    Events without coordinates are kept with ``geometry: null`` (RFC 7946 §3.2),
    so counts agree with the JSON listing. Coordinates are [longitude, latitude].
    """
    features = []
    for r in rows:
        loc = r.get("location") or {}
        lat, lon = loc.get("latitude"), loc.get("longitude")
        geom = None
        if lat is not None and lon is not None and -90 <= lat <= 90 and -180 <= lon <= 180:
            geom = {"type": "Point", "coordinates": [float(lon), float(lat)]}
        features.append({"type": "Feature", "id": r.get("id"), "geometry": geom, "properties": _flat_props(r)})
    fc: dict[str, Any] = {"type": "FeatureCollection", "features": features}
    if total is not None:
        fc["total"] = total  # a foreign member (RFC 7946 §6.1)
    return fc


def _flat_props(r: dict) -> dict:
    loc = r.get("location") or {}
    a1 = r.get("actor1") or {}
    a2 = r.get("actor2") or {}
    ev = r.get("evidence") or {}
    return {
        "id": r.get("id"),
        "doc_id": r.get("doc_id"),
        "outlet": r.get("outlet"),
        "published": r.get("published"),
        "cluster_id": r.get("cluster_id"),
        "event_type": r.get("event_type"),
        "sub_event_type": r.get("sub_event_type"),
        "event_date": r.get("event_date"),
        "time_precision": r.get("time_precision"),
        "fatalities": r.get("fatalities"),
        "modality": r.get("modality"),
        "actor1": a1.get("name"),
        "actor1_ar": a1.get("name_ar"),
        "actor1_ref": a1.get("ref"),
        "actor2": a2.get("name"),
        "actor2_ar": a2.get("name_ar"),
        "actor2_ref": a2.get("ref"),
        "location": loc.get("name"),
        "location_ar": loc.get("name_ar"),
        "country": loc.get("country"),
        "admin1": loc.get("admin1"),
        "geo_precision": loc.get("geo_precision"),
        "evidence_start": ev.get("start"),
        "evidence_end": ev.get("end"),
        "notes": r.get("notes"),
    }


def to_plain(obj: Any) -> Any:
    """A knowledge-base entry (pydantic model, dataclass, dict) → JSON-able data."""
    if obj is None:
        return None
    if hasattr(obj, "model_dump"):
        return obj.model_dump(mode="json")
    if is_dataclass(obj) and not isinstance(obj, type):
        return to_plain(asdict(obj))
    if isinstance(obj, dict):
        return {str(k): to_plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple, set, frozenset)):
        return [to_plain(v) for v in obj]
    if isinstance(obj, (str, int, float, bool)):
        return obj
    if isinstance(obj, (_dt.date, Path)):
        return str(obj)
    return str(obj)


def kb_relations(base: Any, ref: str) -> list[dict]:
    """Knowledge-base relations of ``ref`` in both directions, as record-style relations.

    Outgoing ones are the entry's own ``relations``; incoming ones are every other
    entry's relations whose target is ``ref``.
    """

    def end(r: str) -> dict:
        e = base.get(r)
        return {"ref": r, "name": getattr(e, "name", None) or r}

    out: list[dict] = []
    me = base.get(ref)
    for rel in getattr(me, "relations", None) or []:
        out.append({"type": rel.type, "source": end(ref), "target": end(rel.target), "origin": "kb"})
    for table in ("actors", "people"):
        for other_id, other in (getattr(base, table, None) or {}).items():
            if other_id == ref:
                continue
            for rel in getattr(other, "relations", None) or []:
                if rel.target == ref:
                    out.append({"type": rel.type, "source": end(other_id), "target": end(ref), "origin": "kb"})
    return out


def name_in_store(store: Any, ref: str) -> Optional[str]:
    """The English name events in the store give the actor ``ref`` (for actors the KB lacks)."""
    from .store import EventFilter

    for row in store.query_events(EventFilter(actor=ref, modalities=None), limit=5):
        for key in ("actor1", "actor2"):
            a = row.get(key) or {}
            if a.get("ref") == ref and a.get("name"):
                return a["name"]
    return None


def relation_graph(ref: str, name: str, store_rels: Any, kb_rels: list[dict]) -> list[dict]:
    """One edge list for the actor page: the store's relations (``{outgoing, incoming}``
    of ``{type, ref, name, documents}``) and the knowledge base's, deduplicated."""
    me = {"ref": ref, "name": name}
    edges: dict[tuple, dict] = {}

    def add(type_: str, src: dict, tgt: dict, origin: str, documents: int = 0) -> None:
        key = (type_, src.get("ref") or src.get("name"), tgt.get("ref") or tgt.get("name"))
        if key in edges:
            edges[key]["origin"] = sorted(set(edges[key]["origin"]) | {origin})
            edges[key]["documents"] += documents
            return
        edges[key] = {"type": type_, "source": src, "target": tgt, "origin": [origin], "documents": documents}

    if isinstance(store_rels, dict):
        for r in store_rels.get("outgoing") or []:
            add(r.get("type"), me, {"ref": r.get("ref"), "name": r.get("name") or r.get("ref")}, "store", int(r.get("documents") or 0))
        for r in store_rels.get("incoming") or []:
            add(r.get("type"), {"ref": r.get("ref"), "name": r.get("name") or r.get("ref")}, me, "store", int(r.get("documents") or 0))
    for r in kb_rels:
        add(r["type"], r["source"], r["target"], "kb")
    return list(edges.values())


def facets_from_rows(rows: Iterable[dict], top_actors: int = 200) -> dict:
    """The filter values of a set of event rows (used when the store has no faster way)."""
    admin1: set[str] = set()
    actors: dict[tuple, int] = {}
    dates: list[str] = []
    for r in rows:
        loc = r.get("location") or {}
        if loc.get("admin1"):
            admin1.add(loc["admin1"])
        for key in ("actor1", "actor2"):
            a = r.get(key)
            if a and a.get("name"):
                k = (a.get("ref"), a.get("name"))
                actors[k] = actors.get(k, 0) + 1
        if r.get("event_date"):
            dates.append(r["event_date"])
    ranked = sorted(actors.items(), key=lambda kv: (-kv[1], kv[0][1]))[:top_actors]
    return {
        "admin1": sorted(admin1),
        "actors": [{"ref": ref, "name": name, "count": n} for (ref, name), n in ranked],
        "date_min": min(dates) if dates else None,
        "date_max": max(dates) if dates else None,
    }


def _validation_errors(exc: RequestValidationError) -> list[dict]:
    """FastAPI's validation errors without the echoed input (which may be a whole article)."""
    out = []
    for e in exc.errors():
        loc = [str(x) for x in e.get("loc", ())]
        msg = str(e.get("msg", "invalid value"))
        if msg.startswith("Value error, "):
            msg = msg[len("Value error, "):]
        out.append({"loc": loc, "msg": msg, "type": e.get("type")})
    return out


# --------------------------------------------------------------------------- ASGI middleware


class GuardMiddleware:
    """Body-size limit, API-key check and security headers, as plain ASGI.

    Runs outside FastAPI's routing, so it also guards static files and /docs.
    """

    def __init__(self, app, *, api_key: Optional[str], max_body: int):
        self.app = app
        self.api_key = api_key
        self.max_body = max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        started = False

        async def send_secure(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = [(k, v) for k, v in message.get("headers", []) if k.decode("latin-1").lower() not in SECURITY_HEADERS]
                headers += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
                message = {**message, "headers": headers}
            await send(message)

        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        if self.api_key is not None and not self._authorised(scope, headers):
            path = scope.get("path", "")
            if path in ("/login", "/static/login.css") or path.startswith("/static/login"):
                return await self.app(scope, receive, send_secure)
            if scope.get("method") == "GET" and path == "/":
                return await RedirectResponse("/login", status_code=303)(scope, receive, send_secure)
            body = JSONResponse({"detail": "missing or wrong API key: send it in the X-API-Key header"}, status_code=401)
            return await body(scope, receive, send_secure)

        declared = headers.get("content-length")
        if declared is not None:
            try:
                too_big = int(declared) > self.max_body
            except ValueError:
                too_big = True
            if too_big:
                return await self._too_large(scope, receive, send_secure)

        if declared is None and scope.get("method") in ("POST", "PUT", "PATCH"):
            # no Content-Length (chunked): read the body here, up to the limit, then replay it
            chunks, seen, more = [], 0, True
            while more:
                message = await receive()
                if message["type"] != "http.request":
                    return
                chunk = message.get("body", b"")
                seen += len(chunk)
                if seen > self.max_body:
                    return await self._too_large(scope, receive, send_secure)
                chunks.append(chunk)
                more = message.get("more_body", False)
            body, sent = b"".join(chunks), False

            async def replay():
                nonlocal sent
                if not sent:
                    sent = True
                    return {"type": "http.request", "body": body, "more_body": False}
                return await receive()

            return await self._guarded(scope, replay, send_secure, lambda: started)
        await self._guarded(scope, receive, send_secure, lambda: started)

    async def _guarded(self, scope, receive, send, started) -> None:
        """Run the app; an unhandled error becomes a generic 500 JSON (no stack trace)."""
        try:
            await self.app(scope, receive, send)
        except Exception:
            log.exception("internal error on %s %s", scope.get("method"), scope.get("path"))
            if not started():
                await JSONResponse({"detail": "internal error"}, status_code=500)(scope, receive, send)

    def _authorised(self, scope, headers: dict) -> bool:
        given = headers.get("x-api-key")
        if given is None:
            for part in headers.get("cookie", "").split(";"):
                name, _, value = part.strip().partition("=")
                if name == COOKIE:
                    given = value
        return given is not None and hmac.compare_digest(given.encode(), self.api_key.encode())

    async def _too_large(self, scope, receive, send):
        resp = JSONResponse({"detail": f"request body too large: the limit is {self.max_body} bytes"}, status_code=413)
        await resp(scope, receive, send)


# --------------------------------------------------------------------------- the app


def _open_store(db_path):
    from .store import Store

    return Store(str(db_path), read_only=False)


def _default_pipeline():
    from .pipeline import Pipeline

    return Pipeline()


def create_app(
    db_path: Optional[str | Path] = None,
    api_key: Optional[str] = None,
    max_body: int = DEFAULT_MAX_BODY,
    *,
    store: Any = None,
    pipeline: Any = None,
    kb: Any = None,
) -> FastAPI:
    """Build the application.

    ``db_path`` is the DuckDB store (opened read-write so ``/extract?store=true``
    can add to it); or pass an open ``store``. ``pipeline`` defaults to
    ``rasd.Pipeline()``, built on first use. ``kb`` (anything with ``.get(ref)``,
    and ``.actors``/``.people`` dicts for incoming relations) defaults to
    ``rasd.kb.load()``. With ``api_key`` every request must carry it.
    """
    if store is None:
        if db_path is None:
            raise ValueError("create_app needs db_path or store")
        store = _open_store(db_path)
    lock = threading.RLock()  # one DuckDB connection: one query at a time
    state: dict[str, Any] = {"pipeline": pipeline, "facets": None}

    def get_pipeline():
        with lock:
            if state["pipeline"] is None:
                state["pipeline"] = _default_pipeline()
            return state["pipeline"]

    def get_kb() -> Any:
        if kb is not None:
            return kb
        try:
            from . import kb as kb_module

            return kb_module.load()
        except Exception:  # a broken or absent KB must not break the actor page
            log.exception("cannot load the knowledge base")
            return None

    app = FastAPI(
        title="rasd",
        version=__version__,
        description=(
            "Arabic conflict news → ACLED-style event records. Every response that carries "
            "a document follows the record schema (`rasd schema`)."
        ),
        docs_url=None,
        redoc_url=None,
    )
    app.state.store = store

    @app.exception_handler(RequestValidationError)
    async def _on_invalid(request: Request, exc: RequestValidationError):
        return JSONResponse({"detail": _validation_errors(exc)}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _on_http(request: Request, exc: StarletteHTTPException):
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _on_error(request: Request, exc: Exception):
        log.exception("internal error on %s %s", request.method, request.url.path)
        return JSONResponse({"detail": "internal error"}, status_code=500)

    def event_filter(since, until, type, actor, admin1, near, outlet):
        from .store import EventFilter

        try:
            near_t = parse_near(near)
        except ValueError as e:
            raise HTTPException(422, [{"loc": ["query", "near"], "msg": str(e), "type": "value_error"}])
        if since and until and since > until:
            raise HTTPException(422, [{"loc": ["query", "since"], "msg": "since is after until", "type": "value_error"}])
        return EventFilter(
            since=since.isoformat() if since else None,
            until=until.isoformat() if until else None,
            type=type,
            actor=actor,
            admin1=admin1,
            near=near_t,
            outlet=outlet,
        )

    # ---- API -------------------------------------------------------------------

    @app.post(
        "/extract",
        response_model=Document,
        response_model_by_alias=True,
        responses={413: {"model": ErrorBody}, 422: {"model": ErrorBody}},
        summary="Extract one article into a document record",
    )
    def extract(req: ExtractRequest, store_: bool = Query(False, alias="store", description="also keep it in the store")):
        from .ingest import RawDoc, extract_raw

        # the same cleaning path as the CLI and the store: footers, HTML, length limit
        raw = RawDoc(doc_id=req.doc_id or "api", content=(req.html if req.html is not None else req.text) or "",
                     format="html" if req.html is not None else "text", title=req.title,
                     published=req.published, outlet=req.outlet, url=req.url)
        doc = extract_raw(get_pipeline(), raw)
        headers = {}
        if store_:
            with lock:
                stats = store.add_documents([doc])
                state["facets"] = None
            headers["x-rasd-stored"] = _stats_word(stats)
        return JSONResponse(doc.to_dict(), headers=headers)

    @app.get(
        "/events",
        response_model=EventPage,
        responses={200: {"content": {"application/geo+json": {}}}, 422: {"model": ErrorBody}},
        summary="List events (JSON page or GeoJSON FeatureCollection)",
    )
    def events(
        since: Optional[_dt.date] = Query(None, description="event_date on or after, YYYY-MM-DD"),
        until: Optional[_dt.date] = Query(None, description="event_date on or before, YYYY-MM-DD"),
        type: Optional[str] = Query(None, description="ACLED event_type or sub_event_type, e.g. Battles", json_schema_extra={"enum": TYPE_NAMES}),
        actor: Optional[str] = Query(None, description="actor ref (actor:hts) or name"),
        admin1: Optional[str] = Query(None),
        outlet: Optional[str] = Query(None),
        near: Optional[str] = Query(None, description="lat,lon,km"),
        limit: int = Query(100, ge=1, le=MAX_GEOJSON_LIMIT, description=f"at most {MAX_LIMIT} for JSON, {MAX_GEOJSON_LIMIT} for GeoJSON"),
        offset: int = Query(0, ge=0, le=10_000_000),
        modality: Optional[str] = Query(None, pattern=MODALITY_PATTERN, description="comma-separated modalities, or 'all'; default: asserted,claimed (the exported ones)"),
        format: Literal["json", "geojson"] = Query("json"),
    ):
        if type is not None and not is_event_type(type):
            raise HTTPException(422, [{"loc": ["query", "type"], "msg": f"unknown event type; one of: {', '.join(EVENT_TYPES)} (or a sub-event type)", "type": "value_error"}])
        if format == "json" and limit > MAX_LIMIT:
            raise HTTPException(422, [{"loc": ["query", "limit"], "msg": f"limit is at most {MAX_LIMIT} for JSON", "type": "value_error"}])
        f = event_filter(since, until, type, actor, admin1, near, outlet)
        try:
            f.modalities = parse_modalities(modality)
        except ValueError as e:
            raise HTTPException(422, [{"loc": ["query", "modality"], "msg": str(e), "type": "value_error"}])
        with lock:
            rows = store.query_events(f, limit=limit, offset=offset)
            total = store.count_events(f)
        if format == "geojson":
            return JSONResponse(to_geojson(rows, total), media_type="application/geo+json")
        return {"total": total, "limit": limit, "offset": offset, "events": rows}

    @app.get("/documents/{doc_id:path}", response_model=Document, response_model_by_alias=True, responses={404: {"model": ErrorBody}})
    def document(doc_id: str):
        with lock:
            doc = store.get_document(doc_id)
        if doc is None:
            raise HTTPException(404, f"no document with doc_id {doc_id!r}")
        return doc

    @app.get("/actors/{ref:path}", response_model=ActorPage, responses={404: {"model": ErrorBody}})
    def actor(ref: str):
        base = get_kb()
        entry = to_plain(base.get(ref)) if base is not None else None
        with lock:
            summary = to_plain(store.actor_summary(ref)) or {}
        if entry is None and not _has_content(summary):
            raise HTTPException(404, f"no actor {ref!r} in the knowledge base or the store")
        summary = {k: v for k, v in summary.items() if k not in ("ref", "entry", "kb_relations", "graph")}
        name = (entry or {}).get("name") if isinstance(entry, dict) else None
        if name is None:
            with lock:
                name = name_in_store(store, ref)
        kb_rels = kb_relations(base, ref) if base is not None else []
        return {
            "ref": ref,
            "name": name or ref,
            "entry": entry if isinstance(entry, dict) else ({"value": entry} if entry is not None else None),
            "kb_relations": kb_rels,
            **summary,
            "graph": relation_graph(ref, name or ref, summary.get("relations"), kb_rels),
        }

    @app.get("/clusters/{cluster_id}", responses={404: {"model": ErrorBody}})
    def cluster(cluster_id: str) -> dict[str, Any]:
        with lock:
            c = store.get_cluster(cluster_id)
        if c is None:
            raise HTTPException(404, f"no cluster {cluster_id!r}")
        return to_plain(c)

    @app.get("/facets", response_model=Facets)
    def facets():
        with lock:
            total = store.count_events(_all_filter())
            cached = state["facets"]
            if cached is not None and cached["total"] == total:
                return cached
            if hasattr(store, "facets"):
                extra = to_plain(store.facets())
            else:
                extra = sql_facets(store) or facets_from_rows(_all_rows(store))
            out = {
                "event_types": list(EVENT_TYPES),
                "sub_event_types": {k: list(v) for k, v in EVENT_TYPES.items()},
                "outlets": _outlet_names(store.outlets()),
                "admin1": extra.get("admin1", []),
                "actors": extra.get("actors", []),
                "date_min": extra.get("date_min"),
                "date_max": extra.get("date_max"),
                "total": total,
            }
            state["facets"] = out
            return out

    @app.get("/health", include_in_schema=False)
    def health():
        return {"status": "ok", "rasd": __version__}

    # ---- the page, docs, login ---------------------------------------------------

    static = static_dir()
    app.mount("/static", StaticFiles(directory=str(static)), name="static")

    @app.get("/", include_in_schema=False)
    def index():
        return FileResponse(static / "index.html", media_type="text/html")

    @app.get("/docs", include_in_schema=False)
    def docs():
        return FileResponse(static / "docs.html", media_type="text/html")

    @app.get("/login", include_in_schema=False)
    def login_page():
        return FileResponse(static / "login.html", media_type="text/html")

    @app.post("/login", include_in_schema=False)
    async def login(request: Request):
        form = parse_qs((await request.body()).decode("utf-8", "replace"))
        given = (form.get("key") or [""])[0]
        if api_key is None:
            return RedirectResponse("/", status_code=303)
        if not hmac.compare_digest(given.encode(), api_key.encode()):
            return JSONResponse({"detail": "wrong API key"}, status_code=401)
        resp = RedirectResponse("/", status_code=303)
        resp.set_cookie(COOKIE, given, httponly=True, samesite="strict", path="/")
        return resp

    app.add_middleware(GuardMiddleware, api_key=api_key, max_body=max_body)
    return app


def _stats_word(stats: Any) -> str:
    for word in ("stored", "duplicates", "rejected"):
        if getattr(stats, word, 0):
            return {"duplicates": "duplicate"}.get(word, word)
    return "none"


def _outlet_names(outlets: Any) -> list[str]:
    """``store.outlets()`` may give names, or rows with a name and a count."""
    names = []
    for o in to_plain(outlets) or []:
        if isinstance(o, dict):
            o = o.get("outlet") or o.get("name")
        elif isinstance(o, list) and o:
            o = o[0]
        if isinstance(o, str) and o:
            names.append(o)
    return sorted(set(names))


def _has_content(summary: dict) -> bool:
    def nonempty(v):
        if isinstance(v, dict):
            return any(nonempty(x) for x in v.values())
        if isinstance(v, (list, tuple)):
            return len(v) > 0
        return bool(v) if isinstance(v, (int, float)) else False

    return any(nonempty(v) for k, v in summary.items() if k != "ref")


def sql_facets(store: Any, top_actors: int = 200) -> Optional[dict]:
    """Facets straight from the store's ``events`` table (fast); None if it has no such table."""
    con = getattr(store, "con", None)
    if con is None:
        return None
    cond = "modality IN ('asserted', 'claimed')"
    try:
        admin1 = [r[0] for r in con.execute(f"SELECT DISTINCT admin1 FROM events WHERE admin1 IS NOT NULL AND {cond} ORDER BY 1").fetchall()]
        actors = con.execute(
            f"SELECT ref, name, count(*) AS n FROM ("
            f" SELECT actor1_ref AS ref, actor1 AS name FROM events WHERE actor1 IS NOT NULL AND {cond}"
            f" UNION ALL SELECT actor2_ref, actor2 FROM events WHERE actor2 IS NOT NULL AND {cond}"
            f") GROUP BY 1, 2 ORDER BY 3 DESC, 2 LIMIT ?", [top_actors]).fetchall()
        dmin, dmax = con.execute(f"SELECT min(cdate), max(cdate) FROM events WHERE {cond}").fetchone()
    except Exception:  # another store layout: fall back to scanning rows
        log.debug("sql facets unavailable", exc_info=True)
        return None
    return {
        "admin1": admin1,
        "actors": [{"ref": r, "name": n, "count": c} for r, n, c in actors],
        "date_min": dmin.isoformat() if dmin else None,
        "date_max": dmax.isoformat() if dmax else None,
    }


def _all_filter():
    from .store import EventFilter

    return EventFilter()


def _all_rows(store, page: int = 5000, cap: int = 200_000):
    f = _all_filter()
    offset = 0
    while offset < cap:
        rows = store.query_events(f, limit=page, offset=offset)
        yield from rows
        if len(rows) < page:
            return
        offset += page
