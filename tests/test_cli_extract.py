"""``rasd extract`` / ``rasd schema`` / ``rasd eval`` end to end."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import jsonschema
import pytest

from rasd.cli import main

P1 = ("قالت مصادر محلية في محافظة مأرب شرقي اليمن، إن خمسة مدنيين بينهم طفلان قتلوا صباح اليوم الثلاثاء "
      "جراء قصف صاروخي استهدف حيا سكنيا في مديرية صرواح، واتهمت المصادر جماعة الحوثي بالوقوف وراء الهجوم.")
P2 = ("وفي ليبيا، أعلن مسؤول أمني في مدينة سرت أن دورية تابعة لقوات حكومة الوحدة الوطنية تعرضت لهجوم "
      "بعبوة ناسفة على الطريق الساحلي، ما أدى إلى إصابة ثلاثة عناصر بجروح متفاوتة.")


@pytest.fixture(scope="module")
def validator():
    import io
    from contextlib import redirect_stdout

    buf = io.StringIO()
    with redirect_stdout(buf):
        assert main(["schema"]) == 0
    schema = json.loads(buf.getvalue())
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def run_cli(capsys, *argv) -> tuple[int, list[dict], str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, [json.loads(line) for line in out.splitlines() if line.strip()], err


def run_sub(*argv, input: bytes | None = None) -> subprocess.CompletedProcess:
    """The CLI in a fresh interpreter (what the ``rasd`` console script runs)."""
    code = "import sys; from rasd.cli import main; sys.exit(main())"
    return subprocess.run([sys.executable, "-c", code, *map(str, argv)], input=input,
                          capture_output=True, timeout=300)


# ---------------------------------------------------------------- the seed
def test_seed_one_valid_record_without_footer(capsys, seed_path, validator, components_arg):
    code, recs, _ = run_cli(capsys, "extract", seed_path, "--published", "2020-01-16", *components_arg)
    assert code == 0 and len(recs) == 1
    rec = recs[0]
    validator.validate(rec)
    assert rec["doc_id"] == "idlib-article.txt"
    assert rec["source"]["published"] == "2020-01-16" and rec["language"] == "ar"
    assert rec["content_hash"].startswith("sha256:")
    raw = seed_path.read_text(encoding="utf-8")
    paras = [p.strip() for p in raw.split("\n\n") if p.strip()]
    footer_at = next(i for i, p in enumerate(paras) if p.startswith("اترك تعليق"))  # the seed's comment form
    assert footer_at >= len(paras) - 6
    for p in paras[:footer_at]:
        assert p in rec["text"]
    for p in paras[footer_at:]:
        assert p not in rec["text"]
    assert rec["text"].startswith(rec["title"] + "\n")
    for ent in rec["entities"]:
        assert rec["text"][ent["start"]:ent["end"]] == ent["text"]


def test_seed_eval_prints_f1_line(tmp_path, capsys, seed_path, seed_gold_path, components_arg):
    out = tmp_path / "rec.jsonl"
    assert main(["extract", str(seed_path), "--published", "2020-01-16", "-o", str(out), *components_arg]) == 0
    capsys.readouterr()
    assert main(["eval", str(seed_gold_path), str(out)]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last.startswith("event F1 0.") or last.startswith("event F1 1.000")
    assert "(P " in last and " R " in last


def test_extract_pipe_into_eval_subprocess(tmp_path, seed_path, seed_gold_path, components_arg):
    ext = run_sub("extract", seed_path, "--published", "2020-01-16", *components_arg)
    assert ext.returncode == 0, ext.stderr
    ev = run_sub("eval", seed_gold_path, "-", input=ext.stdout)
    assert ev.returncode == 0, ev.stderr
    assert ev.stdout.decode().strip().splitlines()[-1].startswith("event F1 ")


# ---------------------------------------------------------------- options and formats
def test_every_record_validates_text_html_jsonl(tmp_path, capsys, validator, components_arg):
    t = tmp_path / "a.txt"
    t.write_text(f"عنوان الخبر\n\n{P1}\n\n{P2}\n\nمقالات ذات صلة\nخبر آخر\n", encoding="utf-8")
    h = tmp_path / "b.html"
    h.write_text(f"<html><head><title>عنوان</title></head><body><article><p>{P1}</p><p>{P2}</p></article></body></html>",
                 encoding="utf-8")
    j = tmp_path / "c.jsonl"
    j.write_text("\n".join([json.dumps({"text": P1, "doc_id": "j1", "outlet": "وكالة"}, ensure_ascii=False),
                            "{broken", json.dumps({"html": f"<p>{P2}</p>"}, ensure_ascii=False)]) + "\n",
                 encoding="utf-8")
    e = tmp_path / "e.txt"
    e.write_bytes(b"")
    en = tmp_path / "en.txt"
    en.write_text("Government forces shelled the town of Kafranbel on Wednesday, killing five civilians.", encoding="utf-8")
    code, recs, _ = run_cli(capsys, "extract", t, h, j, e, en, "--published", "2023-03-01", "--outlet", "Test",
                            "--url", "https://example.org/x", *components_arg)
    assert code == 0
    assert [r["doc_id"] for r in recs] == ["a.txt", "b.html", "j1", "line:2", "line:3", "e.txt", "en.txt"]
    for r in recs:
        validator.validate(r)
    assert recs[0]["title"] == "عنوان الخبر" and "مقالات ذات صلة" not in recs[0]["text"]
    assert recs[2]["source"]["outlet"] == "وكالة" and recs[0]["source"]["outlet"] == "Test"
    assert recs[0]["source"]["url"] == "https://example.org/x"
    assert any("line 2" in w["message"] for w in recs[3]["warnings"])
    assert "empty" in [w["code"] for w in recs[5]["warnings"]]
    assert recs[6]["language"] == "en" and "not_arabic" in [w["code"] for w in recs[6]["warnings"]]
    assert recs[6]["events"] == []


def test_output_file_pretty_and_doc_id(tmp_path, capsys, components_arg):
    t = tmp_path / "a.txt"
    t.write_text(P1, encoding="utf-8")
    out = tmp_path / "out.json"
    assert main(["extract", str(t), "-o", str(out), "--pretty", "--doc-id", "mine", *components_arg]) == 0
    assert capsys.readouterr().out == ""
    body = out.read_text(encoding="utf-8")
    assert body.startswith("{\n  ") and json.loads(body)["doc_id"] == "mine"


def test_stdin_and_input_format(tmp_path, components_arg):
    r = run_sub("extract", "-", *components_arg, input=P1.encode("utf-8"))
    assert r.returncode == 0, r.stderr
    (rec,) = [json.loads(x) for x in r.stdout.decode().splitlines()]
    assert rec["doc_id"] == "stdin" and rec["text"] == P1
    lines = "\n".join(json.dumps({"text": p}, ensure_ascii=False) for p in (P1, P2)).encode()
    r2 = run_sub("extract", "-", "--input-format", "jsonl", *components_arg, input=lines)
    assert [json.loads(x)["doc_id"] for x in r2.stdout.decode().splitlines()] == ["line:1", "line:2"]


def test_jsonl_keeps_order_and_goes_on_after_bad_lines(tmp_path, capsys, components_arg):
    j = tmp_path / "batch.jsonl"
    lines = []
    for i in range(1, 61):
        if i % 13 == 0:
            lines.append('{"text": "unterminated')
        else:
            lines.append(json.dumps({"doc_id": f"d{i:03d}", "text": f"{P1} ({i})"}, ensure_ascii=False))
    j.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, recs, _ = run_cli(capsys, "extract", j, *components_arg)
    assert code == 0 and len(recs) == 60
    expected = [f"line:{i}" if i % 13 == 0 else f"d{i:03d}" for i in range(1, 61)]
    assert [r["doc_id"] for r in recs] == expected
    for r in recs:
        if r["doc_id"].startswith("line:"):
            n = r["doc_id"].split(":")[1]
            assert [w["code"] for w in r["warnings"]][0] == "malformed_line"
            assert f"line {n}" in r["warnings"][0]["message"]
        else:
            assert r["text"].endswith(f"({int(r['doc_id'][1:])})")


# ---------------------------------------------------------------- errors: exit codes, one line, no traceback
@pytest.mark.parametrize("argv_factory", [
    lambda d: ["extract", d / "missing.txt"],
    lambda d: ["extract", d],
    lambda d: ["extract"],
    lambda d: ["extract", d / "ok.txt", "--published", "16/01/2020"],
    lambda d: ["extract", d / "ok.txt", "--kb", d / "no-such-kb"],
    lambda d: ["extract", d / "ok.txt", "--components", "nonsense"],
    lambda d: ["extract", d / "ok.txt", "-o", d / "no" / "such" / "dir" / "out.jsonl"],
    lambda d: ["extract", "-", "-"],
    lambda d: ["eval", d / "missing-gold.jsonl", "-"],
])
def test_unusable_arguments_exit_nonzero_one_line(tmp_path, argv_factory):
    (tmp_path / "ok.txt").write_text(P1, encoding="utf-8")
    r = run_sub(*argv_factory(tmp_path))
    err = r.stderr.decode()
    assert r.returncode == 2
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    assert r.stdout == b""


def test_bad_content_is_not_an_error(tmp_path, components_arg):
    b = tmp_path / "bin.txt"
    b.write_bytes(b"\x00\x01\x02" * 1000)
    u = tmp_path / "latin1.txt"
    u.write_bytes("café crème".encode("latin-1") + P1.encode())
    r = run_sub("extract", b, u, *components_arg)
    assert r.returncode == 0 and b"Traceback" not in r.stderr
    recs = [json.loads(x) for x in r.stdout.decode().splitlines()]
    assert "binary_input" in [w["code"] for w in recs[0]["warnings"]]
    assert "invalid_utf8" in [w["code"] for w in recs[1]["warnings"]]


def test_help_teaches_with_examples():
    r = run_sub("extract", "--help")
    assert r.returncode == 0 and b"examples:" in r.stdout and b"--input-format" in r.stdout
    assert b"examples:" in run_sub("eval", "--help").stdout
    assert b"examples:" in run_sub("schema", "--help").stdout


# ---------------------------------------------------------------- streaming memory
_MEMORY_SCRIPT = textwrap.dedent("""
    import json, sys, tracemalloc
    from rasd.cli import main
    folder, sizes, extra = sys.argv[1], [int(x) for x in sys.argv[2].split(",")], sys.argv[3:]
    text = %r

    def write(path, n):
        with open(path, "w", encoding="utf-8") as f:
            for i in range(n):
                f.write(json.dumps({"doc_id": f"d{i}", "text": f"{text} {i}"}, ensure_ascii=False) + "\\n")

    def run(path):
        return main(["extract", "--input-format", "jsonl", path, "-o", folder + "/out.jsonl"] + extra)

    write(folder + "/warm.jsonl", 200)
    run(folder + "/warm.jsonl")  # warm caches (loaders, regexes) before measuring
    tracemalloc.start()
    result = []
    for n in sizes:
        path = f"{folder}/in{n}.jsonl"
        write(path, n)
        tracemalloc.reset_peak()
        base = tracemalloc.get_traced_memory()[0]
        code = run(path)
        peak = tracemalloc.get_traced_memory()[1] - base
        lines = sum(1 for _ in open(folder + "/out.jsonl", encoding="utf-8"))
        result.append({"n": n, "code": code, "peak": peak, "lines": lines})
    print(json.dumps(result))
""") % ("قصفت مدفعية الجيش مواقع للمسلحين في ريف حماة",)


@pytest.mark.slow
def test_jsonl_streaming_memory_does_not_grow(tmp_path):
    """Peak traced memory while extracting 10,000 lines stays close to that for 2,000
    lines: records are read, extracted and written one at a time. Holding the inputs or
    the records would add at least the extra 8,000 lines' size (~1 MB)."""
    script = tmp_path / "mem.py"
    script.write_text(_MEMORY_SCRIPT, encoding="utf-8")
    r = subprocess.run([sys.executable, str(script), str(tmp_path), "2000,10000", "--components", ""],
                       capture_output=True, timeout=900)
    assert r.returncode == 0, r.stderr.decode()[-2000:]
    small, big = json.loads(r.stdout.decode().strip().splitlines()[-1])
    assert small["code"] == big["code"] == 0
    assert (small["lines"], big["lines"]) == (2000, 10000)
    input_growth = (tmp_path / "in10000.jsonl").stat().st_size - (tmp_path / "in2000.jsonl").stat().st_size
    assert big["peak"] - small["peak"] < input_growth / 2, (small, big, input_growth)
