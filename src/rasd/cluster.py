"""Merging reports of the same event, and spotting syndicated copies.

Two events are *the same event* when (``data/cluster.yaml``):

- they have the same ``event_type``;
- their dates are at most ``max_days`` apart (an event without a date uses its
  article's publication date; with neither it never joins another event);
- their places are at most ``max_km`` apart (both geocoded), or carry the same
  gazetteer ``ref``, or the same normalised name (place-type words such as
  "بلدة" and leading clitics dropped), and the countries do not contradict;
- their actors are compatible: where both sides name a *known* actor (a ``ref``)
  on the same side, the refs are equal (an armed clash may list the sides in
  either order); unknown or generic actors ("Unidentified Armed Group") are
  compatible with anyone.

Clusters are the connected components of that relation (single link), so their
membership does not depend on the order reports arrive in. A cluster's id is
derived from its first event (the earliest ingested), so rerunning an ingest
gives the same ids, and new reports join existing clusters without renaming them
(unless they bridge two clusters, which then take the older id).

Syndicated copies (the same wire text in two outlets, with small edits) are
found with MinHash over character shingles: a copy is counted once in a
cluster's corroboration.

Everything here is a pure function; the store (:mod:`rasd.store`) feeds it.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional, Sequence

import numpy as np
import yaml

from .geo.distance import haversine_km  # noqa: F401  (re-exported)
from .text import norm

RULES_PATH = Path(__file__).parent / "data" / "cluster.yaml"


@dataclass(frozen=True)
class Rules:
    version: int = 1
    max_days: int = 1
    max_km: float = 10.0
    near_duplicate_jaccard: float = 0.7
    shingle_chars: int = 5
    minhash_perm: int = 64
    lsh_bands: int = 16
    place_words: frozenset[str] = frozenset()
    place_prefixes: tuple[str, ...] = ()
    generic_actor_prefixes: tuple[str, ...] = ()


@lru_cache(maxsize=8)
def load_rules(path: Optional[Path] = None) -> Rules:
    """Read the clustering rules (``data/cluster.yaml`` unless ``path``)."""
    data = yaml.safe_load(Path(path or RULES_PATH).read_text(encoding="utf-8")) or {}
    return Rules(
        version=int(data.get("version", 1)),
        max_days=int(data.get("max_days", 1)),
        max_km=float(data.get("max_km", 10.0)),
        near_duplicate_jaccard=float(data.get("near_duplicate_jaccard", 0.7)),
        shingle_chars=int(data.get("shingle_chars", 5)),
        minhash_perm=int(data.get("minhash_perm", 64)),
        lsh_bands=int(data.get("lsh_bands", 16)),
        place_words=frozenset(norm(w) for w in data.get("place_words", [])),
        place_prefixes=tuple(sorted((norm(p) for p in data.get("place_prefixes", [])), key=len, reverse=True)),
        generic_actor_prefixes=tuple(data.get("generic_actor_prefixes", [])),
    )


# --------------------------------------------------------------------- events

@dataclass(frozen=True)
class CEvent:
    """What clustering needs to know about one stored event."""

    key: str  # unique in the store: "<content_hash>#<event id>"
    seq: int  # ingest order (smaller = earlier)
    event_type: str
    date: Optional[_dt.date]  # event_date, else the article's publication date
    place: Optional[str] = None  # normalised place name
    place_ref: Optional[str] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    country: Optional[str] = None  # alpha-2 or English name, compared as given
    actor1: tuple[Optional[str], Optional[str]] = (None, None)  # (ref, name)
    actor2: tuple[Optional[str], Optional[str]] = (None, None)
    sub_event_type: Optional[str] = None


_SPACE = re.compile(r"[^\w]+")


def place_key(name: Optional[str], rules: Rules) -> Optional[str]:
    """A place name reduced for comparison: normalised, place-type words and clitics dropped."""
    if not name:
        return None
    words = []
    for w in _SPACE.sub(" ", norm(name).lower()).split():
        if w in rules.place_words:
            continue
        for p in rules.place_prefixes:
            if w.startswith(p) and len(w) - len(p) >= 3:
                w = w[len(p):]
                break
        if w in rules.place_words:
            continue
        words.append(w)
    return " ".join(words) or None




def same_place(a: CEvent, b: CEvent, rules: Rules) -> bool:
    if a.country and b.country and a.country != b.country:
        return False
    if a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None:
        if haversine_km(a.lat, a.lon, b.lat, b.lon) <= rules.max_km:
            return True
    if a.place_ref and b.place_ref and a.place_ref == b.place_ref:
        return True
    return bool(a.place and b.place and a.place == b.place)


def _known(actor: tuple[Optional[str], Optional[str]], rules: Rules) -> Optional[str]:
    ref, name = actor
    if ref:
        return ref
    if name and not any(name.startswith(p) for p in rules.generic_actor_prefixes):
        return "name:" + name.lower()
    return None


def _side_ok(x: Optional[str], y: Optional[str]) -> bool:
    return x is None or y is None or x == y


def compatible_actors(a: CEvent, b: CEvent, rules: Rules) -> bool:
    a1, a2, b1, b2 = (_known(x, rules) for x in (a.actor1, a.actor2, b.actor1, b.actor2))
    if _side_ok(a1, b1) and _side_ok(a2, b2):
        return True
    # sides swapped: in an armed clash one outlet's attacker is another's defender
    return (a.sub_event_type == b.sub_event_type == "Armed clash") and _side_ok(a1, b2) and _side_ok(a2, b1)


def same_event(a: CEvent, b: CEvent, rules: Rules) -> bool:
    """The clustering relation (symmetric)."""
    if a.event_type != b.event_type or a.date is None or b.date is None:
        return False
    if abs((a.date - b.date).days) > rules.max_days:
        return False
    return same_place(a, b, rules) and compatible_actors(a, b, rules)


def cluster_id(first_key: str) -> str:
    """Deterministic cluster id from the key of the cluster's first event."""
    return "cl-" + hashlib.sha1(first_key.encode("utf-8")).hexdigest()[:16]


@dataclass
class Assignment:
    """Result of :func:`assign`: new events' clusters and clusters merged away."""

    clusters: dict[str, str] = field(default_factory=dict)  # event key -> cluster id
    renamed: dict[str, str] = field(default_factory=dict)  # old cluster id -> surviving id
    firsts: dict[str, tuple[int, str]] = field(default_factory=dict)  # cluster id -> (seq, key)


class _UF:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def assign(
    new: Sequence[CEvent],
    existing: Iterable[tuple[CEvent, str]],
    existing_first: dict[str, tuple[int, str]],
    rules: Optional[Rules] = None,
) -> Assignment:
    """Cluster ``new`` events against each other and ``existing`` (event, cluster id) pairs.

    ``existing`` needs only the events that could match (same types, nearby dates);
    ``existing_first`` gives, for each of their clusters, the (seq, key) of its
    first event. Returns the cluster of every new event and the clusters that a
    new event bridged (renamed to the oldest of them).
    """
    rules = rules or load_rules()
    uf = _UF()
    buckets: dict[tuple[str, int], list[tuple[CEvent, str]]] = {}

    def put(ev: CEvent, node: str) -> None:
        if ev.date is not None:
            buckets.setdefault((ev.event_type, ev.date.toordinal()), []).append((ev, node))

    for ev, cid in existing:
        uf.find("C" + cid)
        put(ev, "C" + cid)
    for ev in sorted(new, key=lambda e: e.seq):
        node = "E" + ev.key
        uf.find(node)
        if ev.date is not None:
            d = ev.date.toordinal()
            for day in range(d - rules.max_days, d + rules.max_days + 1):
                for other, onode in buckets.get((ev.event_type, day), ()):
                    if same_event(ev, other, rules):
                        uf.union(node, onode)
        put(ev, node)

    # the first event of each component: min over its clusters' firsts and new events
    first: dict[str, tuple[int, str]] = {}
    for node in list(uf.parent):
        if node.startswith("C"):
            root, cand = uf.find(node), existing_first[node[1:]]
            if root not in first or cand < first[root]:
                first[root] = cand
    by_key = {e.key: e for e in new}
    for node in uf.parent:
        if node.startswith("E"):
            ev = by_key[node[1:]]
            root = uf.find(node)
            cand = (ev.seq, ev.key)
            if root not in first or cand < first[root]:
                first[root] = cand
    out = Assignment()
    for node in uf.parent:
        root = uf.find(node)
        fseq, fkey = first[root]
        cid = cluster_id(fkey)
        out.firsts[cid] = (fseq, fkey)
        if node.startswith("E"):
            out.clusters[node[1:]] = cid
        elif node[1:] != cid:
            out.renamed[node[1:]] = cid
    return out


# ------------------------------------------------------- syndicated copies

def shingles(text: str, rules: Rules, limit: int = 20000) -> set[bytes]:
    t = " ".join(_SPACE.sub(" ", norm(text[:limit])).split())
    k = rules.shingle_chars
    if len(t) <= k:
        return {t.encode("utf-8")} if t else set()
    return {t[i:i + k].encode("utf-8") for i in range(len(t) - k + 1)}


def signature(text: str, rules: Optional[Rules] = None) -> np.ndarray:
    """MinHash signature (uint64 array of ``minhash_perm`` values) of a text."""
    from datasketch import MinHash

    rules = rules or load_rules()
    m = MinHash(num_perm=rules.minhash_perm, seed=1)
    sh = shingles(text, rules)
    if sh:
        m.update_batch(sorted(sh))
    return m.hashvalues.astype(np.uint64)


def band_hashes(sig: np.ndarray, rules: Optional[Rules] = None) -> list[int]:
    """LSH band keys (signed 64-bit ints, one per band) of a signature."""
    rules = rules or load_rules()
    rows = len(sig) // rules.lsh_bands
    out = []
    for b in range(rules.lsh_bands):
        chunk = np.ascontiguousarray(sig[b * rows:(b + 1) * rows]).tobytes()
        h = hashlib.blake2b(bytes([b]) + chunk, digest_size=8).digest()
        out.append(int.from_bytes(h, "little", signed=True))
    return out


def similarity(a: Sequence[int], b: Sequence[int]) -> float:
    """Estimated Jaccard similarity of two signatures."""
    a, b = np.asarray(a, dtype=np.uint64), np.asarray(b, dtype=np.uint64)
    return float(np.mean(a == b)) if len(a) and len(a) == len(b) else 0.0
