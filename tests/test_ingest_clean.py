"""Input cleaning: web footers, titles, HTML, language, and bad inputs."""
from __future__ import annotations

import json
import time

import pytest

from rasd.ingest import (MAX_CHARS, RawDoc, detect_language, extract_raw, find_title, load_boilerplate,
                         prepare_html, prepare_text, read_input, read_jsonl, strip_footer, truncate)

TITLE = "مقتل خمسة مدنيين بقصف على ريف مأرب"
P1 = ("قالت مصادر محلية في محافظة مأرب شرقي اليمن، إن خمسة مدنيين بينهم طفلان قتلوا صباح اليوم الثلاثاء "
      "جراء قصف صاروخي استهدف حيا سكنيا في مديرية صرواح، واتهمت المصادر جماعة الحوثي بالوقوف وراء الهجوم.")
P2 = ("وأضافت المصادر أن فرق الإسعاف نقلت عددا من الجرحى إلى مستشفى المدينة، فيما تواصلت الاشتباكات "
      "المتقطعة بين القوات الحكومية ومسلحي الجماعة على جبهات الكسارة والمشجح غربي المحافظة حتى ساعات المساء.")
P3 = ("وفي ليبيا، أعلن مسؤول أمني في مدينة سرت أن دورية تابعة لقوات حكومة الوحدة الوطنية تعرضت لهجوم "
      "بعبوة ناسفة على الطريق الساحلي، ما أدى إلى إصابة ثلاثة عناصر بجروح متفاوتة، دون أن تتبنى أي جهة الهجوم.")
P4 = ("وفي الصومال، ذكرت الشرطة أن مسلحين من حركة الشباب هاجموا مركزا أمنيا في ضواحي العاصمة مقديشو "
      "فجر الأربعاء، واندلع اشتباك استمر نحو ساعة قبل أن ينسحب المهاجمون باتجاه إقليم شبيلي السفلى.")
ARTICLE = f"{TITLE}\n\n{P1}\n\n{P2}\n\n{P3}\n\n{P4}"
PARAS = (P1, P2, P3, P4)

FOOTERS = {
    "wordpress_comment_form": """اترك تعليقاً

لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *

التعليق *

الاسم *

البريد الإلكتروني *

مقالات ذات صلة

الجيش السوداني يعلن استعادة مواقع في ولاية الخرطوم

غارات إسرائيلية على جنوب لبنان

زر الذهاب إلى الأعلى""",
    "news_site_related_share": """اقرأ أيضاً:

- انفجار يهز حيا في بغداد ويوقع جرحى
- مقتل قيادي في تنظيم الدولة بغارة شمال العراق

شارك هذا المقال
فيسبوك تويتر واتساب تلغرام
جميع الحقوق محفوظة © 2024""",
    "tags_and_topics": """الوسوم: اليمن، الحوثيون، مأرب
مواضيع ذات صلة
أخبار ذات صلة
المزيد من الأخبار""",
    "subscribe_follow": """تابعونا على تويتر وفيسبوك
اشترك في النشرة البريدية
سياسة الخصوصية | اتصل بنا | من نحن""",
    "english_wordpress": """Related Posts

Leave a Reply
Your email address will not be published. Required fields are marked *
Comment
Post Comment
Back to top button""",
    "english_news": """Share this article
Facebook Twitter WhatsApp Email
Read more: Gaza strikes continue
© 2024 Example News. All rights reserved.""",
}


@pytest.mark.parametrize("family", sorted(FOOTERS))
def test_footer_families_removed_every_paragraph_kept(family):
    raw = ARTICLE + "\n\n" + FOOTERS[family] + "\n"
    p = prepare_text(raw)
    assert p.text == ARTICLE
    assert p.title == TITLE
    assert [w.code for w in p.warnings] == ["boilerplate_removed"]


def test_no_footer_nothing_cut():
    p = prepare_text(ARTICLE + "\n")
    assert p.text == ARTICLE and p.warnings == []


def test_cue_words_inside_the_article_are_not_cut():
    # a cue-like short line in the middle (followed by long paragraphs) stays
    mid = f"{TITLE}\n\n{P1}\n\nاقرأ أيضا\n\n{P2}\n\n{P3}"
    assert prepare_text(mid).text == mid
    # a long paragraph that starts with a cue word is article text, even at the end
    long_last = ("شارك هذا الأسبوع مئات المقاتلين من الفصائل المسلحة في هجوم واسع على مواقع القوات الحكومية "
                 "في ريف حماة الشمالي، وقالت مصادر ميدانية إن الاشتباكات أسفرت عن مقتل عشرات من الطرفين.")
    text = f"{TITLE}\n\n{P1}\n\n{long_last}"
    assert prepare_text(text).text == text
    # a short real last line that is not a footer
    short_last = "شارك في العملية عشرات المقاتلين."
    text2 = f"{TITLE}\n\n{P1}\n\n{short_last}"
    assert prepare_text(text2).text == text2


def test_short_lines_before_the_first_cue_are_kept():
    text = f"{TITLE}\n\n{P1}\n\n{P2}\n\nالمصدر: وكالات"
    p = prepare_text(text + "\n\nمقالات ذات صلة\nعنوان آخر")
    assert p.text == text


def test_footer_only_text_is_left_alone():
    raw = "اترك تعليقاً\n\nزر الذهاب إلى الأعلى"
    assert prepare_text(raw).text == raw


def test_cue_patterns_are_normalised():
    bp = load_boilerplate()
    for line in ("اترك تعليقاً", "اترك تعليقا", "أضف تعليق", "إقرأ أيضًا:", "• مقالات ذات صلة", "RELATED POSTS",
                 "زر الذهاب إلى الأعلى", "الكلمات المفتاحية: سوريا"):
        assert bp.cue(line), line
    for line in ("قصفت الطائرات بلدة كفرنبل", "شارك في الهجوم مقاتلون", ""):
        assert bp.cue(line) is None, line


def test_strip_footer_reports_family():
    text, family = strip_footer(f"{P1}\n\nمقالات ذات صلة\nعنوان")
    assert text == P1 and family == "related"


# ---------------------------------------------------------------- titles
def test_title_rules():
    assert find_title(ARTICLE) == TITLE
    assert find_title(f"{TITLE}\n{P1}") is None  # no blank line after it
    assert find_title(f"{P1}\n\n{P2}") is None  # a long first paragraph is not a title
    assert find_title(f"قتل خمسة مدنيين في مأرب.\n\n{P2}") is None  # ends like a sentence
    assert find_title(TITLE) is None  # nothing after it
    p = prepare_text(P1 + "\n\n" + P2)
    assert p.title is None and p.text.startswith(P1)


def test_given_title_becomes_first_line():
    p = prepare_text(f"{P1}\n\n{P2}", title="عنوان  الخبر")
    assert p.title == "عنوان الخبر" and p.text.startswith("عنوان الخبر\n\n" + P1)


def test_line_endings_and_bom_tidied():
    raw = "\ufeff" + ARTICLE.replace("\n", "\r\n") + "\r\n\r\n\r\n"
    assert prepare_text(raw).text == ARTICLE


# ---------------------------------------------------------------- HTML
def _page(body_paras, *, title=TITLE, date="2023-05-14", comments=True):
    paras = "".join(f"<p>{p}</p>" for p in body_paras)
    comment_block = ("<div id='comments' class='comments-area'><h3>اترك تعليقاً</h3>"
                     "<div class='comment'><p>تعليق من زائر: هذا الخبر غير دقيق ونطالب بالتحقيق في الهجوم</p></div></div>"
                     if comments else "")
    return f"""<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>{title} | موقع الأخبار</title>
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="{date}T08:30:00+03:00">
<script>window.dataLayer = []; function track() {{ return 1; }}</script>
<style>body {{ color: black; }}</style></head>
<body><header><nav><a href="/">الرئيسية</a> <a href="/world">العالم</a></nav></header>
<main><article><h1>{title}</h1><time datetime="{date}">{date}</time>{paras}</article>{comment_block}</main>
<aside><h3>الأكثر قراءة</h3><ul><li><a href="/1">خبر آخر</a></li></ul></aside>
<footer><p>جميع الحقوق محفوظة © 2023</p></footer></body></html>"""


def test_html_article_title_date_no_comments():
    p = prepare_html(_page(PARAS))
    assert p.title == TITLE
    assert p.published == "2023-05-14"
    assert p.text.startswith(TITLE + "\n")
    for para in PARAS:
        assert para in p.text
    assert "تعليق من زائر" not in p.text
    assert "جميع الحقوق" not in p.text and "window.dataLayer" not in p.text


def test_html_scripts_only_page():
    html = ("<html><head><script>var a = 1; document.write('x');</script></head>"
            "<body><script src='app.js'></script><noscript>enable JS</noscript></body></html>")
    p = prepare_html(html)
    assert p.text == "" and [w.code for w in p.warnings] == ["no_article"]


def test_html_garbage_does_not_raise():
    for html in ("", "<<<>>>", "\x00\x01", "<html>" * 1000):
        p = prepare_html(html)
        assert isinstance(p.text, str)


def test_html_through_extract_raw(pipeline):
    doc = extract_raw(pipeline, RawDoc("page.html", _page(PARAS), format="html"), published="2020-01-01")
    assert doc.source.published == "2023-05-14"  # the page's own date wins over a batch default
    assert doc.title == TITLE and doc.text.startswith(TITLE)
    empty = extract_raw(pipeline, RawDoc("s.html", "<html><script>x()</script></html>", format="html"))
    codes = [w.code for w in empty.warnings]
    assert "no_article" in codes and empty.text == "" and empty.events == []


# ---------------------------------------------------------------- language
@pytest.mark.parametrize("text,lang", [
    (ARTICLE, "ar"),
    ("أعلن الجيش العراقي مقتل ثلاثة عناصر من تنظيم ISIS في كركوك، بحسب وكالة Reuters.", "ar"),
    ("Syrian government forces shelled the town of Kafranbel in southern Idlib on Wednesday, "
     "killing five civilians, according to local sources.", "en"),
    ("Les forces gouvernementales ont bombardé la ville de Kafranbel mercredi, tuant cinq civils, "
     "selon des sources locales.", "fr"),
    ("نیروهای دولتی سوریه روز چهارشنبه شهر کفرنبل را گلوله باران کردند و پنج غیرنظامی کشته شدند.", "fa"),
    ("", None),
    ("12345 -- 2020/01/16", None),
])
def test_detect_language(text, lang):
    assert detect_language(text) == lang


def test_english_document_gets_warning_and_no_events(pipeline):
    text = ("Syrian government forces shelled the town of Kafranbel in southern Idlib on Wednesday, "
            "killing five civilians, according to local sources.")
    doc = extract_raw(pipeline, RawDoc("en.txt", text), published="2020-01-16")
    assert doc.language == "en"
    assert "not_arabic" in [w.code for w in doc.warnings]
    assert doc.events == [] and doc.entities == []


# ---------------------------------------------------------------- bad inputs
def test_empty_file(tmp_path, pipeline):
    f = tmp_path / "empty.txt"
    f.write_bytes(b"")
    (raw,) = list(read_input(f))
    doc = extract_raw(pipeline, raw)
    assert doc.doc_id == "empty.txt" and doc.text == ""
    assert "empty" in [w.code for w in doc.warnings]


def test_whitespace_only_file(tmp_path, pipeline):
    f = tmp_path / "blank.txt"
    f.write_text(" \n\n\t\n", encoding="utf-8")
    doc = extract_raw(pipeline, next(read_input(f)))
    assert "empty" in [w.code for w in doc.warnings]


def test_binary_file(tmp_path, pipeline):
    f = tmp_path / "image.txt"
    f.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 40)
    (raw,) = list(read_input(f))
    assert raw.content == "" and [w.code for w in raw.warnings] == ["binary_input"]
    doc = extract_raw(pipeline, raw)
    assert doc.text == "" and doc.events == []


def test_undecodable_bytes_without_nul_are_binary(tmp_path):
    f = tmp_path / "noise.txt"
    f.write_bytes(bytes([0x80 + (i * 7) % 64 for i in range(5000)]))
    (raw,) = list(read_input(f))
    assert [w.code for w in raw.warnings] == ["binary_input"]


def test_invalid_utf8(tmp_path, pipeline):
    f = tmp_path / "bad.txt"
    f.write_bytes(ARTICLE.encode("utf-8").replace("مأرب".encode(), b"\xff\xfe\xfa", 1))
    (raw,) = list(read_input(f))
    assert [w.code for w in raw.warnings] == ["invalid_utf8"]
    assert "\ufffd" in raw.content
    doc = extract_raw(pipeline, raw)
    assert P2 in doc.text and "invalid_utf8" in [w.code for w in doc.warnings]


def test_utf16_with_bom(tmp_path):
    f = tmp_path / "u16.txt"
    f.write_bytes(ARTICLE.encode("utf-16"))
    (raw,) = list(read_input(f))
    assert raw.warnings == [] and prepare_text(raw.content).text == ARTICLE


def test_huge_text_is_truncated_and_finishes(tmp_path):
    """A 20 MB file is read only up to the limit and cut at a paragraph break. (The
    recognisers' own speed on MAX_CHARS is measured by bench/throughput.py --full.)"""
    from rasd import Pipeline

    pipeline = Pipeline(components=())
    f = tmp_path / "huge.txt"
    block = (ARTICLE + "\n\n").encode("utf-8")
    with open(f, "wb") as out:
        for _ in range(20 * 1024 * 1024 // len(block) + 1):
            out.write(block)
    assert f.stat().st_size >= 20 * 1024 * 1024
    (raw,) = list(read_input(f))
    assert "truncated" in [w.code for w in raw.warnings]
    doc = extract_raw(pipeline, raw)
    assert len(doc.text) <= MAX_CHARS
    assert doc.text.endswith((TITLE,) + PARAS)  # cut at a paragraph break
    assert [w.code for w in doc.warnings].count("truncated") == 1


def test_truncate_rules():
    text = "\n\n".join(PARAS * 3)
    cut, w = truncate(text, 700)
    assert len(cut) <= 700 and cut.endswith(tuple(PARAS)) and w.code == "truncated"
    same, none = truncate(text, len(text))
    assert same == text and none is None


def test_unreadable_path_raises_oserror(tmp_path):
    with pytest.raises(OSError):
        list(read_input(tmp_path / "missing.txt"))


# ---------------------------------------------------------------- JSONL
def _jsonl(lines):
    import io

    return io.BytesIO("".join(line + "\n" for line in lines).encode("utf-8"))


def test_jsonl_records_in_order_with_malformed_lines():
    lines = [
        json.dumps({"doc_id": "a", "text": P1, "published": "2023-01-02", "outlet": "X", "url": "http://x/a"}, ensure_ascii=False),
        "{not json",
        "",
        json.dumps({"text": P2}, ensure_ascii=False),
        json.dumps(["a", "list"]),
        json.dumps({"title": "no body"}),
        json.dumps({"html": _page(PARAS, comments=False), "doc_id": "h"}, ensure_ascii=False),
        json.dumps({"doc_id": 7, "text": P3, "published": 20230102}, ensure_ascii=False),
    ]
    docs = list(read_jsonl(_jsonl(lines)))
    assert [d.doc_id for d in docs] == ["a", "line:2", "line:4", "line:5", "line:6", "h", "7"]
    assert docs[0].published == "2023-01-02" and docs[0].outlet == "X" and docs[0].url == "http://x/a"
    assert "line 2" in docs[1].warnings[0].message and docs[1].warnings[0].code == "malformed_line"
    assert "line 5" in docs[3].warnings[0].message
    assert "line 6" in docs[4].warnings[0].message
    assert docs[5].format == "html"
    assert docs[2].warnings == [] and docs[2].content == P2


def test_jsonl_bad_published_is_a_warning(pipeline):
    raw = RawDoc("x", P1, published="yesterday")
    doc = extract_raw(pipeline, raw, published="2020-01-01")
    assert doc.source.published is None
    assert "bad_published" in [w.code for w in doc.warnings]
    raw2 = RawDoc("y", P1)
    assert extract_raw(pipeline, raw2, published="2020-01-01", outlet="O").source.published == "2020-01-01"


def test_format_guessed_from_extension(tmp_path):
    j = tmp_path / "batch.jsonl"
    j.write_text(json.dumps({"text": P1}, ensure_ascii=False) + "\n", encoding="utf-8")
    assert [d.doc_id for d in read_input(j)] == ["line:1"]
    h = tmp_path / "page.html"
    h.write_text(_page(PARAS), encoding="utf-8")
    assert next(read_input(h)).format == "html"
    t = tmp_path / "page.html.txt"
    t.write_text(ARTICLE, encoding="utf-8")
    assert next(read_input(t)).format == "text"
    assert next(read_input(h, "text")).format == "text"


def test_extract_raw_survives_a_failing_component():
    class Broken:
        def extract(self, *a, **k):
            raise RuntimeError("boom")

        def provenance(self):
            raise RuntimeError("no provenance either")

    doc = extract_raw(Broken(), RawDoc("x.txt", ARTICLE))
    assert doc.text == ARTICLE and doc.events == []
    assert any(w.code == "extraction_failed" and "boom" in w.message for w in doc.warnings)
