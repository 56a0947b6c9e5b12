"""DATE recognition and resolution against the publication date (sentences written for these tests)."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.models import Source
from rasd.pipeline import Work
from rasd.recognize import dates
from rasd.text import normalize, split_sentences

THU = dt.date(2020, 1, 16)  # a Thursday
FRI = dt.date(2020, 1, 17)


def run(text: str, pub: dt.date | None = THU) -> Work:
    w = Work("t", text, normalize(text), split_sentences(text), pub, Source())
    dates.make_component(None)(w)
    return w


def ents(text: str, pub: dt.date | None = THU):
    return [e for e in run(text, pub).entities if e.type == "DATE"]


def one(text: str, pub: dt.date | None = THU):
    es = ents(text, pub)
    assert len(es) == 1, [(e.text, e.date) for e in es]
    return es[0]


# ---------------------------------------------------------------- relative days and weekdays


@pytest.mark.parametrize("text,expected", [
    ("قتل خمسة مدنيين أمس الأربعاء بغارة على ريف إدلب.", "2020-01-15"),
    ("شنت الطائرات غارات أمس على مواقع في الأنبار.", "2020-01-15"),
    ("وقعت اشتباكات البارحة في حي الشيخ عثمان بعدن.", "2020-01-15"),
    ("انفجرت سيارة مفخخة أول أمس في مقديشو.", "2020-01-14"),
    ("انفجرت عبوة ناسفة أول من أمس في الموصل.", "2020-01-14"),
    ("أعلن الجيش اليوم السيطرة على البلدة.", "2020-01-16"),
    ("قصفت المدفعية الإسرائيلية الليلة الماضية مواقع في رفح.", "2020-01-15"),
    ("تظاهر المئات بالأمس في الخرطوم.", "2020-01-15"),
])
def test_relative_days(text, expected):
    e = one(text)
    assert e.date == expected and e.time_precision == 1
    assert "relative" in e.tags


@pytest.mark.parametrize("text,expected", [
    ("استهدفت غارة يوم الثلاثاء سوقا في صعدة.", "2020-01-14"),  # most recent Tuesday
    ("قتل جندي الخميس في هجوم بسرت.", "2020-01-16"),  # the publication day itself
    ("اندلعت اشتباكات الجمعة في طرابلس.", "2020-01-10"),
    ("داهمت القوات الخميس الماضي قرية في ديالى.", "2020-01-09"),  # "last Thursday": strictly before
    ("اختطف مسلحون السبت الماضي طبيبا في بنغازي.", "2020-01-11"),
])
def test_bare_weekday_is_most_recent_on_or_before_publication(text, expected):
    e = one(text)
    assert e.date == expected and e.time_precision == 1


def test_weekday_with_future_modifier():
    e = one("يعقد الطرفان اجتماعا السبت المقبل في جدة.")
    assert e.date == "2020-01-18" and "future" in e.tags


def test_yesterday_wednesday_in_thursday_article():
    w = run("وأكدت المصادر أن التعزيزات وصلت بعد ظهر أمس الأربعاء إلى ريف حلب.")
    (e,) = [x for x in w.entities if x.type == "DATE"]
    assert e.text == "بعد ظهر أمس الأربعاء"
    assert e.date == "2020-01-15" and "time_of_day:afternoon" in e.tags
    assert not w.warnings


# ---------------------------------------------------------------- parts of the day


@pytest.mark.parametrize("text,span,tod,expected", [
    ("قصف الطيران صباح أمس مواقع في دير الزور.", "صباح أمس", "morning", "2020-01-15"),
    ("وشن الطيران الحربي ظهر أمس غارات على خان شيخون.", "ظهر أمس", "noon", "2020-01-15"),
    ("هاجم مسلحون فجر اليوم حاجزا في كركوك.", "فجر اليوم", "dawn", "2020-01-16"),
    ("انسحبت القوات عصر الثلاثاء من البلدة.", "عصر الثلاثاء", "afternoon", "2020-01-14"),
    ("وفي وقت سابق من مساء الأربعاء، سيطر الجيش على التلة.", "مساء الأربعاء", "evening", "2020-01-15"),
    ("انفجرت عبوة أمس مساءً في حي الكرادة.", "أمس مساءً", "evening", "2020-01-15"),
    ("تعرض الحي لقصف ليلة الأربعاء.", "ليلة الأربعاء", "night", "2020-01-15"),
    ("وقرب منتصف ليلة اليوم الخميس، تقدم الجيش في ريف إدلب.", "منتصف ليلة اليوم الخميس", "midnight", "2020-01-16"),
    ("سمع دوي انفجارات الليلة في غزة.", "الليلة", "night", "2020-01-16"),
])
def test_parts_of_day(text, span, tod, expected):
    e = one(text)
    assert e.text == span
    assert e.date == expected
    assert f"time_of_day:{tod}" in e.tags


def test_part_of_day_alone_is_not_a_date():
    assert ents("وظهر المتحدث في مؤتمر صحفي وتحدث عن الوضع.") == []
    assert ents("يسود الهدوء في المساء عادة.") == []


# ---------------------------------------------------------------- explicit dates, three month systems


@pytest.mark.parametrize("name,month", [
    ("يناير", 1), ("كانون الثاني", 1), ("جانفي", 1), ("فبراير", 2), ("شباط", 2), ("فيفري", 2),
    ("مارس", 3), ("آذار", 3), ("أبريل", 4), ("نيسان", 4), ("أفريل", 4), ("مايو", 5), ("أيار", 5),
    ("ماي", 5), ("يونيو", 6), ("حزيران", 6), ("جوان", 6), ("يوليو", 7), ("تموز", 7), ("جويلية", 7),
    ("أغسطس", 8), ("آب", 8), ("أوت", 8), ("سبتمبر", 9), ("أيلول", 9), ("أكتوبر", 10),
    ("تشرين الأول", 10), ("نوفمبر", 11), ("تشرين الثاني", 11), ("ديسمبر", 12), ("كانون الأول", 12),
])
def test_month_names_all_systems(name, month):
    e = one(f"وقعت المجزرة في 9 {name} 2019 في ريف درعا.")
    assert e.date == f"2019-{month:02d}-09" and e.time_precision == 1
    assert "explicit" in e.tags


def test_paired_month_names():
    e = one("أعلنت الحكومة في 15 كانون الثاني/يناير 2020 وقف إطلاق النار.")
    assert e.date == "2020-01-15" and e.text == "15 كانون الثاني/يناير 2020"
    e = one("بدأت الهدنة في 3 يناير (كانون الثاني) 2020 في الحديدة.")
    assert e.date == "2020-01-03"


def test_year_inferred_not_in_future():
    assert one("قتل ثلاثة جنود في 14 يناير بهجوم في الأنبار.").date == "2020-01-14"
    e = one("سيطرت القوات على المدينة في 20 كانون الأول في ريف حماة.")
    assert e.date == "2019-12-20"
    e = one("انسحب المسلحون في 3 شباط من القرية.")
    assert e.date == "2019-02-03" and "background" in e.tags


def test_month_without_day_is_precision_3():
    e = one("شهدت المنطقة اشتباكات في تشرين الثاني 2019.")
    assert e.date == "2019-11-15" and e.time_precision == 3


def test_numeric_dates():
    assert one("وقع الهجوم بتاريخ 15/1/2020 في بلدة سرمين.").date == "2020-01-15"
    assert one("صدر البيان في 2020-01-12 عن قيادة العمليات.").date == "2020-01-12"
    assert ents("بلغت النسبة 32/13/2020 وفق الجدول.") == []


def test_hijri_dates():
    e = one("وقع الانفجار في 15 جمادى الأولى 1441 هـ قرب مأرب.")
    assert e.date == "2020-01-10" and "hijri" in e.tags
    # without a year: the Hijri year of publication, never in the future
    e = one("شنت الطائرات غارات في 10 جمادى الأولى على صعدة.")
    assert e.date == "2020-01-05"


def test_ambiguous_month_words_need_a_day_or_year():
    assert ents("مارس الضغط على الفصائل لقبول الاتفاق.") == []
    assert ents("قال الأب إن ابنه اختطف.") == []
    assert ents("قال رمضان إن الوضع هادئ.") == []
    assert one("قتل مدنيان في 5 رمضان 1441 هـ.").date is not None


# ---------------------------------------------------------------- weeks, months, hours, future, background


def test_last_week_is_precision_2_midpoint():
    e = one("نفذت القوات حملة اعتقالات الأسبوع الماضي في الرقة.")
    assert e.time_precision == 2 and e.date == "2020-01-09"  # Thursday of the previous Mon-Sun week


def test_last_month_and_start_of_month():
    e = one("نزح آلاف السكان الشهر الماضي من معرة النعمان.")
    assert e.date == "2019-12-15" and e.time_precision == 3
    assert "background" in e.tags  # December ended more than 10 days before publication
    e = one("نزح آلاف السكان الشهر الماضي من معرة النعمان.", dt.date(2020, 1, 3))
    assert "background" not in e.tags  # ... but not on 3 January
    e = one("اندلعت اشتباكات مطلع الشهر الجاري في عين عيسى.")
    assert e.time_precision == 3 and e.date.startswith("2020-01") and "period:start" in e.tags


def test_hours_before_publication_are_the_publication_day():
    e = one("قتل ستة أشخاص خلال الساعات الماضية في قصف على أريحا.")
    assert e.date == "2020-01-16" and e.time_precision == 1


@pytest.mark.parametrize("text", [
    "ستستأنف المفاوضات غدا في جنيف.",
    "سيتم السيطرة على مزيد من القرى خلال الأيام القادمة.",
    "يصل وفد أممي الأسبوع المقبل إلى عدن.",
])
def test_future(text):
    assert "future" in one(text).tags


@pytest.mark.parametrize("text,tag", [
    ("تنشط الجماعة في المنطقة منذ عام 2012.", "since"),
    ("وبحلول أيلول 2016 أصبح الفصيل أكبر الفصائل.", "by"),
    ("بدأت الاحتجاجات في 2011.", None),
])
def test_background(text, tag):
    e = one(text)
    assert "background" in e.tags
    if tag:
        assert tag in e.tags


def test_bare_number_is_not_a_year():
    assert ents("وصل 2011 مقاتلا إلى الجبهة.") == []


def test_days_ago():
    assert one("قتل جندي قبل ثلاثة أيام في درعا.").date == "2020-01-13"
    assert one("اختطف الصحفي قبل يومين في طرابلس.").date == "2020-01-14"


# ---------------------------------------------------------------- no publication date, mismatch


def test_no_publication_date_keeps_relative_dates_null():
    e = one("قتل خمسة مدنيين أمس الأربعاء.", pub=None)
    assert e.date is None and e.time_precision is None and "unresolved" in e.tags
    e = one("وقعت المجزرة في 9 آذار 2019.", pub=None)
    assert e.date == "2019-03-09"
    e = one("وقعت المجزرة في 9 آذار.", pub=None)
    assert e.date is None and "unresolved" in e.tags


def test_weekday_mismatch_with_publication_date():
    w = run("قال المرصد إن الطيران قصف اليوم الخميس بلدة كفرنبل.", FRI)
    (e,) = [x for x in w.entities if x.type == "DATE"]
    assert e.date == "2020-01-16"  # the weekday wins: the report was written on Thursday
    (warn,) = w.warnings
    assert warn.code == "weekday_mismatch" and (warn.start, warn.end) == (e.start, e.end)


def test_weekday_mismatch_with_explicit_date():
    w = run("وقع الهجوم يوم الخميس 15 كانون الثاني 2020 في الحسكة.")
    assert [x.code for x in w.warnings] == ["weekday_mismatch"]
    w = run("وقع الهجوم يوم الأربعاء 15 كانون الثاني 2020 في الحسكة.")
    assert w.warnings == []


def test_spans_exclude_proclitics_and_match_text():
    w = run("وأمس قتل جندي، وبالأمس جرح آخر، وصباح الأربعاء انفجرت عبوة.")
    for e in w.entities:
        assert w.text[e.start:e.end] == e.text
        assert not e.text.startswith("و")


# ---------------------------------------------------------------- resolve_event_date


def test_resolve_event_date_inside_span():
    text = "قصفت المدفعية أمس بلدة سراقب."
    w = run(text)
    d, p, e = dates.resolve_event_date(w, 0, len(text))
    assert (d, p) == ("2020-01-15", 1) and e.text == "أمس"


def test_resolve_event_date_previous_sentence_of_paragraph():
    text = "اندلعت معارك عنيفة صباح الثلاثاء في ريف حلب. وقتل خلالها عشرة مسلحين."
    w = run(text)
    s2 = text.index("وقتل")
    d, p, e = dates.resolve_event_date(w, s2, len(text))
    assert d == "2020-01-14" and e is not None


def test_resolve_event_date_not_from_previous_paragraph():
    text = "قصف الطيران أمس مدينة إدلب.\nوفي الموصل، انفجرت عبوة ناسفة."
    w = run(text)
    s2 = text.index("وفي")
    assert dates.resolve_event_date(w, s2, len(text)) == ("2020-01-16", 2, None)
    w = run(text, None)
    assert dates.resolve_event_date(w, s2, len(text)) == (None, None, None)


def test_recap_weeks_before_publication_is_background():
    e = one("وكانت القوات الحكومية قد أطلقت في 19 حزيران الماضي هجوما على ريف درعا.", dt.date(2018, 7, 6))
    assert e.date == "2018-06-19" and "background" in e.tags
    e = one("شنت القوات هجوما على ريف درعا في الأول من تموز.", dt.date(2018, 7, 6))
    assert "background" not in e.tags


def test_headline_takes_the_lead_paragraph_date():
    text = "الجيش الصومالي يستعيد بلدة في شبيلي السفلى\nاستعاد الجيش الصومالي أمس الأربعاء بلدة جنالي بعد معارك."
    w = run(text)
    w.title = text.split("\n")[0]
    assert dates.resolve_event_date(w, 0, text.index("\n"))[0] == "2020-01-15"
    w.title = None  # not a headline: no date of its own, so the publication week
    assert dates.resolve_event_date(w, 0, text.index("\n")) == ("2020-01-16", 2, None)


def test_resolve_event_date_skips_background_in_sentence():
    text = "قتل ثلاثة جنود في هجوم، في منطقة تنشط فيها الجماعة منذ عام 2012."
    w = run(text)
    clause_end = text.index("،")
    d, p, e = dates.resolve_event_date(w, 0, clause_end)
    assert (d, p, e) == ("2020-01-16", 2, None)
    # a span that holds only a background date returns it, tagged, for the caller to judge
    d, p, e = dates.resolve_event_date(w, clause_end, len(text))
    assert e is not None and "background" in e.tags


def test_resolve_event_date_nearest_to_anchor():
    text = "قصف الطيران أمس بلدة، ثم اقتحمت القوات فجر اليوم القرية."
    w = run(text)
    anchor = text.index("اقتحمت")
    d, p, e = dates.resolve_event_date(w, 0, len(text), anchor=anchor)
    assert d == "2020-01-16" and e.text == "فجر اليوم"


# ---------------------------------------------------------------- robustness

_WORDS = ["أمس", "الأربعاء", "اليوم", "الخميس", "صباح", "منتصف", "ليلة", "15", "كانون", "الثاني", "2020",
          "يناير", "جمادى", "الأولى", "1441", "هـ", "/", "-", "منذ", "عام", "الأسبوع", "الماضي", "الشهر",
          "مطلع", "قبل", "أيام", "ثلاثة", "مساءً", "و", "،", "(", ")", "غدا", "المقبل", "آب", "31", "0", "٣"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=12), st.text(max_size=20),
       st.sampled_from([None, THU, dt.date(2018, 3, 1), dt.date(2019, 12, 31)]))
def test_never_crashes_and_offsets_inside_text(words, noise, pub):
    text = " ".join(words) + noise
    w = run(text, pub)
    for e in w.entities:
        assert 0 <= e.start < e.end <= len(text)
        assert text[e.start:e.end] == e.text
        assert e.time_precision in (None, 1, 2, 3)
        if e.date:
            dt.date.fromisoformat(e.date)
    for warn in w.warnings:
        assert 0 <= warn.start <= warn.end <= len(text)


def test_deadline_without_year_may_lie_ahead():
    e = one("يتعين على الفصائل سحب أسلحتها الثقيلة بحلول 10 شباط من المنطقة العازلة.")
    assert e.date == "2020-02-10" and "future" in e.tags and "by" in e.tags
    # without a deadline word the same date is last year's
    assert one("سحبت الفصائل أسلحتها في 10 شباط من المنطقة.").date == "2019-02-10"


# ---------------------------------------------------------------- the prefilter is only a speed-up


def _plain_matches(s: str, t: dates.TimeTables):
    """Every pattern over the whole string, the reference the prefiltered scan must equal."""
    return [(k, m.span(), m.groupdict()) for k, pat in t.patterns for m in pat.finditer(s)]


def _fast_matches(s: str, t: dates.TimeTables):
    return [(k, m.span(), m.groupdict()) for k, m in dates._matches(s, t)]


def _vocabulary() -> list[str]:
    t = dates.load_tables()
    words = set()
    for table in (t.month_names, t.weekdays, t.wd_mods, t.pod_before, t.pod_after, t.rel_days, t.weeks,
                  t.months_rel, t.years_rel, t.future, t.period_parts, t.lead_tags, t.anaphoric, t.before_ref,
                  t.ordinals, t.dom_mods, t.dom_month_words):
        for phrase in table:
            words.update(phrase.split())
    words.update(t.ago["cues"] + t.ago["day_units"] + t.ago["week_units"])
    return sorted(words) + ["يوم", "شهر", "عام", "العام", "منذ", "من", "في", "الموافق", "ه", "م", "15", "3",
                            "2020", "1441", "20", "/", "-", ".", "،", "(", ")", "ثلاثه", "قتل"]


_VOCAB = _vocabulary()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["", "و", "ف", "ب", "ل", "وب", "ال"]), st.sampled_from(_VOCAB),
                          st.sampled_from([" ", " ", "", "\n", "  ", "، "])), max_size=14))
def test_prefiltered_scan_equals_plain_finditer(parts):
    """Words from the tables, with proclitics and sometimes no space between them: the
    prefilter may only skip positions where no pattern can match."""
    s = "".join(p + w + sep for p, w, sep in parts)
    t = dates.load_tables()
    assert t.prefilter is not None
    assert sorted(_fast_matches(s, t), key=repr) == sorted(_plain_matches(s, t), key=repr)


@pytest.mark.parametrize("text", [
    "قصفت الطائرات البلدة فجر اليوم الخميس 16 كانون الثاني/يناير 2020 وقتل 3 مدنيين.",
    "اندلعت الاشتباكات في 15/1/2020 واستمرت حتى 2020-01-17، بعد ظهر أمس.",
    "منذ عام 2012 وحتى مطلع الشهر الجاري، وفي الأسبوع الماضي قبل ثلاثة أيام.",
    "كانون2020 ويناير2020 ومحرمه ومن15 رمضان 1441هـ وب15/1/2020",  # glued forms
    "في الرابع من الشهر الجاري وفي الـ14 من الشهر الماضي و14 الجاري، وفي اليوم ذاته، بعد يوم من ليل الثلاثاء - الأربعاء",
])
def test_prefiltered_scan_on_sentences(text):
    t = dates.load_tables()
    s = normalize(text).norm
    assert _fast_matches(s, t) and sorted(_fast_matches(s, t), key=repr) == sorted(_plain_matches(s, t), key=repr)


def test_season_before_a_year_is_a_date_cue():
    e = one("وشهدت عدن معارك دامية صيف 2015.")
    assert "year:2015" in e.tags and "background" in e.tags


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["", "و", "ف", "ب", "ل", "وب", "ال", "(", "-"]), st.sampled_from(_VOCAB),
                          st.sampled_from([" ", "", "\n", "  ", "، ", ".", "x", "5"])), max_size=14))
def test_prefilter_starts_equal_the_prefilter_scan(parts):
    """The word starts found from the non-word character before them are the positions the
    prefilter accepts, the first character of the string included."""
    s = "".join(p + w + sep for p, w, sep in parts)
    t = dates.load_tables()
    assert t.gap_prefilter is not None
    for text in (s, " " + s, s.lstrip()):
        assert dates.prefilter_starts(text, t) == [m.start() for m in t.prefilter.finditer(text)]


def test_prefilter_starts_on_the_corpus():
    from pathlib import Path

    t = dates.load_tables()
    n = 0
    for p in sorted((Path(__file__).parent / "corpus" / "articles").glob("*.txt")):
        s = normalize(p.read_text(encoding="utf-8")).norm
        want = [m.start() for m in t.prefilter.finditer(s)]
        assert dates.prefilter_starts(s, t) == want
        n += len(want)
    assert n > 100


def test_prefiltered_scan_equals_plain_finditer_on_the_corpus():
    """Each start is tried only for the patterns its word may begin (``TimeTables.heads``):
    every match of the plain scan over the corpus articles is still found."""
    from pathlib import Path

    t = dates.load_tables()
    assert t.heads is not None
    n = 0
    for p in sorted((Path(__file__).parent / "corpus" / "articles").glob("*.txt")):
        s = normalize(p.read_text(encoding="utf-8")).norm
        want = _plain_matches(s, t)
        assert sorted(_fast_matches(s, t), key=repr) == sorted(want, key=repr)
        n += len(want)
    assert n > 100


def test_heads_shortcut_can_be_turned_off():
    """Without ``heads`` every start is tried for every pattern: the same matches."""
    import dataclasses

    t = dates.load_tables()
    plain = dataclasses.replace(t, heads=None)
    for text in ["فجر اليوم الخميس 16 كانون الثاني/يناير 2020 وقبل 3 أيام ومنذ عام 2012",
                 "وبالامس ولليوم فصباح والخميس الماضي، كانون2020 ومحرمه"]:
        s = normalize(text).norm
        assert [(k, m.span()) for k, m in dates._matches(s, plain)] == [(k, m.span()) for k, m in dates._matches(s, t)]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("امسيوم ال") + ["5", "٣", "_", " ", "\n", "\t", "\u00a0", "\u2003",
                                                               "،", ".", "(", "ً", "x", "²"]), max_size=24))
def test_lead_word_equals_the_search(window):
    m = dates._LEAD_RE.search(window)
    assert dates._lead_word(window) == (m.group(1) if m else None)


# ---------------------------------------------------------------- days counted from another day


def test_same_day_anaphor_takes_the_day_stated_before():
    text = ("قصفت المدفعية مساء الثلاثاء حي الصبري في مقديشو.\n"
            "وفي اليوم ذاته، هاجم مسلحون نقطة تفتيش في بلدوين.")
    es = ents(text)
    assert [(e.text, e.date) for e in es] == [("مساء الثلاثاء", "2020-01-14"), ("اليوم ذاته", "2020-01-14")]
    assert "anaphoric" in es[1].tags
    e = ents("اقتحمت القوات حي الجديدة في الموصل أمس الأول، وقتلت في الليلة نفسها ثلاثة مسلحين.")[1]
    assert e.date == "2020-01-14" and "time_of_day:night" in e.tags


def test_next_day_anaphor_counts_from_the_day_before_it():
    text = "اندلعت اشتباكات في الفاشر يوم السبت، وفي اليوم التالي قصفت قوات الدعم السريع سوق المدينة."
    assert [e.date for e in ents(text)] == ["2020-01-11", "2020-01-12"]


def test_same_day_anaphor_without_antecedent_is_the_publication_day():
    assert one("وفي اليوم نفسه، أغلق محتجون الطريق الساحلي في مصراتة.").date == "2020-01-16"


def test_day_after_reference_dates_what_follows_it():
    text = "قالت قيادة العمليات يوم الثلاثاء إن القوات انتشرت في الرمادي، بعد يوم من دخولها المدينة."
    w = run(text)
    e = [x for x in w.entities if x.type == "DATE"][1]
    assert (e.text, e.date) == ("بعد يوم من", "2020-01-13") and "anterior" in e.tags
    # the main clause keeps its own day; the clause after "بعد يوم من" is the day before
    assert dates.resolve_event_date(w, 0, len(text), anchor=text.index("انتشرت"))[0] == "2020-01-14"
    assert dates.resolve_event_date(w, 0, len(text), anchor=text.index("دخولها"))[0] == "2020-01-13"


def test_ghadat_alone_is_the_day_before_the_reported_one():
    text = "وتأتي الغارات على خان يونس غداة مقتل ثلاثة فلسطينيين في قصف على رفح."
    e = one(text)
    assert e.date == "2020-01-15" and "anterior" in e.tags
    w = run(text)
    # the reported clause, before "غداة", is not dated by it
    assert dates.resolve_event_date(w, 0, text.index("غداة"), anchor=text.index("الغارات"))[2] is None
    # "غداة" before a date stays that date + 1
    assert one("قصفت الطائرات مدينة حرستا غداة 12 كانون الثاني.").date == "2020-01-13"


def test_anterior_date_yields_to_a_date_of_its_own():
    text = "وجاء ذلك بعد يومين من غارة جوية استهدفت الكلية العسكرية في طرابلس مساء السبت، وأسفرت عن مقتل 30 طالبا."
    w = run(text)
    d, p, e = dates.resolve_event_date(w, 0, len(text), anchor=text.index("غارة"))
    assert d == "2020-01-11" and e.text == "مساء السبت"


# ---------------------------------------------------------------- nights, ordinals, relative months


@pytest.mark.parametrize("text,span,expected", [
    ("سيطر مقاتلو العشائر، ليل الثلاثاء - الأربعاء، على بلدة ذيبان.", "ليل الثلاثاء - الأربعاء", "2020-01-14"),
    ("دخلت الهدنة في الحديدة حيز التنفيذ منتصف ليل الاثنين الثلاثاء.", "منتصف ليل الاثنين الثلاثاء", "2020-01-14"),
    ("قصفت الطائرات بلدة كفرنبل ليلة الأربعاء على الخميس.", "ليلة الأربعاء على الخميس", "2020-01-15"),
    ("اندلعت اشتباكات في أم درمان ليل الثلاثاء/الأربعاء.", "ليل الثلاثاء/الأربعاء", "2020-01-14"),
])
def test_night_named_by_two_days(text, span, expected):
    e = one(text)
    assert (e.text, e.date) == (span, expected)


def test_two_weekdays_without_a_night_stay_two_dates():
    assert len(ents("دارت معارك في مأرب الثلاثاء - الخميس.")) == 2
    assert len(ents("قصفت القوات بلدة سراقب ليل الثلاثاء - الخميس.")) == 2  # not consecutive days


@pytest.mark.parametrize("text,span,expected", [
    ("قتل خمسة جنود في هجوم على الرمادي في الرابع من الشهر الجاري.", "الرابع من الشهر الجاري", "2020-01-04"),
    ("فجر انتحاري نفسه في مقديشو في الخامس عشر من كانون الثاني.", "الخامس عشر من كانون الثاني", "2020-01-15"),
    ("اعتقلت قوات الأمن محتجين في الخرطوم في 14 الجاري.", "14 الجاري", "2020-01-14"),
    ("اقتحمت القوات مخيم جنين في الـ14 من الشهر الجاري.", "الـ14 من الشهر الجاري", "2020-01-14"),
    ("سيطرت القوات على سرت في 28 من الشهر الماضي.", "28 من الشهر الماضي", "2019-12-28"),
    ("قصفت الطائرات مواقع في صعدة في العاشر من يناير الجاري.", "العاشر من يناير الجاري", "2020-01-10"),
])
def test_day_of_month_ordinal_and_relative_month(text, span, expected):
    e = one(text)
    assert (e.text, e.date, e.time_precision) == (span, expected, 1) and "explicit" in e.tags


def test_ordinal_word_alone_is_not_a_day():
    assert ents("أعلن الفصيل الرابع من الفصائل انسحابه من درعا.") == []
    assert ents("قتل 14 الماضي في الاشتباكات.") == []  # "الماضي" after a number needs "الشهر"


def test_day_before_yesterday_after_form_and_last_two_days():
    assert one("قصفت الطائرات بلدة معرة النعمان أمس الأول.").date == "2020-01-14"
    e = one("سيطر الجيش خلال اليومين الماضيين على أجزاء واسعة من حي القدم.")
    assert (e.text, e.date, e.time_precision) == ("خلال اليومين الماضيين", "2020-01-15", 2)


# ---------------------------------------------------------------- an undated paragraph and the lead


def _titled(text: str) -> Work:
    w = run(text)
    w.title = text.split("\n")[0]
    return w


def test_undated_later_paragraph_takes_the_lead_day_past_a_dateline():
    text = ("احتجاجات غاضبة في عدن بسبب انقطاع الكهرباء\n\nعدن/ خاص\n\n"
            "شهدت مديريات عدة في عدن مساء أمس الأربعاء احتجاجات غاضبة على انقطاع الكهرباء.\n\n"
            "وفي مديرية المنصورة، أحرق محتجون الإطارات وقطعوا الطرقات.")
    w = _titled(text)
    s = text.index("وفي مديرية")
    d, p, e = dates.resolve_event_date(w, s, len(text))
    assert (d, p) == ("2020-01-15", 1) and e.text == "مساء أمس الأربعاء"
    w.title = None  # no headline, so no lead paragraph to follow
    assert dates.resolve_event_date(w, s, len(text)) == ("2020-01-16", 2, None)


def test_undated_paragraph_after_another_day_is_the_publication_week():
    text = ("قوات الدعم السريع تسيطر على النهود\n\n"
            "أعلنت قوات الدعم السريع، الأحد، سيطرتها على مدينة النهود في غرب كردفان بعد معارك.\n\n"
            "وتعرضت مدينة كادقلي اليوم الخميس لقصف مدفعي من مواقع الحركة الشعبية.\n\n"
            "وأسقطت المضادات الأرضية طائرة مسيرة حاولت استهداف مطار كادقلي.")
    w = _titled(text)
    s = text.index("وأسقطت")
    assert dates.resolve_event_date(w, s, len(text)) == ("2020-01-16", 2, None)


def test_two_consecutive_days_of_one_span_date_its_start():
    e = one("قال شهود إن مسلحين دخلوا، الأحد والاثنين، إلى مخيم أردمتا في الجنينة وقتلوا مدنيين.")
    assert (e.text, e.date) == ("الأحد والاثنين", "2020-01-12")
    assert len(ents("قصفت الطائرات دير البلح الأحد، والاثنين أعلنت الوزارة الحصيلة.")) == 2  # a comma: two dates


def test_sentence_opening_anterior_date_leaves_the_main_clause_alone():
    text = "وبعد يوم من سيطرتها على بلدة الطيبة، اقتحمت القوات الإسرائيلية مخيم جباليا اليوم."
    w = run(text)
    assert dates.resolve_event_date(w, 0, len(text), anchor=text.index("سيطرتها"))[0] == "2020-01-15"
    assert dates.resolve_event_date(w, 0, len(text), anchor=text.index("اقتحمت"))[0] == "2020-01-16"
    text = "وبعد يوم من سيطرتها على بلدة الطيبة، أعلنت القوات حظر التجوال في المدينة."
    w = run(text)
    assert dates.resolve_event_date(w, 0, len(text), anchor=text.index("أعلنت")) == ("2020-01-16", 2, None)


def test_headline_takes_the_lead_day_past_a_dateline():
    text = ("محتجون يحرقون مباني حكومية في الدمازين\n\nالدمازين/ الأناضول\n\n"
            "أضرم محتجون غاضبون النار، أمس الأربعاء، في مبان حكومية بمدينة الدمازين جنوب شرقي السودان.")
    w = _titled(text)
    assert dates.resolve_event_date(w, 0, text.index("\n"))[0] == "2020-01-15"


def test_al_ghad_is_tomorrow_only_after_a_time_word():
    assert ents("وقال مصدر أمني لصحيفة عدن الغد إن مسلحين هاجموا نقطة في الشيخ عثمان.") == []
    e = one("ويعقد مجلس الأمن جلسة حول ليبيا في الغد.")
    assert e.date == "2020-01-17" and "future" in e.tags
    assert one("ستبدأ الهدنة في الحديدة صباح الغد.").date == "2020-01-17"


@pytest.mark.parametrize("text,span,expected", [
    ("اقتحمت مجموعة مسلحة مقر المؤسسة الوطنية للنفط في طرابلس في بداية الأسبوع الجاري.", "بداية الأسبوع الجاري", "2020-01-13"),
    ("انتشرت الشرطة العسكرية في دوما بموجب اتفاق تم التوصل إليه مطلع الأسبوع.", "مطلع الأسبوع", "2020-01-13"),
    ("اندلعت اشتباكات قبلية في ود الماحي أواخر الأسبوع الماضي.", "أواخر الأسبوع الماضي", "2020-01-11"),
])
def test_week_with_a_period_part(text, span, expected):
    e = one(text)
    assert (e.text, e.date, e.time_precision) == (span, expected, 2)
    assert ents("أعلن الأسبوع الثقافي في بغداد.") == []  # bare "الأسبوع" needs a period part


def test_a_future_date_in_a_later_clause_does_not_make_the_event_future():
    from rasd import Pipeline
    doc = Pipeline().extract("وفي مدينة نابلس، خرجت مسيرة حاشدة جابت شوارع المدينة تنديدا بالعدوان، وسط دعوات "
                             "لإضراب شامل غدا.", published="2023-07-03")
    ev = [e for e in doc.events if e.event_type == "Protests"]
    assert ev and ev[0].modality == "asserted" and ev[0].event_date == "2023-07-03"
