"""Merging reports of the same event (rasd.cluster) and syndicated copies."""
from __future__ import annotations

import datetime as dt

import pytest

from rasd import cluster as cl
from rasd.store import EventFilter, Store

from test_store import make_doc, make_event

R = cl.load_rules()


def ev(key, seq, *, type="Battles", date="2020-01-15", place="كفرنبل", lat=None, lon=None, a1=("actor:saa", None),
       a2=(None, None), country="SY", sub=None):
    return cl.CEvent(key=key, seq=seq, event_type=type, date=dt.date.fromisoformat(date) if date else None,
                     place=cl.place_key(place, R), lat=lat, lon=lon, country=country, actor1=a1, actor2=a2, sub_event_type=sub)


def test_place_key_drops_place_words_and_clitics():
    assert cl.place_key("بلدة خطرة", R) == cl.place_key("خطرة", R) == cl.place_key("وخطرة", R)
    assert cl.place_key("مدينةُ الموصل", R) == cl.place_key("الموصل", R)
    assert cl.place_key("حرض", R) != cl.place_key("تعز", R)


@pytest.mark.parametrize("b, same", [
    (dict(), True),
    (dict(date="2020-01-16"), True),                       # one day apart
    (dict(date="2020-01-17"), False),                      # two days apart
    (dict(type="Riots"), False),
    (dict(place="معرة النعمان"), False),
    (dict(place="بلدة كفرنبل"), True),
    (dict(a1=("actor:hts", None)), False),                 # two different known attackers
    (dict(a1=(None, "Unidentified Armed Group (Syria)")), True),
    (dict(a1=(None, None), a2=("actor:hts", None)), True),
    (dict(country="IQ"), False),
    (dict(date=None), False),
])
def test_same_event_rule(b, same):
    a = ev("a", 1)
    assert cl.same_event(a, ev("b", 2, **b), R) is same
    assert cl.same_event(ev("b", 2, **b), a, R) is same  # symmetric


def test_within_ten_km_by_coordinates_even_with_other_names():
    a = ev("a", 1, place="تلعفر", lat=36.3792, lon=42.4485, country="IQ")
    near = ev("b", 2, place="قضاء تلعفر الغربي", lat=36.40, lon=42.50, country="IQ")  # ~5 km
    far = ev("c", 3, place="سنجار", lat=36.32, lon=41.87, country="IQ")  # ~52 km
    assert cl.same_event(a, near, R) and not cl.same_event(a, far, R)


def test_clash_sides_may_be_swapped():
    a = ev("a", 1, a1=("actor:saa", None), a2=("actor:hts", None), sub="Armed clash")
    b = ev("b", 2, a1=("actor:hts", None), a2=("actor:saa", None), sub="Armed clash")
    assert cl.same_event(a, b, R)
    # a capture is directional: the taker is not the loser
    assert not cl.same_event(ev("a", 1, a1=("actor:saa", None), a2=("actor:hts", None), sub="Government regains territory"),
                             ev("b", 2, a1=("actor:hts", None), a2=("actor:saa", None), sub="Government regains territory"), R)
    assert not cl.same_event(ev("c", 1, type="Riots", a1=("x", None), a2=("y", None)),
                             ev("d", 2, type="Riots", a1=("y", None), a2=("x", None)), R)


def test_assign_is_order_independent_and_ids_come_from_the_first_event():
    evs = [ev("a", 1), ev("b", 2, date="2020-01-16"), ev("c", 3, date="2020-01-17"), ev("x", 4, place="حرض", country="YE")]
    one = cl.assign(evs, [], {}, R)
    two = cl.assign(list(reversed(evs)), [], {}, R)
    assert one.clusters == two.clusters
    # a-b-c chain through b (single link), x alone
    assert one.clusters["a"] == one.clusters["b"] == one.clusters["c"] == cl.cluster_id("a")
    assert one.clusters["x"] == cl.cluster_id("x")


def test_incremental_join_and_bridge():
    first = cl.assign([ev("a", 1), ev("c", 3, date="2020-01-17")], [], {}, R)
    assert first.clusters["a"] != first.clusters["c"]
    existing = [(ev("a", 1), first.clusters["a"]), (ev("c", 3, date="2020-01-17"), first.clusters["c"])]
    firsts = {first.clusters["a"]: (1, "a"), first.clusters["c"]: (3, "c")}
    nxt = cl.assign([ev("b", 5, date="2020-01-16")], existing, firsts, R)
    assert nxt.clusters["b"] == first.clusters["a"]  # the older cluster's id survives
    assert nxt.renamed == {first.clusters["c"]: first.clusters["a"]}


def test_syndicated_copy_similarity():
    base = ("أفادت مصادر محلية بأن قوات النظام قصفت بلدة كفرنبل في ريف إدلب الجنوبي بالمدفعية الثقيلة، "
            "ما أدى إلى مقتل مدنيين اثنين وإصابة آخرين، فيما ردت فصائل المعارضة باستهداف مواقع للنظام. ") * 3
    copy = "عمان - " + base.replace("الثقيلة", "الثقيله")
    other = ("أعلنت قوات سوريا الديمقراطية اعتقال خلية تابعة لتنظيم داعش في ريف دير الزور الشرقي "
             "بعد عملية أمنية بدعم من التحالف الدولي، وضبطت أسلحة وذخائر. ") * 3
    s = cl.similarity(cl.signature(base), cl.signature(copy))
    assert s >= R.near_duplicate_jaccard > cl.similarity(cl.signature(base), cl.signature(other))


CAPTURE_SANA = ("حماة-سانا\n\nحررت وحدات من الجيش العربي السوري اليوم بلدة كفرنبل في ريف إدلب الجنوبي "
                "بعد معارك عنيفة مع إرهابيي هيئة تحرير الشام، وكبدتهم خسائر في الأفراد والعتاد.")
CAPTURE_ENAB = ("سيطرت قوات النظام السوري، الأربعاء، على مدينة كفرنبل جنوبي إدلب، إثر هجوم واسع "
                "بغطاء جوي روسي، وانسحبت فصائل المعارضة من المدينة بعد مواجهات استمرت أياما.")


def test_two_outlets_same_capture_one_cluster_corroboration_two(tmp_path):
    with Store(tmp_path / "s.duckdb") as st:
        st.add_documents([make_doc("sana", CAPTURE_SANA, outlet="SANA", published="2020-01-15",
                                   events=[make_event(1, date="2020-01-15")])])
        st.add_documents([make_doc("enab", CAPTURE_ENAB, outlet="Enab Baladi", published="2020-01-16",
                                   events=[make_event(1, date="2020-01-15", actor2=None, coords=False)])])
        # a syndicated copy of SANA's text in a third outlet: a source, but not corroboration
        st.add_documents([make_doc("copy", "دمشق - " + CAPTURE_SANA, outlet="Al-Watan", published="2020-01-15",
                                   events=[make_event(1, date="2020-01-15")])])
        rows = st.query_events(EventFilter())
        assert len(rows) == 3 and len({r["cluster_id"] for r in rows}) == 1
        c = st.get_cluster(rows[0]["cluster_id"])
        assert c["corroboration"] == 2
        assert c["sources"] == ["Al-Watan", "Enab Baladi", "SANA"]
        assert c["cluster_id"] == cl.cluster_id(st.get_document("sana").content_hash + "#ev-1")


def test_two_outlets_via_the_pipeline(tmp_path):
    """Same check with the real extractor: whatever it finds in both reports must cluster."""
    import rasd

    p = rasd.Pipeline()
    a = p.extract(CAPTURE_SANA, published="2020-01-15", outlet="SANA", doc_id="sana")
    b = p.extract(CAPTURE_ENAB, published="2020-01-15", outlet="Enab Baladi", doc_id="enab")
    caps = [[e for e in d.events if e.event_type == "Battles" and e.location and "كفرنبل" in (e.location.name_ar or "")]
            for d in (a, b)]
    if not (caps[0] and caps[1]):
        pytest.xfail("the extractor does not yet find the capture of Kafr Nabl in both reports")
    with Store(tmp_path / "s.duckdb") as st:
        st.add_documents([a, b])
        cid = {r["cluster_id"] for r in st.query_events(EventFilter(type="Battles"))
               if "كفرنبل" in ((r.get("location") or {}).get("name_ar") or "")}
        assert len(cid) == 1
        assert st.get_cluster(cid.pop())["corroboration"] == 2
