"""Versions of the knowledge that produced a record (``provenance``)."""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Iterable


def digest_files(paths: Iterable[Path]) -> str:
    """Short content digest of a set of files (order-independent)."""
    h = hashlib.sha256()
    for p in sorted(Path(x) for x in paths):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:12]


def kb_version(config) -> str | None:
    from .kb import version

    return version(config.kb_dirs)


def gazetteer_version(config) -> str | None:
    from .geo import version

    return version(config.gazetteer)
