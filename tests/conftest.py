"""Shared fixtures: where the read-only ``shared/`` folder is, and a working pipeline."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "seed" / "idlib-article.txt"
SEED_GOLD = SHARED / "seed" / "idlib-article.gold.jsonl"
DEV = SHARED / "dev"
SHARED_DATA = SHARED / "data"


def need(path: Path) -> Path:
    """Skip the calling test, with the reason, when a shared file is absent."""
    if not path.exists():
        pytest.skip(f"{path} is not available (the shared/ folder beside the repository is absent)")
    return path


@pytest.fixture
def seed_path() -> Path:
    return need(SEED)


@pytest.fixture
def seed_gold_path() -> Path:
    return need(SEED_GOLD)


@pytest.fixture
def shared_data() -> Path:
    return need(SHARED_DATA)


def _working_pipeline():
    from rasd import Pipeline

    p = Pipeline()
    try:
        p.extract("قصفت قوات النظام بلدة كفرنبل أمس.", published="2020-01-16")
        return p
    except Exception:  # components still being built: text-level records only
        return Pipeline(components=())


@pytest.fixture(scope="session")
def pipeline():
    """The default pipeline when it runs, else one without components (text, language,
    warnings): the input-cleaning tests do not depend on the recognisers."""
    return _working_pipeline()


@pytest.fixture(scope="session")
def components_arg(pipeline) -> list[str]:
    """CLI arguments selecting the same pipeline as the ``pipeline`` fixture."""
    return [] if pipeline.config.components else ["--components", ""]
