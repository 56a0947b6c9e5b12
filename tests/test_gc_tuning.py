"""The cycle collector's tuning during extraction: thresholds restored, no global leak."""
from __future__ import annotations

import gc
import threading

import pytest

from rasd import pipeline as pl
from rasd.pipeline import GC_YOUNG_THRESHOLD, Pipeline, freeze_loaded, relaxed_gc

_TEXT = "قصفت قوات النظام بلدة كفرنبل أمس."


def _probe_pipeline(seen: list, action=None) -> Pipeline:
    p = Pipeline(components=())

    def probe(work):
        seen.append(gc.get_threshold())
        if action:
            action()

    p._components = [("probe", probe)]
    return p


@pytest.fixture
def thresholds():
    saved = gc.get_threshold()
    yield saved
    gc.set_threshold(*saved)


@pytest.mark.parametrize("young", [700, 1, GC_YOUNG_THRESHOLD - 1, GC_YOUNG_THRESHOLD, 50_000])
def test_threshold_raised_during_extraction_and_restored(thresholds, young):
    gc.set_threshold(young, 7, 9)
    seen: list = []
    _probe_pipeline(seen).extract(_TEXT, published="2020-01-16")
    assert seen == [(max(young, GC_YOUNG_THRESHOLD), 7, 9)]
    assert gc.get_threshold() == (young, 7, 9)


def test_disabled_automatic_collection_stays_disabled(thresholds):
    gc.set_threshold(0, 10, 10)
    seen: list = []
    _probe_pipeline(seen).extract(_TEXT)
    assert seen == [(0, 10, 10)]
    assert gc.get_threshold() == (0, 10, 10)


def test_threshold_restored_when_a_component_fails(thresholds):
    gc.set_threshold(700, 10, 10)

    def boom():
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        _probe_pipeline([], boom).extract(_TEXT)
    assert gc.get_threshold() == (700, 10, 10)
    assert pl._GC_ACTIVE == 0


def test_a_change_made_during_extraction_is_kept(thresholds):
    gc.set_threshold(700, 10, 10)
    _probe_pipeline([], lambda: gc.set_threshold(123, 4, 5)).extract(_TEXT)
    assert gc.get_threshold() == (123, 4, 5)


def test_nested_and_overlapping_extractions_restore_once(thresholds):
    gc.set_threshold(700, 10, 10)
    with relaxed_gc():
        with relaxed_gc():
            assert gc.get_threshold()[0] == GC_YOUNG_THRESHOLD
        assert gc.get_threshold()[0] == GC_YOUNG_THRESHOLD  # the outer block still runs
    assert gc.get_threshold() == (700, 10, 10)
    # threads whose extractions overlap in every order
    inside = threading.Barrier(4)
    seen: list = []
    errors: list = []

    def run():
        try:
            _probe_pipeline(seen, lambda: inside.wait(timeout=10)).extract(_TEXT)
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert seen == [(GC_YOUNG_THRESHOLD, 10, 10)] * 4
    assert gc.get_threshold() == (700, 10, 10)
    assert pl._GC_ACTIVE == 0


def test_freeze_loaded_waits_for_the_components():
    before = gc.get_freeze_count()
    p = Pipeline(components=())
    try:
        assert freeze_loaded(p) is False
        assert gc.get_freeze_count() == before
        p.extract(_TEXT)
        assert freeze_loaded(p) is True
        assert gc.get_freeze_count() >= before
    finally:
        gc.unfreeze()


def test_cli_called_from_python_does_not_freeze(tmp_path, capsys):
    from rasd.cli import main

    f = tmp_path / "a.txt"
    f.write_text(_TEXT, encoding="utf-8")
    gc.unfreeze()
    assert main(["extract", str(f), "--components", ""]) == 0
    assert gc.get_freeze_count() == 0
    assert '"doc_id"' in capsys.readouterr().out


def test_cli_as_the_program_freezes_after_the_first_document(tmp_path):
    import os
    import subprocess
    import sys

    f = tmp_path / "a.txt"
    f.write_text(_TEXT, encoding="utf-8")
    code = ("import gc, sys\nfrom rasd.cli import main\n"
            f"sys.argv = ['rasd', 'extract', {str(f)!r}, {str(f)!r}, '--components', '']\n"
            "rc = main()\nprint('frozen', gc.get_freeze_count(), file=sys.stderr)\nsys.exit(rc)\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=dict(os.environ))
    assert r.returncode == 0, r.stderr
    assert r.stdout.count('"doc_id"') == 2
    frozen = int(r.stderr.split("frozen")[-1])
    assert frozen > 0
