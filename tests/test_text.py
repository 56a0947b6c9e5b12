"""The Arabic text layer: normalisation with offset maps, sentences, clitic-aware tokens."""
from __future__ import annotations

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rasd.text import analyses, norm, normalize, paragraphs, split_sentences, tokenize

# Arabic-heavy text: letters, diacritics, tatweel, digits, presentation forms, odd spaces, bidi marks
_ARABIC_ALPHABET = (
    [chr(c) for c in range(0x0600, 0x0700)]
    + [chr(c) for c in range(0xFB50, 0xFB60)] + [chr(c) for c in range(0xFE70, 0xFEFF)]
    + ["\u00a0", "\u200f", "\u200e", "\u202b", "\u202c", "\u2066", "\u2069", "\u200b", "\ufeff", "\u2028",
       "\u3000", "«", "»", "“", "”", '"', ".", "؟", "!", "…", "\n", " ", "İ", "ß", "ﬁ", "Å"]
    + list(string.ascii_letters + string.digits)
)
arabic_text = st.text(alphabet=st.sampled_from(_ARABIC_ALPHABET), max_size=200)
any_text = st.text(max_size=200)  # all of Unicode, surrogates excluded by hypothesis
texts = st.one_of(arabic_text, any_text)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# ------------------------------------------------------------------ properties
@SETTINGS
@given(texts)
def test_offset_map_shape(text):
    nt = normalize(text)
    assert nt.original == text
    assert len(nt.origin) == len(nt.norm) + 1
    assert nt.origin[-1] == len(text)
    assert all(0 <= o < len(text) for o in nt.origin[:-1])
    assert list(nt.origin) == sorted(nt.origin)  # monotonic
    assert norm(text) == nt.norm


@SETTINGS
@given(texts, st.data())
def test_every_span_maps_inside_and_round_trips(text, data):
    nt = normalize(text)
    n = len(nt.norm)
    i = data.draw(st.integers(0, n))
    j = data.draw(st.integers(i, n))
    a, b = nt.span(i, j)
    assert 0 <= a <= b <= len(text)
    piece = text[a:b]
    assert nt.orig(i, j) == piece
    # the original span normalises to (at least) the normalised span
    assert nt.norm[i:j] in norm(piece)
    # on character boundaries it is exactly the normalised span
    on_boundary = (i == 0 or nt.origin[i] != nt.origin[i - 1]) and (j == n or nt.origin[j] != nt.origin[j - 1])
    if on_boundary and i < j:
        assert norm(piece) == nt.norm[i:j]


@SETTINGS
@given(texts)
def test_sentences_are_ordered_slices(text):
    sents = split_sentences(text)
    last = 0
    for s in sents:
        assert 0 <= s.start < s.end <= len(text)
        assert text[s.start:s.end] == s.text
        assert s.text == s.text.strip() and s.text
        assert s.start >= last
        last = s.end
    for s in split_sentences(text, semicolon=True):
        assert text[s.start:s.end] == s.text
    for ps, pe in paragraphs(text):
        assert text[ps:pe].strip() == text[ps:pe]


@SETTINGS
@given(texts)
def test_tokens_are_slices_with_analyses(text):
    for t in tokenize(text):
        assert text[t.start:t.end] == t.text
        assert t.norm == norm(t.text)
        assert t.analyses and t.analyses[0].prefix == "" and t.analyses[0].stem == t.norm
        for a in t.analyses:  # every analysis spells the word back (ة written ت before a pronoun)
            spelled = a.prefix + a.stem + a.suffix
            restored = a.prefix + a.stem[:-1] + "ت" + a.suffix if a.suffix and a.stem.endswith("ه") else None
            assert t.norm in (spelled, restored)


# ------------------------------------------------------------------ normalisation rules
@pytest.mark.parametrize("raw,expected", [
    ("أحمد إدلب آمنة ٱلله", "احمد ادلب امنه الله"),      # alef variants, ta marbuta
    ("مدينة", "مدينه"),                                    # ta marbuta → ha
    ("مستشفى على", "مستشفي علي"),                          # alef maqsura → ya
    ("لـ”سبوتنيك”", "ل”سبوتنيك”"),                        # tatweel
    ("الجـــيش", "الجيش"),
    ("إِدْلِبُ قُتِلَ مُسَلَّحٌ", "ادلب قتل مسلح"),          # harakat, shadda, sukun, tanwin
    ("الرحمٰن", "الرحمن"),                                 # dagger alef
    ("٠١٢٣٤٥٦٧٨٩", "0123456789"),                           # Arabic-Indic digits
    ("۰۱۲۳۴۵۶۷۸۹", "0123456789"),                           # Persian digits
    ("٣٫٥", "3.5"),                                         # Arabic decimal separator
    ("ریف کفرنبل", "ريف كفرنبل"),                           # Persian ya and kaf
    ("ريف\u00a0إدلب", "ريف ادلب"),                          # NBSP
    ("ريف\u2009إدلب\u202fالجنوبي\u3000x", "ريف ادلب الجنوبي x"),  # thin/narrow/ideographic spaces
    ("\u200fإدلب\u200e\u202b\u202c\u2066\u2069\u061c", "ادلب"),   # bidi controls
    ("\ufeffحلب\u200b\u200c", "حلب"),                       # BOM, zero-width
    ("\ufefb\ufe8d\ufedf", "لاال"),                          # presentation forms (lam-alef ligature)
    ("Idlib ALEPPO", "idlib aleppo"),                      # Latin lower-cased
])
def test_normalisation_rules(raw, expected):
    assert norm(raw) == expected
    assert normalize(raw).norm == expected


def test_found_span_maps_back_to_original_with_marks():
    text = "قصفت الطائراتُ الحربيّة بلدةَ كفرنبل\u00a0جنوب إِدْلِب."
    nt = normalize(text)
    for word in ("كفرنبل جنوب ادلب", "الحربيه", "ادلب"):
        i = nt.norm.index(word)
        a, b = nt.span(i, i + len(word))
        assert norm(text[a:b]) == word
    i = nt.norm.index("ادلب")
    assert text[slice(*nt.span(i, i + 4))] == "إِدْلِب"  # the trailing kasra/sukun belong to the word


def test_ligature_maps_to_its_source_character():
    text = "قال \ufefb يوجد"  # ﻻ = لا
    nt = normalize(text)
    i = nt.norm.index("لا")
    a, b = nt.span(i, i + 2)
    assert text[a:b] == "\ufefb"
    assert nt.span(i, i + 1) == (a, b)  # half the expansion still maps to the whole character


def test_empty_span():
    nt = normalize("حلب")
    assert nt.span(2, 2) == (2, 2)
    assert nt.span(5, 1)[0] <= 3


# ------------------------------------------------------------------ sentences
def _texts(text, **kw):
    return [s.text for s in split_sentences(text, **kw)]


def test_sentence_ends_and_lines():
    text = "قصفت الطائرات مدينة الرقة. قتل خمسة مدنيين! هل انتهى القتال؟ لا\nسطر جديد\n\nفقرة ثانية"
    assert _texts(text) == ["قصفت الطائرات مدينة الرقة.", "قتل خمسة مدنيين!", "هل انتهى القتال؟", "لا",
                            "سطر جديد", "فقرة ثانية"]
    assert [s.paragraph for s in split_sentences(text)] == [0, 0, 0, 0, 1, 2]


@pytest.mark.parametrize("quote", ["«{}»", "“{}”", '"{}"'])
def test_no_split_inside_quotes(quote):
    inner = "الوضع خطير. نحن ننتظر الدعم!"
    text = "وقال المتحدث " + quote.format(inner) + " ثم غادر. وتابع الحديث."
    assert _texts(text) == ["وقال المتحدث " + quote.format(inner) + " ثم غادر.", "وتابع الحديث."]


def test_quote_ending_sentence():
    text = "وقال القائد «سنواصل العمليات.» وانسحبت القوات."
    assert len(_texts(text)) in (1, 2)
    text2 = "وقال القائد: «سنواصل العمليات». وانسحبت القوات."
    assert _texts(text2) == ["وقال القائد: «سنواصل العمليات».", "وانسحبت القوات."]


def test_unclosed_quote_does_not_swallow_paragraph():
    text = "قال «الوضع خطير. انتهى الأمر.\nسطر آخر."
    assert _texts(text)[-1] == "سطر آخر."


@pytest.mark.parametrize("text,n", [
    ("التقى د. محمد بالوفد في عدن. ثم غادر.", 2),
    ("قال م. أحمد إن الحصار مستمر. وأضاف شيئا.", 2),
    ("توفي عام 1350 هـ. في بغداد.", 1),
    ("بلغ عدد النازحين 3.5 مليون شخص. وفق الأمم المتحدة.", 2),
    ("Mr. Smith arrived in Mogadishu. He left.", 2),
    ("وصل U.S. وفد إلى بنغازي.", 1),
])
def test_abbreviations_and_numbers(text, n):
    assert len(_texts(text)) == n


def test_semicolon_option():
    text = "قصفت الطائرات حلب؛ وقتل مدنيون."
    assert len(_texts(text)) == 1
    assert len(_texts(text, semicolon=True)) == 2


# ------------------------------------------------------------------ clitics
def _splits(word):
    return {(a.prefix, a.stem, a.suffix) for a in analyses(word)}


@pytest.mark.parametrize("word,expected", [
    ("بريف", ("ب", "ريف", "")),
    ("وبلدة", ("و", "بلده", "")),
    ("لتنظيم", ("ل", "تنظيم", "")),
    ("سيطرته", ("", "سيطره", "ه")),
    ("للجيش", ("لل", "جيش", "")),
    ("بالاندماج", ("بال", "اندماج", "")),
    ("وبالاندماج", ("وبال", "اندماج", "")),
    ("فالقوات", ("فال", "قوات", "")),
    ("كالمدنيين", ("كال", "مدنيين", "")),
    ("وسيطرتهم", ("و", "سيطره", "هم")),
    ("مقاتليها", ("", "مقاتلي", "ها")),
    ("قواتنا", ("", "قوات", "نا")),
    ("وسيقصف", ("وس", "يقصف", "")),
])
def test_clitic_analyses_expose_stems(word, expected):
    assert expected in _splits(word)


def test_unsplit_first_and_short_stems_kept_whole():
    for w in ("بريف", "سوريا", "وادي", "لبنان", "بغداد"):
        first = analyses(w)[0]
        assert (first.prefix, first.stem, first.suffix) == ("", norm(w), "")
    assert all(len(a.stem) >= 2 for a in analyses("بل"))
    assert analyses("بال")[0].stem == "بال"


def test_definite_flag():
    assert any(a.definite for a in analyses("للجيش"))
    assert any(a.definite for a in analyses("بالاندماج"))
    assert not analyses("بريف")[-1].definite


def test_tokenize_offsets_and_stems():
    text = "وسيطر الجيشُ على بلدة «خطرة» بريفِ إدلب، ١٢ قتيلا."
    toks = tokenize(text)
    assert [t.text for t in toks][:3] == ["وسيطر", "الجيشُ", "على"]
    for t in toks:
        assert text[t.start:t.end] == t.text
    by = {t.text: t for t in toks}
    assert by["الجيشُ"].norm == "الجيش"
    assert ("ب", "ريف", "") in {(a.prefix, a.stem, a.suffix) for a in by["بريفِ"].analyses}
    assert "12" in [t.norm for t in toks]
