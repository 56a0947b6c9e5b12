"""The scorer of gold-format.md, on hand-made cases."""
from __future__ import annotations

import io
import json
import re

import pytest

from rasd.cli import main
from rasd.eval import (actor1_ok, dates_match, format_report, governorate_key, haversine_km, is_region,
                       names_match, place_match, score)


def gev(name_ar, event_type="Battles", sub="Armed clash", date="2020-01-15", admin1="Idlib", core=True,
        actor1=("Military Forces of Syria",), lat=None, lon=None):
    return {"event_type": event_type, "sub_event_type": sub, "event_date": date,
            "actor1": list(actor1), "actor2": [None],
            "location": {"name_ar": name_ar, "name_en": None, "admin1": admin1, "country": "SY",
                         "latitude": lat, "longitude": lon},
            "fatalities": None, "evidence": "", "core": core}


def xev(name_ar, event_type="Battles", sub="Armed clash", date="2020-01-15", admin1="Idlib",
        modality="asserted", actor1="Military Forces of Syria", lat=None, lon=None, evidence=(0, 1)):
    return {"id": "ev", "event_type": event_type, "sub_event_type": sub, "event_date": date,
            "actor1": {"name": actor1} if actor1 else None, "modality": modality,
            "location": {"name_ar": name_ar, "admin1": admin1, "latitude": lat, "longitude": lon},
            "evidence": {"start": evidence[0], "end": evidence[1]}, "confidence": 0.9}


def gold(doc="a.txt", events=(), relations=(), not_events=()):
    return {"doc": doc, "published": "2020-01-16", "events": list(events),
            "relations": list(relations), "not_events": list(not_events)}


def rec(doc="a.txt", events=(), relations=(), text="نص"):
    return {"doc_id": doc, "text": text, "events": list(events), "relations": list(relations)}


# ---------------------------------------------------------------- whole-report cases
def test_perfect_output_scores_one():
    g = gold(events=[gev("كفرنبل"), gev("سراقب", event_type="Explosions/Remote violence",
                                         sub="Air/drone strike"), gev("خان شيخون", core=False)])
    r = rec(events=[xev("كفرنبل"), xev("سراقب", event_type="Explosions/Remote violence", sub="Air/drone strike"),
                    xev("خان شيخون")])
    rep = score([g], [r])
    assert (rep.precision, rep.recall, rep.f1) == (1.0, 1.0, 1.0)
    assert rep.sub_event_accuracy == 1.0 and rep.actor1_accuracy == 1.0 and rep.date_accuracy == 1.0
    assert format_report(rep).splitlines()[-1] == "event F1 1.000 (P 1.000 R 1.000)"


def test_empty_output_scores_zero():
    g = gold(events=[gev("كفرنبل")])
    for records in ([], [rec(events=[])]):
        rep = score([g], records)
        assert rep.f1 == 0.0 and rep.recall == 0.0 and rep.precision == 0.0
    assert not score([g], []).docs[0].has_record


def test_wrong_events_lower_precision_not_recall():
    g = gold(events=[gev("كفرنبل")])
    rep = score([g], [rec(events=[xev("كفرنبل"), xev("حلب", admin1="Aleppo")])])
    assert rep.recall == 1.0 and rep.precision == 0.5
    assert rep.f1 == pytest.approx(2 * 0.5 / 1.5)


def test_line_format_is_last_and_rounded():
    g = gold(events=[gev("كفرنبل"), gev("سراقب"), gev("معرة النعمان")])
    rep = score([g], [rec(events=[xev("كفرنبل"), xev("حلب")])])
    last = format_report(rep).splitlines()[-1]
    assert re.fullmatch(r"event F1 0\.\d{3} \(P 0\.\d{3} R 0\.\d{3}\)", last)
    assert last == "event F1 0.400 (P 0.500 R 0.333)"


def test_hypothetical_asserted_counts_as_wrong_not_event():
    text = "قالت المصادر إن الجيش قد ينفذ هجوما على سراقب في الأيام المقبلة."
    snippet = "قد ينفذ هجوما على سراقب"
    s = text.index(snippet)
    g = gold(events=[gev("كفرنبل")], not_events=[snippet])
    bad = rec(text=text, events=[xev("سراقب", evidence=(s - 5, s + 10))])
    rep = score([g], [bad])
    assert rep.total("not_event_hits") == 1
    assert rep.precision == 0.0  # and it is a false positive
    # the same event kept as hypothetical is neither counted nor a hit
    ok = rec(text=text, events=[xev("سراقب", modality="hypothetical", evidence=(s, s + 10))])
    rep2 = score([g], [ok])
    assert rep2.total("not_event_hits") == 0 and rep2.total("extracted") == 0
    # evidence elsewhere does not overlap
    far = rec(text=text, events=[xev("سراقب", evidence=(0, 4))])
    assert score([g], [far]).total("not_event_hits") == 0


def test_claimed_counts_negated_does_not():
    g = gold(events=[gev("كفرنبل")])
    assert score([g], [rec(events=[xev("كفرنبل", modality="claimed")])]).f1 == 1.0
    assert score([g], [rec(events=[xev("كفرنبل", modality="negated")])]).total("extracted") == 0


def test_recall_is_one_to_one_and_precision_not_punished_twice():
    g = gold(events=[gev("كفرنبل")])
    rep = score([g], [rec(events=[xev("كفرنبل"), xev("بلدة كفرنبل")])])
    assert rep.precision == 1.0 and rep.recall == 1.0 and rep.total("pairs") == 1


def test_core_first_greedy():
    # a borderline gold event listed first must not take the only extracted event from the core one
    g = gold(events=[gev("ريف إدلب", core=False), gev("كفرنبل", core=True)])
    rep = score([g], [rec(events=[xev("كفرنبل")])])
    assert rep.recall == 1.0


def test_borderline_neither_rewarded_nor_punished():
    g = gold(events=[gev("كفرنبل"), gev("سراقب", core=False)])
    assert score([g], [rec(events=[xev("كفرنبل")])]).f1 == 1.0
    assert score([g], [rec(events=[xev("كفرنبل"), xev("سراقب")])]).f1 == 1.0


def test_records_without_gold_ignored_and_missing_record_is_empty():
    g1, g2 = gold("a.txt", events=[gev("كفرنبل")]), gold("b.txt", events=[gev("سراقب")])
    rep = score([g1, g2], [rec("a.txt", events=[xev("كفرنبل")]), rec("zzz.txt", events=[xev("حلب")])])
    assert rep.unmatched_records == 1
    assert rep.precision == 1.0 and rep.recall == 0.5
    assert [d.has_record for d in rep.docs] == [True, False]


def test_event_type_must_be_equal():
    g = gold(events=[gev("كفرنبل")])
    rep = score([g], [rec(events=[xev("كفرنبل", event_type="Explosions/Remote violence", sub="Air/drone strike")])])
    assert rep.f1 == 0.0


# ---------------------------------------------------------------- dates
@pytest.mark.parametrize("a,b,ok", [
    ("2020-01-15", "2020-01-15", True), ("2020-01-15", "2020-01-16", True), ("2020-01-16", "2020-01-15", True),
    ("2020-01-15", "2020-01-17", False), ("2019-12-31", "2020-01-01", True), (None, "2020-01-15", True),
    ("2020-01-15", None, True), ("2020-03-01", "2020-02-29", True),
])
def test_date_tolerance(a, b, ok):
    assert dates_match(a, b) is ok
    g = gold(events=[gev("كفرنبل", date=b)])
    assert (score([g], [rec(events=[xev("كفرنبل", date=a)])]).f1 == 1.0) is ok


def test_exact_date_accuracy_on_pairs():
    g = gold(events=[gev("كفرنبل", date="2020-01-15"), gev("سراقب", date="2020-01-15")])
    rep = score([g], [rec(events=[xev("كفرنبل", date="2020-01-15"), xev("سراقب", date="2020-01-16")])])
    assert rep.date_accuracy == 0.5 and rep.f1 == 1.0


# ---------------------------------------------------------------- places
@pytest.mark.parametrize("a,b,ok", [
    ("كفرنبل", "كفرنبل", True),
    ("بلدة كفرنبل", "كفرنبل", True),                # place-type word dropped
    ("مدينة معرة النعمان", "معرة النعمان", True),
    ("مخيم اليرموك", "اليرموك", True),
    ("أبو الظهور", "ابو الظهور", True),             # alef variants
    ("خان شيخونَ", "خان شيخون", True),              # diacritics
    ("الرقة", "الرقه", True),                       # ta marbuta
    ("جبل الزاوية", "جبل زاوية", True),             # article removed from each word
    ("وبلدة خطرة", "خطرة", True),                   # proclitic on a place-type word
    ("(نوحية شرقية)", "نوحية شرقية", True),         # punctuation → spaces
    ("دير الزور", "دير حافر", False),
    ("كفرنبل", "كفر تخاريم", False),
    ("بلدة", "قرية", False),                        # nothing left after place-type words
    ("", "كفرنبل", False),
    (None, "كفرنبل", False),
])
def test_name_containment_rules(a, b, ok):
    assert names_match(a, b) is ok
    assert names_match(b, a) is ok


def test_within_10_km():
    lat, lon = 35.62, 36.55
    near = lat + 0.08  # ~8.9 km north
    far = lat + 0.1  # ~11.1 km north
    assert haversine_km(lat, lon, near, lon) < 10 < haversine_km(lat, lon, far, lon)
    g = {"name_ar": "سراقب", "admin1": "Idlib", "latitude": lat, "longitude": lon}
    assert place_match({"name_ar": "الترنبة", "latitude": near, "longitude": lon}, g)
    assert not place_match({"name_ar": "الترنبة", "latitude": far, "longitude": lon}, g)
    assert not place_match({"name_ar": "الترنبة", "latitude": None, "longitude": None}, g)


@pytest.mark.parametrize("name,region", [
    ("ريف إدلب الجنوبي", True), ("محافظة درعا", True), ("جنوب دمشق", True), ("شمال سوريا", True),
    ("شرقي حماة", True), ("غرب حلب", True), ("البادية السورية", True),
    ("نوحية شرقية", False), ("كفرنبل", False), ("معرة النعمان", False), (None, False),
])
def test_region_detection(name, region):
    assert is_region(name) is region


def test_region_matches_same_governorate_only():
    g = {"name_ar": "ريف إدلب الجنوبي", "admin1": "Idlib"}
    assert place_match({"name_ar": "كفرنبل", "admin1": "Idleb Governorate"}, g)
    assert not place_match({"name_ar": "كفرنبل", "admin1": "Hama"}, g)
    assert not place_match({"name_ar": "كفرنبل", "admin1": None}, g)
    # a gold place that is not a region needs the name (or coordinates)
    town = {"name_ar": "كفرنبل", "admin1": "Idlib"}
    assert not place_match({"name_ar": "معرة النعمان", "admin1": "Idlib"}, town)


@pytest.mark.parametrize("a,b", [
    ("Idleb", "Idlib"), ("Rif Dimashq", "Rural Damascus"), ("Damascus Countryside", "Rif Dimashq"),
    ("Dimashq", "Damascus"), ("Ar-Raqqah", "Raqqa"), ("Al-Hasakah", "Hasakeh"), ("As-Suwayda", "Sweida"),
    ("Deir ez-Zor", "Deir al-Zor"), ("Lattakia", "Latakia"), ("Dar'a", "Daraa"),
    ("Aleppo Governorate", "aleppo"), ("al-Hasakah governorate", "HASAKEH"),
])
def test_governorate_variants(a, b):
    assert governorate_key(a) == governorate_key(b)


@pytest.mark.parametrize("a,b", [("Idlib", "Hama"), ("Damascus", "Rural Damascus"), ("Homs", "Hama")])
def test_governorates_distinct(a, b):
    assert governorate_key(a) != governorate_key(b)


# ---------------------------------------------------------------- actors
@pytest.mark.parametrize("ext,golds,ok", [
    ({"name": "Military Forces of Syria (2000-)"}, ["Military Forces of Syria"], True),
    ({"name": "military forces of syria"}, ["Military Forces of Syria (2000-)"], True),
    ({"name": "Hayat Tahrir al-Sham"}, ["Military Forces of Syria"], False),
    ({"name": "Unidentified Armed Group (Syria)"}, ["Military Forces of Syria", None], True),
    (None, [None], True),
    (None, ["Military Forces of Syria"], False),
    ({"name": "Unidentified Armed Group (Syria)"}, ["Military Forces of Syria"], False),
])
def test_actor1_rule(ext, golds, ok):
    assert actor1_ok(ext, golds) is ok


def test_actor1_and_sub_event_accuracy():
    g = gold(events=[gev("كفرنبل", sub="Armed clash"), gev("سراقب", sub="Armed clash")])
    r = rec(events=[xev("كفرنبل", sub="Government regains territory"), xev("سراقب", actor1="Hayat Tahrir al-Sham")])
    rep = score([g], [r])
    assert rep.f1 == 1.0 and rep.sub_event_accuracy == 0.5 and rep.actor1_accuracy == 0.5


# ---------------------------------------------------------------- relations
def rel(t, s, o):
    return {"type": t, "source": {"name": s}, "target": {"name": o}, "evidence": {"start": 0, "end": 1}}


def test_relations_directed_and_symmetric():
    g = gold(relations=[{"type": "front_for", "source": "Hayat Tahrir al-Sham", "target": "Jabhat al-Nusra"},
                        {"type": "allied_with", "source": "Ajnad al-Kavkaz", "target": "Hayat Tahrir al-Sham"}])
    right = rec(relations=[rel("front_for", "Hayat Tahrir al-Sham", "Jabhat al-Nusra"),
                           rel("allied_with", "Hayat Tahrir al-Sham", "Ajnad al-Kavkaz")])  # reversed: symmetric
    assert score([g], [right]).relation_recall == 1.0
    reversed_directed = rec(relations=[rel("front_for", "Jabhat al-Nusra", "Hayat Tahrir al-Sham")])
    assert score([g], [reversed_directed]).total("relations_found") == 0
    wrong_type = rec(relations=[rel("supports", "Hayat Tahrir al-Sham", "Jabhat al-Nusra")])
    assert score([g], [wrong_type]).total("relations_found") == 0
    contained = rec(relations=[rel("front_for", "hayat tahrir al-sham (HTS)", "Nusra")])
    assert score([g], [contained]).total("relations_found") == 1


# ---------------------------------------------------------------- the command
def test_cli_eval_file_and_stdin(tmp_path, capsys, monkeypatch):
    g = gold(events=[gev("كفرنبل"), gev("سراقب")])
    gp = tmp_path / "gold.jsonl"
    gp.write_text(json.dumps(g, ensure_ascii=False) + "\n", encoding="utf-8")
    rp = tmp_path / "rec.jsonl"
    rp.write_text(json.dumps(rec(events=[xev("كفرنبل")]), ensure_ascii=False) + "\n\nnot json\n", encoding="utf-8")
    assert main(["eval", str(gp), str(rp)]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert out[-1] == "event F1 0.667 (P 1.000 R 0.500)"
    assert any(line.startswith("a.txt") for line in out)
    monkeypatch.setattr("sys.stdin", io.StringIO(rp.read_text(encoding="utf-8")))
    assert main(["eval", str(gp), "-", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["f1"] == pytest.approx(0.6667, abs=1e-3) and data["docs"][0]["doc"] == "a.txt"


def test_cli_eval_errors_are_one_line(tmp_path, capsys):
    assert main(["eval", str(tmp_path / "missing.jsonl"), "-"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("rasd eval:") and "\n" not in err
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{\"doc\": \"a\"}\n{oops\n", encoding="utf-8")
    assert main(["eval", str(bad), str(bad)]) == 2
    assert "line 2" in capsys.readouterr().err
