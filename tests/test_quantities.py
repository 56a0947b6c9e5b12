"""QUANTITY recognition and fatality figures (sentences written for these tests)."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.models import Source
from rasd.pipeline import Work
from rasd.recognize import dates, quantities
from rasd.text import normalize, split_sentences

PUB = dt.date(2020, 1, 16)


def run(text: str, pub: dt.date | None = PUB) -> Work:
    w = Work("t", text, normalize(text), split_sentences(text), pub, Source())
    dates.make_component(None)(w)
    quantities.make_component(None)(w)
    return w


def qents(text: str):
    return [(e.text, e.value) for e in run(text).entities if e.type == "QUANTITY"]


def fat(text: str):
    w = run(text)
    return quantities.fatalities_in(w, 0, len(text))


# ---------------------------------------------------------------- numbers


@pytest.mark.parametrize("text,span,value", [
    ("قتل 5 مدنيين في غارة على معرة النعمان.", "5", 5),
    ("قتل ٧ عناصر من الشرطة في الأنبار.", "٧", 7),  # Arabic-Indic digits
    ("نزح 1,200 شخص من القرية.", "1,200", 1200),
    ("قتل خمسة أشخاص في مأرب.", "خمسة", 5),
    ("قتل خمس نساء في قصف على دوما.", "خمس", 5),
    ("أسر ثلاثة عناصر من الحوثيين.", "ثلاثة", 3),
    ("قتل أحد عشر جنديا في كمين بالصومال.", "أحد عشر", 11),
    ("قتل ثلاثة عشر مدنيا في دارفور.", "ثلاثة عشر", 13),
    ("اعتقلت القوات عشرين شخصا في الخليل.", "عشرين", 20),
    ("قتل خمسة وعشرون مسلحا في سرت.", "خمسة وعشرون", 25),
    ("فر مئة وخمسون سجينا من سجن في طرابلس.", "مئة وخمسون", 150),
    ("وصل مائتا مقاتل إلى الجبهة.", "مائتا", 200),
    ("احتشد ثلاثة آلاف متظاهر في بغداد.", "ثلاثة آلاف", 3000),
    ("نزح ألفين شخص من الحديدة.", "ألفين", 2000),
    ("قتل مدنيين اثنين في القصف.", "اثنين", 2),
])
def test_numbers(text, span, value):
    assert (span, value) in qents(text)


@pytest.mark.parametrize("text,span,value,tag", [
    ("قتل العشرات في المعارك قرب مأرب.", "العشرات", 12, "vague:dozens"),
    ("أصيب عشرات المدنيين في غزة.", "عشرات", 12, "vague:dozens"),
    ("وصل المئات من المسلحين إلى سراقب.", "المئات", 100, "vague:hundreds"),
    ("اعتقلت الشرطة عدة أشخاص في الخرطوم.", "عدة", 3, "vague:several"),
    ("قتل عدد من المدنيين في بنغازي.", "عدد من", 3, "vague:several"),
    ("سقطت بضع قذائف على الحي.", "بضع", 3, "vague:several"),
    ("قتل جنديان في هجوم على حاجز.", "جنديان", 2, "dual"),
])
def test_vague_and_dual(text, span, value, tag):
    w = run(text)
    (e,) = [x for x in w.entities if x.type == "QUANTITY" and x.text == span]
    assert e.value == value and tag in e.tags


def test_range_keeps_lowest():
    w = run("قتل بين 5 و7 أشخاص في قصف على إدلب.")
    (e,) = [x for x in w.entities if x.type == "QUANTITY"]
    assert e.value == 5 and "range" in e.tags
    w = run("قتل 10-15 مسلحا في الاشتباكات.")
    (e,) = [x for x in w.entities if x.type == "QUANTITY"]
    assert e.value == 10


def test_qualifier_tags():
    w = run("قتل أكثر من 20 شخصا ونزح نحو 300 آخرين.")
    tags = {e.value: e.tags for e in w.entities if e.type == "QUANTITY"}
    assert "at_least" in tags[20] and "approx" in tags[300]


def test_dates_are_not_quantities():
    text = "قتل 4 جنود في 15 كانون الثاني 2020 وقبل 3 أيام."
    assert qents(text) == [("4", 4)]


def test_word_value():
    assert quantities.word_value("عشرين") == 20
    assert quantities.word_value("وخمسة") == 5
    assert quantities.word_value("17") == 17
    assert quantities.word_value("مدينة") is None


# ---------------------------------------------------------------- fatalities


@pytest.mark.parametrize("text,expected", [
    ("قتل 5 مدنيين في غارة جوية على ريف إدلب.", 5),
    ("أفادت مصادر بمقتل 5 مدنيين بقصف على دوما.", 5),
    ("قتل خمسة أشخاص وأصيب سبعة آخرون بانفجار في بغداد.", 5),
    ("أسفر الهجوم عن سقوط 3 قتلى في صفوف القوات.", 3),
    ("ارتفع عدد القتلى إلى 12 شخصا في الهجوم على السوق.", 12),
    ("لقي 4 عناصر من الجيش حتفهم في كمين بالصومال.", 4),
    ("سقط قتيلان في اشتباك قبلي بدارفور.", 2),
    ("قتل جنديان بانفجار عبوة في كركوك.", 2),
    ("أعلنت المصادر مقتل قيادي في حركة الشباب.", 1),
    ("أدى القصف إلى مقتل طفل في خان يونس.", 1),
    ("أسفر التفجير عن مقتل 3 جنود و2 مدنيين وإصابة 4 آخرين.", 5),
    ("قتل 12 مسلحا وأصيب 20 في معارك جنوب طرابلس.", 12),
    ("أسفرت الغارة عن 7 جرحى و3 قتلى.", 3),
    ("أودى الانفجار بحياة 9 أشخاص في مقديشو.", 9),
    ("أسفر القصف عن مقتل ما لا يقل عن 15 مدنيا.", 15),
    ("قتل العشرات في المعارك.", 12),
    ("قتل بين 5 و7 أشخاص في الغارة.", 5),
    ("قتل مدنيين اثنين في القصف على تعز.", 2),
    ("استشهد ثلاثة فلسطينيين برصاص الاحتلال في جنين.", 3),
])
def test_fatalities(text, expected):
    v, e = fat(text)
    assert v == expected


def test_fatalities_entity_is_the_quantity():
    text = "قتل 5 مدنيين في غارة."
    w = run(text)
    v, e = quantities.fatalities_in(w, 0, len(text))
    assert v == 5 and e is not None and e.type == "QUANTITY" and e.text == "5"


def test_lowest_figure_wins():
    v, _ = fat("أفاد المرصد بمقتل 8 أشخاص، فيما قالت مصادر محلية إن 11 قتيلا سقطوا.")
    assert v == 8


@pytest.mark.parametrize("text", [
    "أصيب 7 مدنيين بجروح في قصف على حلب.",
    "أسفر الهجوم عن إصابة 7 أشخاص.",
    "سقطت 3 قذائف على حي سكني في عدن.",
    "نزح 500 شخص من القرية.",
    "شارك 200 متظاهر في الاحتجاج.",
])
def test_wounded_and_other_numbers_are_not_fatalities(text):
    assert fat(text) == (None, None)


@pytest.mark.parametrize("text", [
    "انفجرت عبوة ناسفة دون وقوع ضحايا.",
    "سقطت القذيفة في أرض زراعية ولم يسفر ذلك عن إصابات.",
    "لم يسفر الانفجار عن إصابات في صفوف المدنيين.",
    "اقتصرت الأضرار على الماديات.",
])
def test_no_casualties_is_zero(text):
    assert fat(text) == (0, None)


def test_killed_and_wounded_together_is_lowest_credible():
    v, e = fat("أسفر القصف عن مقتل وإصابة 10 أشخاص.")
    assert v == 1 and e is not None and e.value == 10
    v, _ = fat("سقط 10 قتلى وجرحى في الانفجار.")
    assert v == 1


def test_fatalities_limited_to_span():
    text = "قتل 4 جنود في درعا. وأصيب 9 في حلب."
    w = run(text)
    cut = text.index("وأصيب")
    assert quantities.fatalities_in(w, cut, len(text)) == (None, None)
    assert quantities.fatalities_in(w, 0, cut)[0] == 4


# ---------------------------------------------------------------- robustness

_WORDS = ["قتل", "مقتل", "5", "خمسة", "وعشرون", "آلاف", "العشرات", "بين", "و", "7", "إصابة", "قتيلان",
          "حتفهم", "عدد", "من", "القتلى", "إلى", "لم", "يسفر", "عن", "إصابات", "-", "،", "أحد", "عشر",
          "مئة", "و٣", "1,2", "ثلاثمئة", "أكثر", "أمس"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=14), st.text(max_size=20))
def test_never_crashes_and_offsets_inside_text(words, noise):
    text = " ".join(words) + noise
    w = run(text)
    for e in w.entities:
        assert 0 <= e.start < e.end <= len(text)
        assert text[e.start:e.end] == e.text
        if e.type == "QUANTITY":
            assert e.value is not None and e.value >= 0
    v, e = quantities.fatalities_in(w, 0, len(text))
    assert v is None or v >= 0


def test_date_and_filler_between_cue_and_figure():
    assert fat("وقتل مساء الجمعة 16 مدنيا في غارة على مستشفى في عفرين.")[0] == 16
    assert fat("استمر القصف أسبوعا قتل خلاله أكثر من 500 مدني.")[0] == 500


def test_named_victim_with_companions():
    assert fat("قتل القيادي في الجماعة مع 3 من مرافقيه بغارة جوية.")[0] == 4


def test_no_reports_of_casualties_is_zero():
    assert fat("ولم ترد تقارير فورية عن وقوع أضرار أو إصابات بعد الهجوم.") == (0, None)


def test_range_in_words():
    w = run("قتل بين خمسة وسبعة أشخاص في قصف على الفاشر.")
    (e,) = [x for x in w.entities if x.type == "QUANTITY"]
    assert e.value == 5 and "range" in e.tags and e.text == "خمسة وسبعة"
    w = run("قتل 4 أو 5 جنود في كمين بشبوة.")
    (e,) = [x for x in w.entities if x.type == "QUANTITY"]
    assert e.value == 4 and "range" in e.tags


# ---------------------------------------------------------------- document tokens are only a speed-up

_PIECES = ["قتل", "وقتل", "5", "1,200", "3.5", "12", "خمسة", "وعشرون", "مقتل", "العشرات", "قتيلان", "بين",
           "و7", "-", "،", ".", "جرحى", "مدنيين", "نحو", "ثلاثة", "آلاف", "الثلاثاء", "x", "؟", "15/1/2020"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_PIECES), st.sampled_from([" ", "", "\n", "، "])), max_size=20),
       st.integers(0, 200), st.integers(0, 200))
def test_doc_tokens_range_equals_tokenising_the_range(parts, a, b):
    """Cutting anywhere, also inside a token ("1,2|00"), gives what tokenising the range gives."""
    s = normalize("".join(w + sep for w, sep in parts)).norm
    a, b = min(a, b, len(s)), min(max(a, b), len(s))
    doc = quantities.DocTokens(s)
    assert doc.range(a, b) == quantities.tokens(s, a, b)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_PIECES), st.sampled_from([" ", "", "، "])), max_size=20))
def test_candidate_scan_finds_the_same_quantities(parts):
    s = normalize("".join(w + sep for w, sep in parts)).norm
    t = quantities.load_tables()
    doc = quantities.DocTokens(s)
    fast = quantities.quantities_in(doc, t, (), doc.candidates(t))
    assert fast == quantities.quantities_in(quantities.tokens(s), t)
